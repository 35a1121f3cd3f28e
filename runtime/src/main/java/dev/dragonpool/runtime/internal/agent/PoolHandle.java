package dev.dragonpool.runtime.internal.agent;

import dev.dragonpool.runtime.ObjCache;
import dev.dragonpool.runtime.ObjCacheStats;

/**
 * The per-class pool descriptor that an enhanced class keeps in its synthetic
 * {@code private static final PoolHandle $dp$pool} field and calls from its generated
 * {@code $dp$new} factories and {@code dragonpool$release} method.
 *
 * <p>Memory layout: one handle per pooled class, holding the class and its {@link ObjCache}.
 * During agent start-up the handles come from the agent's boot {@link dev.dragonpool.runtime.Zone}
 * (see {@link dev.dragonpool.runtime.internal.PooledClasses}), afterwards from the heap; a zone
 * record is filled once by {@link #bind} and never freed (a class's descriptor lives as long
 * as the class).
 *
 * <p>Concurrency: {@link #bind} runs once inside the pooled class's static initialiser, and
 * the handle is published through the class's {@code static final} field, so the JVM's class
 * initialisation barrier orders the writes before any use. The cache itself is thread-safe.
 */
public final class PoolHandle {
    private Class<?> type;
    private ObjCache<Object> cache;
    /** 0: leaks off, 1: sample, 2: paranoid; fixed at bind, published with the handle. */
    private int leaks;

    /** Made by the boot zone or by {@code PooledClasses}; never by application code. */
    public PoolHandle() {
    }

    /**
     * Fills this descriptor, exactly once.
     *
     * @param pooledType the enhanced class
     * @param objCache its cache
     * @return this
     * @throws IllegalStateException if already bound
     */
    public PoolHandle bind(Class<?> pooledType, ObjCache<Object> objCache) {
        return bind(pooledType, objCache, 0);
    }

    /**
     * Fills this descriptor, exactly once, with a leak-tracking mode.
     *
     * @param pooledType the enhanced class
     * @param objCache its cache
     * @param leakMode 0 off, 1 sample, 2 paranoid (see {@link LeakTracker})
     * @return this
     * @throws IllegalStateException if already bound
     */
    public PoolHandle bind(Class<?> pooledType, ObjCache<Object> objCache, int leakMode) {
        if (this.type != null) {
            throw new IllegalStateException("pool descriptor already bound to " + this.type.getName()
                    + ", cannot bind it to " + pooledType.getName());
        }
        this.type = pooledType;
        this.cache = objCache;
        this.leaks = leakMode;
        return this;
    }

    /**
     * Takes an instance from the cache: recycled when one is cached, else made by the raw
     * constructor. Called by the generated factories.
     *
     * @return an instance of {@link #type()} whose non-retained fields hold defaults
     */
    public Object acquire() {
        Object o = cache.get();
        if (leaks != 0) {
            LeakTracker.acquired(o, leaks == 2);
        }
        return o;
    }

    /**
     * Puts a cleared instance back. Called by the generated release method and by a factory
     * whose constructor body threw.
     *
     * @param obj the instance
     */
    public void put(Object obj) {
        if (leaks != 0) {
            LeakTracker.released(obj);
        }
        cache.put(obj);
    }

    /** @return the pooled class */
    public Class<?> type() {
        return type;
    }

    /** @return the class's object cache */
    public ObjCache<Object> cache() {
        return cache;
    }

    /** @return a snapshot of the cache's counters */
    public ObjCacheStats stats() {
        return cache.stats();
    }

    @Override
    public String toString() {
        return "PoolHandle[" + (type == null ? "unbound" : type.getName()) + "]";
    }
}
