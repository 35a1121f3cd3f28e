package dev.dragonpool.runtime.kmalloc;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.dragonpool.runtime.Arena;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;

import org.junit.jupiter.api.Test;

/** Steady-state alloc and free allocate nothing on the heap (HotSpot's per-thread counter). */
class KMallocGarbageTest {

    @Test
    void steady_state_alloc_and_free_allocate_no_heap_memory() {
        java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        assumeTrue(mx instanceof com.sun.management.ThreadMXBean, "HotSpot thread allocation counter");
        com.sun.management.ThreadMXBean hs = (com.sun.management.ThreadMXBean) mx;
        assumeTrue(hs.isThreadAllocatedMemorySupported() && hs.isThreadAllocatedMemoryEnabled());
        KMalloc km = KMalloc.builder(Arena.create("kmalloc-garbage", 16L << 20)).build();
        MallocType type = MallocType.define("garbage", 16L << 20);
        int[] sizes = {64, 256, 1024, 4096, 16384, 65536};
        long id = Thread.currentThread().getId();
        loop(km, type, sizes, 20_000); // warm up: views carved, code compiled
        long before = hs.getThreadAllocatedBytes(id);
        int ops = loop(km, type, sizes, 50_000);
        long bytes = hs.getThreadAllocatedBytes(id) - before;
        assertTrue(bytes < 2048, bytes + " bytes allocated on the heap for " + ops + " alloc+free pairs");
        type.destroy();
    }

    private static int loop(KMalloc km, MallocType type, int[] sizes, int rounds) {
        int ops = 0;
        for (int r = 0; r < rounds; r++) {
            for (int size : sizes) {
                ByteBuffer a = km.alloc(type, size);
                ByteBuffer b = km.alloc(type, size, KMalloc.ZERO);
                a.put(0, (byte) 1);
                km.free(a);
                km.free(b);
                ops += 2;
            }
        }
        return ops;
    }
}
