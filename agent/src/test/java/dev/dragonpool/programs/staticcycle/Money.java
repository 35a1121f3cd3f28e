package dev.dragonpool.programs.staticcycle;

/** A stateless superclass whose static final field allocates a pooled subclass; the subclass is allocated first. */
abstract class Money {
    static final Money ZERO = new Eur(0);

    static {
        Trace.note("Money.<clinit> done, ZERO=" + ZERO, null);
    }

    abstract long cents();
}
