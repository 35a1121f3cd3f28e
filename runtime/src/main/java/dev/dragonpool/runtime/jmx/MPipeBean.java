package dev.dragonpool.runtime.jmx;

import dev.dragonpool.runtime.MPipe;
import dev.dragonpool.runtime.MPipeStats;

/** {@link MPipeMXBean} over one {@link MPipe}; every getter reads the (briefly cached) stats snapshot. */
final class MPipeBean implements MPipeMXBean {
    private final MPipe<?> pipe;
    private final CachedStats<MPipeStats> stats;

    MPipeBean(MPipe<?> pipe) {
        this.pipe = pipe;
        this.stats = new CachedStats<>(pipe::stats);
    }

    @Override
    public String getName() {
        return pipe.name();
    }

    @Override
    public String getKind() {
        return "mpipe";
    }

    @Override
    public long getObjectSize() {
        return 0;
    }

    @Override
    public long getLimit() {
        return HighWater.limit(stats.get().nmax());
    }

    @Override
    public long getInUse() {
        return stats.get().inUse();
    }

    @Override
    public long getCached() {
        return stats.get().free();
    }

    @Override
    public long getHighWater() {
        return stats.get().highWater();
    }

    @Override
    public long getRequests() {
        return stats.get().requested();
    }

    @Override
    public long getHits() {
        return stats.get().reserveHits();
    }

    @Override
    public long getCreated() {
        return stats.get().created();
    }

    @Override
    public long getDestroyed() {
        return stats.get().destroyed();
    }

    @Override
    public long getExhausted() {
        return stats.get().exhausted();
    }

    @Override
    public long getFailures() {
        return stats.get().failed();
    }

    @Override
    public long getMemoryHeld() {
        return 0;
    }

    @Override
    public long getReserve() {
        return stats.get().nnom();
    }

    @Override
    public long getWaits() {
        return stats.get().waits();
    }

    @Override
    public void resetHighWater() {
        pipe.resetHighWater();
        stats.invalidate();
    }
}
