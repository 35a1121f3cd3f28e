package dev.dragonpool.programs.staticcycle;

import dev.dragonpool.annotations.Pooled;

@Pooled
final class Eur extends Money {
    static final String SYMBOL = Trace.note("Eur.<clinit>", "EUR");
    static int made;
    final long cents;
    final String symbol;

    Eur(long cents) {
        this.cents = cents;
        this.symbol = SYMBOL;
        made++;
        Trace.note("Eur(" + cents + ") symbol=" + SYMBOL + " made=" + made, null);
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
