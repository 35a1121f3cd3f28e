package dev.dragonpool.runtime.kmalloc;

/** Registration of malloc types with the runtime's registry of live pools. */
final class MallocTypes {
    private MallocTypes() {
    }

    static void register(MallocType t) {
    }

    static void unregister(MallocType t) {
    }
}
