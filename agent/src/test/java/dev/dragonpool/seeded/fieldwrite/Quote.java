package dev.dragonpool.seeded.fieldwrite;

import dev.dragonpool.annotations.Pooled;

/** A pooled quote whose fields other classes write directly. */
@Pooled
final class Quote {
    String symbol;
    long price;

    Quote(String symbol, long price) {
        this.symbol = symbol;
        this.price = price;
    }
}
