package dev.dragonpool.runtime.jmx;

import java.util.function.Supplier;

/**
 * A stats snapshot reused for a few milliseconds, so that one {@code getAttributes} call (a JMX client
 * reads a whole bean at once, attribute by attribute) sees one consistent snapshot and costs one
 * {@code stats()} call. Racy by design: two threads may both refresh; either snapshot is valid.
 */
final class CachedStats<S> {
    /** How long a snapshot is reused. Far below any human or polling interval. */
    static final long MAX_AGE_NANOS = 20_000_000L;

    private static final class Taken<S> {
        final S stats;
        final long nanos;

        Taken(S stats, long nanos) {
            this.stats = stats;
            this.nanos = nanos;
        }
    }

    private final Supplier<S> source;
    private volatile Taken<S> last;

    CachedStats(Supplier<S> source) {
        this.source = source;
    }

    S get() {
        long now = System.nanoTime();
        Taken<S> t = last;
        if (t == null || now - t.nanos > MAX_AGE_NANOS) {
            t = new Taken<>(source.get(), now);
            last = t;
        }
        return t.stats;
    }

    /** Forgets the snapshot, after an operation changed the pool. */
    void invalidate() {
        last = null;
    }
}
