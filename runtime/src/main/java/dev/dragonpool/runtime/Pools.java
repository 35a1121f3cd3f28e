package dev.dragonpool.runtime;

import dev.dragonpool.runtime.internal.Registries;
import dev.dragonpool.runtime.kmalloc.MallocType;

import java.util.List;

/**
 * The global registry of live pools, so JMX and the stat command can enumerate them. Every
 * {@link ObjCache}, {@link MPipe} and {@link Zone} registers itself when built and unregisters
 * when destroyed; every {@link Arena} registers when created. Each method returns an
 * immutable snapshot in registration order.
 */
public final class Pools {
    private Pools() {
    }

    /** @return the live object caches */
    public static List<ObjCache<?>> objCaches() {
        return Registries.OBJ_CACHES.snapshot();
    }

    /** @return the live MPIPEs (including the ones backing object caches) */
    public static List<MPipe<?>> mpipes() {
        return Registries.MPIPES.snapshot();
    }

    /** @return the live zones */
    public static List<Zone<?>> zones() {
        return Registries.ZONES.snapshot();
    }

    /** @return the arenas, the global one included once it has been used */
    public static List<Arena> arenas() {
        return Registries.ARENAS.snapshot();
    }

    /** @return the live kmalloc malloc types (the {@code vmstat -m} rows) */
    public static List<MallocType> mallocTypes() {
        return Registries.MALLOC_TYPES.snapshot();
    }
}
