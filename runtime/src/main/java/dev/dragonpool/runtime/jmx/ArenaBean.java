package dev.dragonpool.runtime.jmx;

import dev.dragonpool.runtime.Arena;
import dev.dragonpool.runtime.ArenaStats;
import dev.dragonpool.runtime.kmalloc.KMalloc;

/** {@link ArenaMXBean} over one {@link Arena}. */
final class ArenaBean extends StatsBean<ArenaStats> implements ArenaMXBean {
    private final Arena arena;

    ArenaBean(Arena arena) {
        super(arena.name(), arena::stats, arena::resetHighWater);
        this.arena = arena;
    }

    @Override
    public long getBudget() {
        return stats().budget();
    }

    @Override
    public void setBudget(long bytes) {
        try {
            arena.setBudget(bytes);
        } finally {
            invalidate();
        }
    }

    @Override
    public long getCharged() {
        return stats().charged();
    }

    @Override
    public long getHighWater() {
        return stats().highWater();
    }

    @Override
    public double getUsedRatio() {
        ArenaStats s = stats();
        return s.budget() == 0 ? 0.0 : (double) s.charged() / s.budget();
    }

    @Override
    public long getCharges() {
        return stats().charges();
    }

    @Override
    public long getFailures() {
        return stats().failures();
    }

    @Override
    public long getReclaims() {
        return stats().reclaims();
    }

    @Override
    public long getReclaimedBytes() {
        return stats().reclaimedBytes();
    }

    @Override
    public int getReclaimers() {
        return stats().reclaimers();
    }

    @Override
    public long getChunks() {
        return KMalloc.pageStats(arena).chunks();
    }

    @Override
    public long getPagesTotal() {
        return KMalloc.pageStats(arena).pagesTotal();
    }

    @Override
    public long getPagesInUse() {
        return KMalloc.pageStats(arena).pagesInUse();
    }

    @Override
    public long getPagesFree() {
        return KMalloc.pageStats(arena).pagesFree();
    }

    @Override
    public long getDirectBytes() {
        return KMalloc.pageStats(arena).bytesReserved();
    }
}
