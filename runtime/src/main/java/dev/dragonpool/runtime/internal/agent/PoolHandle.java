package dev.dragonpool.runtime.internal.agent;

import dev.dragonpool.runtime.ObjCache;
import dev.dragonpool.runtime.ObjCacheStats;
import java.lang.invoke.MethodHandle;
import java.lang.ref.WeakReference;

/**
 * The per-class pool descriptor that an enhanced class keeps in its synthetic
 * {@code private static final PoolHandle $dp$pool} field and calls from its generated factories
 * and release method.
 *
 * <p>Memory layout: one handle per pooled class, holding its {@link ObjCache} and the class's
 * generated release method. During agent start-up the handles come from the agent's boot
 * {@link dev.dragonpool.runtime.Zone} (see {@link dev.dragonpool.runtime.internal.PooledClasses}),
 * afterwards from the heap; a zone record is filled once by {@link #bind} and never freed.
 *
 * <p>Class unloading: the class holds its handle (a static field), the handle holds the class
 * only weakly, and nothing global holds the handle strongly, so a class loader that becomes
 * unreachable takes its classes' pools with it.
 *
 * <p>Concurrency: {@link #bind} runs once inside the pooled class's static initialiser, and
 * the handle is published through the class's {@code static final} field, so the JVM's class
 * initialisation barrier orders the writes before any use. The cache itself is thread-safe.
 */
public final class PoolHandle {
    /**
     * What a cache without an allocator holds in place of an instance: a miss the factory makes
     * with the class's real constructor ({@link #acquire} returns {@code null} for it).
     */
    public static final Object MISS = new Object() {
        @Override
        public String toString() {
            return "MISS";
        }
    };
    private WeakReference<Class<?>> type;
    private String name;
    private ObjCache<Object> cache;
    private MethodHandle release;
    /** The root class's {@code static int $dp$state(R)} as {@code (Object)int}. */
    private MethodHandle state;
    /** Under guard=full, the root class's {@code static Object $dp$releasedAt(R)} as {@code (Object)Object}, else null. */
    private MethodHandle releasedAt;
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
     * @param releaser the class's generated release method, as {@code (Object)void}
     * @param leakMode 0 off, 1 sample, 2 paranoid (see {@link LeakTracker})
     * @return this
     * @throws IllegalStateException if already bound
     */
    public PoolHandle bind(Class<?> pooledType, ObjCache<Object> objCache, MethodHandle releaser, int leakMode) {
        return bind(pooledType, objCache, releaser, null, null, leakMode);
    }

    /**
     * Fills this descriptor, exactly once, with the accessors guard mode reads.
     *
     * @param pooledType the enhanced class
     * @param objCache its cache
     * @param releaser the class's generated release method, as {@code (Object)void}
     * @param stateGetter the root class's state accessor, as {@code (Object)int}, or {@code null}
     * @param releasedAtGetter the root class's release-site accessor, as {@code (Object)Object}, or {@code null}
     * @param leakMode 0 off, 1 sample, 2 paranoid (see {@link LeakTracker})
     * @return this
     * @throws IllegalStateException if already bound
     */
    public PoolHandle bind(Class<?> pooledType, ObjCache<Object> objCache, MethodHandle releaser,
            MethodHandle stateGetter, MethodHandle releasedAtGetter, int leakMode) {
        this.state = stateGetter;
        this.releasedAt = releasedAtGetter;
        if (this.type != null) {
            throw new IllegalStateException("pool descriptor already bound to " + name
                    + ", cannot bind it to " + pooledType.getName());
        }
        this.type = new WeakReference<>(pooledType);
        this.name = pooledType.getName();
        this.cache = objCache;
        this.release = releaser;
        this.leaks = leakMode;
        return this;
    }

    /**
     * Takes a cached instance, or a new one whose fields hold their defaults (made without
     * running a constructor, the way deserialization makes objects). Called by the generated
     * factories, which then run the constructor body on it.
     *
     * @return an instance of the pooled class, or {@code null} for a miss the caller must
     *     construct itself (the JVM offers no allocation without a constructor)
     */
    public Object acquire() {
        Object o = cache.get();
        return o == MISS ? null : o;
    }

    /** The real constructor of a miss that {@link #acquire} left to the caller threw: it never existed. */
    public void discardMiss() {
        cache.discard(MISS);
    }

    /**
     * Puts back a released instance that {@link #acquire} handed out. Called by the generated
     * release method after the hooks ran and the fields were cleared.
     *
     * @param obj the instance
     */
    public void put(Object obj) {
        cache.put(obj);
    }

    /**
     * Puts back a released instance that a plain {@code new} made (reflection, a site left
     * plain, a fallback): it joins the pool if the limit allows, else the GC takes it.
     *
     * @param obj the instance
     */
    public void adopt(Object obj) {
        cache.adopt(obj);
    }

    /**
     * {@code guard=full}: a released instance the pool handed out is never handed out again. It
     * stops counting as live and is left to the GC, so every stale reference to it still sees a
     * released instance (and is reported on use) however many {@code new}s follow.
     *
     * @param obj the released instance
     */
    public void retire(Object obj) {
        cache.discard(obj);
    }

    /**
     * Whether an instance of exactly this class is in the pool (or retired by guard mode).
     *
     * @param obj the instance
     * @return {@code true} if released
     */
    public boolean released(Object obj) {
        try {
            return state != null && ((int) state.invokeExact(obj) & 3) == 2;
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /**
     * Where an instance was released, under guard=full.
     *
     * @param obj the instance
     * @return what the release captured, or {@code null}
     */
    public Object releasedAt(Object obj) {
        try {
            return releasedAt == null ? null : (Object) releasedAt.invokeExact(obj);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /**
     * Forgets an instance {@link #acquire} handed out whose constructor body threw: it may be
     * referenced by whatever the body published, so it is never reused.
     *
     * @param obj the instance
     */
    public void discard(Object obj) {
        cache.discard(obj);
    }

    /**
     * Starts leak tracking of an acquired instance, when leak tracking is on for this class.
     *
     * @param obj the instance just acquired or constructed
     * @return the tracker's reference, to keep in the instance, or {@code null}
     */
    public Object track(Object obj) {
        return leaks == 0 ? null : LeakTracker.acquired(obj, leaks == 2);
    }

    /**
     * Ends leak tracking of a released instance.
     *
     * @param ref what {@link #track} returned, or {@code null}
     */
    public static void untrack(Object ref) {
        LeakTracker.released(ref);
    }

    /**
     * Runs the class's generated release method on an instance of exactly this class (the
     * dynamic path of {@code Pooling.release}).
     *
     * @param obj the instance
     */
    public void release(Object obj) {
        try {
            release.invokeExact(obj);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("release of " + name + " failed", t); // the method declares nothing checked
        }
    }

    /** @return the pooled class, or {@code null} once it was unloaded */
    public Class<?> type() {
        return type == null ? null : type.get();
    }

    /** @return the binary name of the pooled class */
    public String name() {
        return name;
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
        return "PoolHandle[" + (name == null ? "unbound" : name) + "]";
    }
}
