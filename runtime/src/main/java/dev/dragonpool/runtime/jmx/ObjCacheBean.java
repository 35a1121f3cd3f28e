package dev.dragonpool.runtime.jmx;

import dev.dragonpool.runtime.ObjCache;
import dev.dragonpool.runtime.ObjCacheStats;

/** {@link ObjCacheMXBean} over one {@link ObjCache}; every getter reads the (briefly cached) stats snapshot. */
final class ObjCacheBean implements ObjCacheMXBean {
    private final ObjCache<?> cache;
    private final CachedStats<ObjCacheStats> stats;

    ObjCacheBean(ObjCache<?> cache) {
        this.cache = cache;
        this.stats = new CachedStats<>(cache::stats);
    }

    @Override
    public String getName() {
        return cache.name();
    }

    @Override
    public String getKind() {
        return "objcache";
    }

    @Override
    public long getObjectSize() {
        return stats.get().objectSize();
    }

    @Override
    public long getLimit() {
        return HighWater.limit(stats.get().limit());
    }

    @Override
    public long getInUse() {
        return stats.get().inUse();
    }

    @Override
    public long getCached() {
        return stats.get().cached();
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
        return stats.get().magazineHits();
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
        return stats.get().chargedBytes();
    }

    @Override
    public long getMagazineHits() {
        return stats.get().magazineHits();
    }

    @Override
    public long getDepotExchanges() {
        return stats.get().depotExchanges();
    }

    @Override
    public int getMagazineCapacity() {
        return stats.get().magazineCapacity();
    }

    @Override
    public double getHitRatio() {
        ObjCacheStats s = stats.get();
        return s.requested() == 0 ? 0.0 : (double) s.magazineHits() / s.requested();
    }

    @Override
    public long reclaim() {
        try {
            return cache.reclaim();
        } finally {
            stats.invalidate();
        }
    }

    @Override
    public void resetHighWater() {
        cache.resetHighWater();
        stats.invalidate();
    }
}
