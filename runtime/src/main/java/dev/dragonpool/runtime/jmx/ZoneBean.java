package dev.dragonpool.runtime.jmx;

import dev.dragonpool.runtime.Zone;
import dev.dragonpool.runtime.ZoneStats;

/**
 * {@link ZoneMXBean} over one {@link Zone}. A zone's records are all made when it is created, so
 * {@code Created} is its capacity, {@code Destroyed} 0, and every request that did not fail is a hit.
 */
final class ZoneBean extends StatsBean<ZoneStats> implements ZoneMXBean {
    ZoneBean(Zone<?> zone) {
        super(zone.name(), zone::stats, zone::resetHighWater);
    }

    @Override
    public String getKind() {
        return "zone";
    }

    @Override
    public long getObjectSize() {
        return stats().size();
    }

    @Override
    public long getLimit() {
        return stats().limit();
    }

    @Override
    public long getInUse() {
        return stats().used();
    }

    @Override
    public long getCached() {
        return stats().free();
    }

    @Override
    public long getHighWater() {
        return stats().highWater();
    }

    @Override
    public long getRequests() {
        return stats().requests();
    }

    @Override
    public long getHits() {
        ZoneStats s = stats();
        return Math.max(0, s.requests() - s.failed());
    }

    @Override
    public long getCreated() {
        return stats().limit();
    }

    @Override
    public long getDestroyed() {
        return 0;
    }

    @Override
    public long getExhausted() {
        return stats().failed();
    }

    @Override
    public long getFailures() {
        return stats().failed();
    }

    @Override
    public long getMemoryHeld() {
        ZoneStats s = stats();
        return s.size() * s.limit();
    }
}
