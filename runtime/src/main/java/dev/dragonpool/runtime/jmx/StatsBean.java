package dev.dragonpool.runtime.jmx;

import java.util.function.Supplier;

/**
 * What every bean over one pool or arena does the same way: answers {@code getName()} with the
 * pool's (immutable) name, reads its attributes from one {@link CachedStats} snapshot, and after
 * {@code resetHighWater()} (or any other operation that changes the pool) forgets that snapshot so
 * the next read shows the change. Subclasses map the snapshot's fields onto their MXBean's
 * attributes; the MXBean interfaces, not this class, define what JMX sees.
 */
abstract class StatsBean<S> {
    private final String name;
    private final CachedStats<S> stats;
    private final Runnable resetHighWater;

    StatsBean(String name, Supplier<S> stats, Runnable resetHighWater) {
        this.name = name;
        this.stats = new CachedStats<>(stats);
        this.resetHighWater = resetHighWater;
    }

    /** The current (briefly cached) snapshot. */
    final S stats() {
        return stats.get();
    }

    /** Forgets the cached snapshot, after an operation changed the pool. */
    final void invalidate() {
        stats.invalidate();
    }

    public final String getName() {
        return name;
    }

    public final void resetHighWater() {
        resetHighWater.run();
        stats.invalidate();
    }
}
