package dev.dragonpool.runtime.jmx;

import dev.dragonpool.runtime.Zone;
import dev.dragonpool.runtime.ZoneStats;

/**
 * {@link ZoneMXBean} over one {@link Zone}. A zone's records are all made when it is created, so
 * {@code Created} is its capacity, {@code Destroyed} 0, and every request that did not fail is a hit.
 */
final class ZoneBean implements ZoneMXBean {
    private final Zone<?> zone;
    private final CachedStats<ZoneStats> stats;

    ZoneBean(Zone<?> zone) {
        this.zone = zone;
        this.stats = new CachedStats<>(zone::stats);
    }

    @Override
    public String getName() {
        return zone.name();
    }

    @Override
    public String getKind() {
        return "zone";
    }

    @Override
    public long getObjectSize() {
        return stats.get().size();
    }

    @Override
    public long getLimit() {
        return stats.get().limit();
    }

    @Override
    public long getInUse() {
        return stats.get().used();
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
        return stats.get().requests();
    }

    @Override
    public long getHits() {
        ZoneStats s = stats.get();
        return Math.max(0, s.requests() - s.failed());
    }

    @Override
    public long getCreated() {
        return stats.get().limit();
    }

    @Override
    public long getDestroyed() {
        return 0;
    }

    @Override
    public long getExhausted() {
        return stats.get().failed();
    }

    @Override
    public long getFailures() {
        return stats.get().failed();
    }

    @Override
    public long getMemoryHeld() {
        ZoneStats s = stats.get();
        return s.size() * s.limit();
    }

    @Override
    public void resetHighWater() {
        zone.resetHighWater();
        stats.invalidate();
    }
}
