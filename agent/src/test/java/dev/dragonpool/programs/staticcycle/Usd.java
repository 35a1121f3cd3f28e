package dev.dragonpool.programs.staticcycle;

import dev.dragonpool.annotations.Pooled;

@Pooled
final class Usd extends Price {
    static final String SYMBOL = Trace.note("Usd.<clinit>", "USD");
    final long cents;
    final String symbol;

    Usd(long cents) {
        this.cents = cents;
        this.symbol = SYMBOL;
        Trace.note("Usd(" + cents + ") symbol=" + SYMBOL, null);
    }

    @Override
    long cents() {
        return cents;
    }

    @Override
    public String toString() {
        return cents + " " + symbol;
    }
}
