package dev.dragonpool.runtime.jmx;

import java.lang.ref.WeakReference;
import dev.dragonpool.runtime.MPipe;
import dev.dragonpool.runtime.MPipeStats;

/** {@link MPipeMXBean} over one {@link MPipe}; every getter reads the (briefly cached) stats snapshot. */
final class MPipeBean extends StatsBean<MPipeStats> implements MPipeMXBean {
    MPipeBean(MPipe<?> pipe) {
        this(pipe, new WeakReference<>(pipe));
    }

    /** Holds the pipe weakly, as {@code ObjCacheBean} holds its cache (see {@code BeanSet}). */
    private MPipeBean(MPipe<?> pipe, WeakReference<MPipe<?>> ref) {
        super(pipe.name(), new LastStats<>(pipe.stats(), () -> {
            MPipe<?> p = ref.get();
            return p == null ? null : p.stats();
        }), () -> {
            MPipe<?> p = ref.get();
            if (p != null) {
                p.resetHighWater();
            }
        });
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
        return HighWater.limit(stats().nmax());
    }

    @Override
    public long getInUse() {
        return stats().inUse();
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
        return stats().requested();
    }

    @Override
    public long getHits() {
        return stats().reserveHits();
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
        return 0;
    }

    @Override
    public long getReserve() {
        return stats().nnom();
    }

    @Override
    public long getWaits() {
        return stats().waits();
    }
}
