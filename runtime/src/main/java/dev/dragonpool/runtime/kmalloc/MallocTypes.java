package dev.dragonpool.runtime.kmalloc;

import dev.dragonpool.runtime.internal.Registries;

/** Registration of malloc types with the runtime's registry of live pools ({@code Pools.mallocTypes()}). */
final class MallocTypes {
    private MallocTypes() {
    }

    static void register(MallocType t) {
        Registries.MALLOC_TYPES.register(t);
    }

    static void unregister(MallocType t) {
        Registries.MALLOC_TYPES.unregister(t);
    }
}
