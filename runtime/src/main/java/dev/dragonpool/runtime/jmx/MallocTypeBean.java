package dev.dragonpool.runtime.jmx;

import dev.dragonpool.runtime.kmalloc.MallocType;
import dev.dragonpool.runtime.kmalloc.MallocTypeStats;

/** {@link MallocTypeMXBean} over one {@link MallocType}. */
final class MallocTypeBean implements MallocTypeMXBean {
    private final MallocType type;
    private final CachedStats<MallocTypeStats> stats;

    MallocTypeBean(MallocType type) {
        this.type = type;
        this.stats = new CachedStats<>(type::stats);
    }

    @Override
    public String getName() {
        return type.name();
    }

    @Override
    public String getKind() {
        return "malloc";
    }

    @Override
    public long getInUse() {
        return stats.get().inUse();
    }

    @Override
    public long getMemUse() {
        return stats.get().memUse();
    }

    @Override
    public long getHighUse() {
        return stats.get().highUse();
    }

    @Override
    public long getLimit() {
        return stats.get().limit();
    }

    @Override
    public long getRequests() {
        return stats.get().requests();
    }

    @Override
    public long getFailures() {
        return stats.get().failures();
    }

    @Override
    public double getUsedRatio() {
        MallocTypeStats s = stats.get();
        return s.limit() <= 0 ? 0.0 : (double) s.memUse() / s.limit();
    }

    @Override
    public void resetHighWater() {
        type.resetHighWater();
        stats.invalidate();
    }
}
