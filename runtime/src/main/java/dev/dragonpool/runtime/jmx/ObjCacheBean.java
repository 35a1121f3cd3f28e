package dev.dragonpool.runtime.jmx;

import dev.dragonpool.runtime.ObjCache;
import dev.dragonpool.runtime.ObjCacheStats;
import dev.dragonpool.runtime.internal.agent.LeakTracker;
import java.lang.ref.WeakReference;

/** {@link ObjCacheMXBean} over one {@link ObjCache}; every getter reads the (briefly cached) stats snapshot. */
final class ObjCacheBean extends StatsBean<ObjCacheStats> implements ObjCacheMXBean {
    /** Weak: a bean must not keep the pool of an unloadable class alive (see {@code BeanSet}). */
    private final WeakReference<ObjCache<?>> cache;

    ObjCacheBean(ObjCache<?> cache) {
        this(cache, new WeakReference<>(cache));
    }

    private ObjCacheBean(ObjCache<?> cache, WeakReference<ObjCache<?>> ref) {
        super(cache.name(), new LastStats<>(cache.stats(), () -> {
            ObjCache<?> c = ref.get();
            return c == null ? null : c.stats();
        }), () -> {
            ObjCache<?> c = ref.get();
            if (c != null) {
                c.resetHighWater();
            }
        });
        this.cache = ref;
    }

    @Override
    public String getKind() {
        return "objcache";
    }

    @Override
    public long getObjectSize() {
        return stats().objectSize();
    }

    @Override
    public long getLimit() {
        return HighWater.limit(stats().limit());
    }

    @Override
    public long getInUse() {
        return stats().inUse();
    }

    @Override
    public long getCached() {
        return stats().cached();
    }

    @Override
    public long getHighWater() {
        return stats().highWater();
    }

    @Override
    public long getRequests() {
        return stats().requested();
    }

    @Override
    public long getHits() {
        return stats().magazineHits();
    }

    @Override
    public long getCreated() {
        return stats().created();
    }

    @Override
    public long getDestroyed() {
        return stats().destroyed();
    }

    @Override
    public long getExhausted() {
        return stats().exhausted();
    }

    @Override
    public long getFailures() {
        return stats().failed();
    }

    @Override
    public long getMemoryHeld() {
        return stats().chargedBytes();
    }

    @Override
    public long getMagazineHits() {
        return stats().magazineHits();
    }

    @Override
    public long getDepotExchanges() {
        return stats().depotExchanges();
    }

    @Override
    public int getMagazineCapacity() {
        return stats().magazineCapacity();
    }

    @Override
    public double getHitRatio() {
        ObjCacheStats s = stats();
        return s.requested() == 0 ? 0.0 : (double) s.magazineHits() / s.requested();
    }

    @Override
    public long getLeaks() {
        return LeakTracker.leaks(getName());
    }

    @Override
    public long reclaim() {
        try {
            ObjCache<?> c = cache.get();
            return c == null ? 0 : c.reclaim();
        } finally {
            invalidate();
        }
    }
}
