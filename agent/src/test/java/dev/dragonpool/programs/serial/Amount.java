package dev.dragonpool.programs.serial;

import dev.dragonpool.annotations.Pooled;

/** Serializable through Number (a superclass without instance state). */
@Pooled
final class Amount extends Number {
    final long cents;
    private final String currency;

    Amount(long cents, String currency) {
        this.cents = cents;
        this.currency = currency;
    }

    @Override
    public int intValue() {
        return (int) cents;
    }

    @Override
    public long longValue() {
        return cents;
    }

    @Override
    public float floatValue() {
        return cents;
    }

    @Override
    public double doubleValue() {
        return cents;
    }

    @Override
    public String toString() {
        return "Amount(" + cents + " " + currency + ")";
    }
}
