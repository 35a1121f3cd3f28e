package dev.dragonpool.runtime.internal;

import dev.dragonpool.runtime.Arena;
import dev.dragonpool.runtime.MPipe;
import dev.dragonpool.runtime.ObjCache;
import dev.dragonpool.runtime.Zone;
import dev.dragonpool.runtime.kmalloc.MallocType;

/**
 * The registries behind {@link dev.dragonpool.runtime.Pools}: public only so that pools in
 * other runtime packages can register themselves. Applications read {@code Pools}.
 */
public final class Registries {
    /** Live object caches. */
    public static final Registry<ObjCache<?>> OBJ_CACHES = new Registry<>();
    /** Live MPIPEs, including those that back object caches. */
    public static final Registry<MPipe<?>> MPIPES = new Registry<>();
    /** Live zones. */
    public static final Registry<Zone<?>> ZONES = new Registry<>();
    /** Arenas (the global one and any created). */
    public static final Registry<Arena> ARENAS = new Registry<>();
    /** Live (not destroyed) kmalloc malloc types. */
    public static final Registry<MallocType> MALLOC_TYPES = new Registry<>();

    private Registries() {
    }

    /**
     * Adds one listener to every registry, so it hears of every kind of pool (JMX).
     *
     * @param listener the listener, told of pools registered or unregistered from now on
     */
    public static void addListener(Registry.Listener<Object> listener) {
        OBJ_CACHES.addListener(listener);
        MPIPES.addListener(listener);
        ZONES.addListener(listener);
        ARENAS.addListener(listener);
        MALLOC_TYPES.addListener(listener);
    }

    /**
     * Removes a listener added with {@link #addListener} from every registry.
     *
     * @param listener the listener
     */
    public static void removeListener(Registry.Listener<Object> listener) {
        OBJ_CACHES.removeListener(listener);
        MPIPES.removeListener(listener);
        ZONES.removeListener(listener);
        ARENAS.removeListener(listener);
        MALLOC_TYPES.removeListener(listener);
    }
}
