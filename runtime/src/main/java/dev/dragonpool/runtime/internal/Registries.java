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
}
