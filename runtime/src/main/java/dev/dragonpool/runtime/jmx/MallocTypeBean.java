package dev.dragonpool.runtime.jmx;

import dev.dragonpool.runtime.kmalloc.MallocType;
import dev.dragonpool.runtime.kmalloc.MallocTypeStats;

/** {@link MallocTypeMXBean} over one {@link MallocType}. */
final class MallocTypeBean extends StatsBean<MallocTypeStats> implements MallocTypeMXBean {
    MallocTypeBean(MallocType type) {
        super(type.name(), type::stats, type::resetHighWater);
    }

    @Override
    public String getKind() {
        return "malloc";
    }

    @Override
    public long getInUse() {
        return stats().inUse();
    }

    @Override
    public long getMemUse() {
        return stats().memUse();
    }

    @Override
    public long getHighUse() {
        return stats().highUse();
    }

    @Override
    public long getLimit() {
        return stats().limit();
    }

    @Override
    public long getRequests() {
        return stats().requests();
    }

    @Override
    public long getFailures() {
        return stats().failures();
    }

    @Override
    public double getUsedRatio() {
        MallocTypeStats s = stats();
        return s.limit() <= 0 ? 0.0 : (double) s.memUse() / s.limit();
    }
}
