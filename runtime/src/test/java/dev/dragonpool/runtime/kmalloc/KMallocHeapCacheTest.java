package dev.dragonpool.runtime.kmalloc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.dragonpool.runtime.Arena;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The thread-id heap cache in front of the thread-local: colliding and stale slots are harmless. */
class KMallocHeapCacheTest {
    private static final AtomicInteger SEQ = new AtomicInteger();
    private static final int SLOTS = 256;

    private final Arena arena = Arena.create("kmalloc-heapcache-arena-" + SEQ.incrementAndGet(), 256L << 20);
    private final KMalloc km = KMalloc.builder(arena).build();
    private final MallocType type = MallocType.define("kmalloc-heapcache-" + SEQ.incrementAndGet(), 128L << 20);

    @AfterEach
    void close() {
        km.close();
        if (type.stats().inUse() == 0) {
            type.destroy();
        }
    }

    private static void runIn(Thread t, AtomicReference<Throwable> error) throws InterruptedException {
        t.setUncaughtExceptionHandler((th, e) -> error.compareAndSet(null, e));
        t.start();
        t.join();
    }

    @SuppressWarnings("deprecation") // Thread.getId: threadId() exists only from JDK 19
    @Test
    void threads_whose_ids_share_a_cache_slot_keep_their_own_heaps() throws Exception {
        AtomicReference<Throwable> error = new AtomicReference<>();
        List<ByteBuffer> aBuffers = new ArrayList<>();
        CountDownLatch aFirst = new CountDownLatch(1);
        CountDownLatch bDone = new CountDownLatch(1);
        AtomicReference<ByteBuffer> bFreed = new AtomicReference<>();
        Thread a = new Thread(() -> {
            try {
                aBuffers.add(km.alloc(type, 100));
                aFirst.countDown();
                bDone.await();
                // b wrote its heap into the slot both ids map to, and left a free chunk in it.
                ByteBuffer second = km.alloc(type, 100);
                assertNotSame(bFreed.get(), second, "a allocated from b's heap");
                aBuffers.add(second);
                for (ByteBuffer x : aBuffers) {
                    km.free(x);
                }
                // a's own heap gives back its most recently freed chunk.
                ByteBuffer again = km.alloc(type, 100);
                assertSame(aBuffers.get(aBuffers.size() - 1), again);
                km.free(again);
            } catch (Throwable e) {
                error.compareAndSet(null, e);
                aFirst.countDown();
            }
        });
        a.setUncaughtExceptionHandler((th, e) -> error.compareAndSet(null, e));
        a.start();
        aFirst.await();
        Thread b = null;
        for (int i = 0; i < 4 * SLOTS && b == null; i++) {
            Thread t = new Thread(() -> {
                ByteBuffer x = km.alloc(type, 100);
                km.free(x);
                bFreed.set(x);
                assertSame(x, km.alloc(type, 100), "b reuses its own freed chunk");
                km.free(x);
            });
            if ((t.getId() - a.getId()) % SLOTS == 0) {
                b = t;
            }
        }
        assertEquals(0, (b.getId() - a.getId()) % SLOTS, "found a thread id that collides with a's");
        runIn(b, error);
        bDone.countDown();
        a.join();
        assertNull(error.get(), () -> "failed: " + error.get());
        assertEquals(0, type.stats().inUse());
        assertEquals(0, type.stats().memUse());
    }

    @Test
    void many_more_threads_than_cache_slots_balance_every_counter() throws Exception {
        int threads = 3 * SLOTS;
        AtomicReference<Throwable> error = new AtomicReference<>();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> all = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            int size = 16 << (i % 10);
            Thread t = new Thread(() -> {
                try {
                    start.await();
                    ByteBuffer[] held = new ByteBuffer[4];
                    for (int round = 0; round < 50; round++) {
                        for (int k = 0; k < held.length; k++) {
                            held[k] = km.alloc(type, size + k);
                            held[k].put(0, (byte) k);
                        }
                        for (int k = held.length - 1; k >= 0; k--) {
                            assertEquals(k, held[k].get(0), "buffer contents");
                            km.free(held[k]);
                        }
                    }
                } catch (Throwable e) {
                    error.compareAndSet(null, e);
                }
            });
            all.add(t);
            t.start();
        }
        start.countDown();
        for (Thread t : all) {
            t.join();
        }
        assertNull(error.get(), () -> "failed: " + error.get());
        MallocTypeStats s = type.stats();
        assertEquals(0, s.inUse());
        assertEquals(0, s.memUse());
        assertEquals((long) threads * 50 * 4, s.requests());
        long inUse = 0;
        for (SizeClassStats c : km.sizeClassStats()) {
            inUse += c.chunksInUse();
        }
        assertEquals(0, inUse);
    }
}
