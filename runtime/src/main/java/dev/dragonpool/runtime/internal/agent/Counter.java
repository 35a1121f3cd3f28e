package dev.dragonpool.runtime.internal.agent;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A monotonic event counter of the agent ({@code increment}, {@code add}, {@code sum}, like
 * {@link java.util.concurrent.atomic.LongAdder}). It is an {@link AtomicLong} underneath on
 * purpose: the agent counts while classes load, from {@code premain} on, and {@code LongAdder}'s
 * first use initialises VarHandles and spins method-handle forms, a few milliseconds of start-up
 * that a counter bumped once per class load does not need to pay (class loading is not contended
 * enough for striping to matter).
 */
public final class Counter {
    private final AtomicLong value = new AtomicLong();

    /** Adds one. */
    public void increment() {
        value.incrementAndGet();
    }

    /**
     * Adds {@code n}.
     *
     * @param n the amount, zero does nothing
     */
    public void add(long n) {
        if (n != 0) {
            value.addAndGet(n);
        }
    }

    /** @return the current count */
    public long sum() {
        return value.get();
    }

    @Override
    public String toString() {
        return Long.toString(sum());
    }
}
