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
        MallocType type = MallocType.define("kmalloc-garbage", 16L << 20);
        int[] sizes = {64, 256, 1024, 4096, 16384, 65536};
        long id = Thread.currentThread().getId();
        loop(km, type, sizes, 20_000); // warm up: views carved, code compiled
        long before = hs.getThreadAllocatedBytes(id);
        int ops = loop(km, type, sizes, 50_000);
        long bytes = hs.getThreadAllocatedBytes(id) - before;
        assertTrue(bytes < 2048, bytes + " bytes allocated on the heap for " + ops + " alloc+free pairs");
        type.destroy();
    }

    @Test
    void steady_state_cross_thread_free_allocates_no_heap_memory_on_either_thread() throws Exception {
        java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        assumeTrue(mx instanceof com.sun.management.ThreadMXBean, "HotSpot thread allocation counter");
        com.sun.management.ThreadMXBean hs = (com.sun.management.ThreadMXBean) mx;
        assumeTrue(hs.isThreadAllocatedMemorySupported() && hs.isThreadAllocatedMemoryEnabled());
        KMalloc km = KMalloc.builder(Arena.create("kmalloc-garbage-x", 64L << 20)).build();
        MallocType type = MallocType.define("kmalloc-garbage-x", 64L << 20);
        int[] sizes = {256, 16384, 65536};
        int ring = 128; // buffers in flight, as in the benchmark's crossFree group
        java.util.concurrent.atomic.AtomicReferenceArray<ByteBuffer> slots =
                new java.util.concurrent.atomic.AtomicReferenceArray<>(ring);
        int warm = 30_000;
        int total = 90_000;
        long[] consumerBytes = new long[2];
        Thread consumer = new Thread(() -> {
            long id = Thread.currentThread().getId();
            int idx = 0;
            for (int i = 0; i < total; i++) {
                if (i == warm) {
                    consumerBytes[0] = hs.getThreadAllocatedBytes(id);
                }
                ByteBuffer b;
                while ((b = slots.getAndSet(idx, null)) == null) {
                    Thread.onSpinWait();
                }
                km.free(b);
                idx = (idx + 1) & (ring - 1);
            }
            consumerBytes[1] = hs.getThreadAllocatedBytes(id);
        });
        consumer.start();
        long id = Thread.currentThread().getId();
        long before = 0;
        int idx = 0;
        for (int i = 0; i < total; i++) {
            if (i == warm) {
                before = hs.getThreadAllocatedBytes(id);
            }
            ByteBuffer b = km.alloc(type, sizes[i % sizes.length]);
            while (slots.get(idx) != null) {
                Thread.onSpinWait();
            }
            slots.set(idx, b);
            idx = (idx + 1) & (ring - 1);
        }
        long producer = hs.getThreadAllocatedBytes(id) - before;
        consumer.join();
        long consumed = consumerBytes[1] - consumerBytes[0];
        assertTrue(producer < 4096, producer + " bytes allocated by the allocating thread");
        assertTrue(consumed < 4096, consumed + " bytes allocated by the freeing thread");
        assertTrue(type.stats().inUse() == 0);
        type.destroy();
        km.close();
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
