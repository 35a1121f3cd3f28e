package dev.dragonpool.seeded.fieldread;

import dev.dragonpool.annotations.Pooled;

/** A pooled quote whose fields other classes read directly. */
@Pooled
final class Quote {
    String symbol;
    long price;

    Quote(String symbol, long price) {
        this.symbol = symbol;
        this.price = price;
    }
}
