package dev.dragonpool.runtime.jmx;

import dev.dragonpool.runtime.Arena;
import dev.dragonpool.runtime.ArenaStats;

/** {@link ArenaMXBean} over one {@link Arena}. */
final class ArenaBean implements ArenaMXBean {
    private final Arena arena;
    private final CachedStats<ArenaStats> stats;

    ArenaBean(Arena arena) {
        this.arena = arena;
        this.stats = new CachedStats<>(arena::stats);
    }

    @Override
    public String getName() {
        return arena.name();
    }

    @Override
    public long getBudget() {
        return stats.get().budget();
    }

    @Override
    public void setBudget(long bytes) {
        try {
            arena.setBudget(bytes);
        } finally {
            stats.invalidate();
        }
    }

    @Override
    public long getCharged() {
        return stats.get().charged();
    }

    @Override
    public long getHighWater() {
        return stats.get().highWater();
    }

    @Override
    public void resetHighWater() {
        arena.resetHighWater();
        stats.invalidate();
    }

    @Override
    public double getUsedRatio() {
        ArenaStats s = stats.get();
        return s.budget() == 0 ? 0.0 : (double) s.charged() / s.budget();
    }

    @Override
    public long getCharges() {
        return stats.get().charges();
    }

    @Override
    public long getFailures() {
        return stats.get().failures();
    }

    @Override
    public long getReclaims() {
        return stats.get().reclaims();
    }

    @Override
    public long getReclaimedBytes() {
        return stats.get().reclaimedBytes();
    }

    @Override
    public int getReclaimers() {
        return stats.get().reclaimers();
    }
}
