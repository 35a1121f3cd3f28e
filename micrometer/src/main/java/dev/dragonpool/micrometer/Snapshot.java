package dev.dragonpool.micrometer;

import java.util.function.Supplier;

/**
 * One pool's stats snapshot, reused by all its meters for a short time, so that one scrape (which
 * reads a pool's meters one after the other) sees one consistent snapshot and costs one
 * {@code stats()} call per pool.
 *
 * <p>Concurrency: racy by design. Two threads that read a stale snapshot at once may both take a
 * new one; either is a valid snapshot, and publication through the {@code volatile} field is safe
 * because {@link Taken} is immutable.
 *
 * @param <S> the snapshot record type
 */
final class Snapshot<S> {
    private static final class Taken<S> {
        final S stats;
        final long nanos;

        Taken(S stats, long nanos) {
            this.stats = stats;
            this.nanos = nanos;
        }
    }

    private final Supplier<S> source;
    private final long maxAgeNanos;
    private volatile Taken<S> last;

    Snapshot(Supplier<S> source, long maxAgeNanos) {
        this.source = source;
        this.maxAgeNanos = maxAgeNanos;
    }

    /** @return a snapshot taken at most the max age ago */
    S get() {
        long now = System.nanoTime();
        Taken<S> t = last;
        if (t == null || now - t.nanos >= maxAgeNanos) {
            t = new Taken<>(source.get(), now);
            last = t;
        }
        return t.stats;
    }
}
