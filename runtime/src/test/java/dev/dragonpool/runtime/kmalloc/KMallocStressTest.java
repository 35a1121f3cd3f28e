package dev.dragonpool.runtime.kmalloc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dragonpool.runtime.Arena;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

/**
 * Several threads allocate random sizes (small classes, page classes, big buffers), fill each
 * buffer with a pattern naming it, hand about a third to another thread to free (remote free),
 * and check the whole pattern before every free: two live buffers that overlapped, or a chunk
 * handed out twice, would break a pattern. At the end every byte is accounted for: the type
 * holds nothing, every class has no chunk in use, and trim gives every page back to the arena.
 */
class KMallocStressTest {
    private static final long SEED = 0x5EEDL;
    private static final int THREADS = 4;
    private static final int OPS = 50_000;
    private static final int INBOX_LIMIT = 256;

    private final List<ConcurrentLinkedQueue<ByteBuffer>> inbox = new ArrayList<>();
    private final java.util.concurrent.atomic.AtomicIntegerArray inboxSize =
            new java.util.concurrent.atomic.AtomicIntegerArray(THREADS);

    @Test
    void random_sizes_across_threads_with_cross_thread_frees_keep_patterns_and_conserve_bytes()
            throws Exception {
        stress("platform", r -> new Thread(r));
    }

    @Test
    void the_same_on_virtual_threads_sharing_striped_heaps() throws Exception {
        java.util.function.Function<Runnable, Thread> virtual = dev.dragonpool.runtime.VirtualThreads.factory();
        if (virtual == null) {
            return; // JDK 17: no virtual threads
        }
        stress("virtual", virtual);
    }

    private void stress(String kind, java.util.function.Function<Runnable, Thread> factory) throws Exception {
        Arena arena = Arena.create("kmalloc-stress-" + kind, 256L << 20);
        KMalloc km = KMalloc.builder(arena).build();
        MallocType type = MallocType.define("kmalloc-stress-" + kind, 256L << 20);
        for (int i = 0; i < THREADS; i++) {
            inbox.add(new ConcurrentLinkedQueue<>());
        }
        AtomicReference<Throwable> error = new AtomicReference<>();
        AtomicInteger remote = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(THREADS);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int id = t;
            Thread th = factory.apply(() -> {
                try {
                    start.await();
                    run(km, type, id, remote);
                } catch (Throwable e) {
                    error.compareAndSet(null, e);
                } finally {
                    done.countDown();
                }
                // Keep freeing what others send until all are done, so nothing is left behind.
                try {
                    done.await();
                    drain(km, id);
                } catch (Throwable e) {
                    error.compareAndSet(null, e);
                }
            });
            threads.add(th);
            th.start();
        }
        start.countDown();
        for (Thread th : threads) {
            th.join(60_000);
        }
        assertNull(error.get(), () -> "stress failed: " + error.get());
        for (int i = 0; i < THREADS; i++) {
            drain(km, i);
        }
        assertTrue(remote.get() > OPS / 10, "cross-thread frees happened: " + remote.get());

        MallocTypeStats s = type.stats();
        assertEquals(0, s.inUse(), "allocations left in use");
        assertEquals(0, s.memUse(), "bytes left in use");
        assertTrue(s.requests() >= THREADS * (long) OPS / 2, "requests " + s.requests());
        assertTrue(s.highUse() <= type.limit());
        for (SizeClassStats c : km.sizeClassStats()) {
            assertEquals(0, c.chunksInUse(), "chunks in use in class " + c.chunkSize());
        }
        if (kind.equals("platform")) {
            km.trim(); // the stress threads are dead: their heaps are collected
            assertEquals(0, km.pageStats().pagesInUse(), "pages in use after trim");
            assertEquals(0, arena.charged(), "bytes charged after trim");
            assertEquals(0, km.table.size(), "views still registered");
        }
        type.destroy();
        km.close();
    }

    /**
     * Threads race for a small type limit with NULLOK: refusals happen, bytes charged never pass
     * the limit (highUse is a true upper bound), and every byte comes back.
     */
    @Test
    void threads_racing_for_a_small_type_limit_never_exceed_it_and_conserve_bytes() throws Exception {
        KMalloc km = KMalloc.builder(Arena.create("kmalloc-stress-limit", 64L << 20)).build();
        MallocType type = MallocType.define("kmalloc-stress-limit", 1L << 20);
        AtomicReference<Throwable> error = new AtomicReference<>();
        AtomicInteger refused = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int id = t;
            Thread th = new Thread(() -> {
                try {
                    SplittableRandom rnd = new SplittableRandom(SEED * 7 + id);
                    List<ByteBuffer> live = new ArrayList<>();
                    for (int op = 0; op < OPS; op++) {
                        if (live.size() < 64 && rnd.nextBoolean()) {
                            ByteBuffer b = km.alloc(type, 8 + rnd.nextInt(20_000), KMalloc.NULLOK);
                            if (b == null) {
                                refused.incrementAndGet();
                            } else {
                                fill(b, ((long) id << 40) | op);
                                live.add(b);
                            }
                        } else if (!live.isEmpty()) {
                            ByteBuffer b = live.remove(rnd.nextInt(live.size()));
                            check(b);
                            km.free(b);
                        }
                    }
                    for (ByteBuffer b : live) {
                        check(b);
                        km.free(b);
                    }
                } catch (Throwable e) {
                    error.compareAndSet(null, e);
                }
            });
            threads.add(th);
            th.start();
        }
        for (Thread th : threads) {
            th.join(60_000);
        }
        assertNull(error.get(), () -> "limit stress failed: " + error.get());
        MallocTypeStats s = type.stats();
        assertTrue(refused.get() > 0, "the limit was reached");
        assertEquals(refused.get(), s.failures());
        assertTrue(s.highUse() <= type.limit(), "high use " + s.highUse() + " over the limit");
        assertEquals(0, s.inUse());
        assertEquals(0, s.memUse());
        type.destroy();
        km.close();
    }

    private void run(KMalloc km, MallocType type, int id, AtomicInteger remote) {
        SplittableRandom rnd = new SplittableRandom(SEED + id);
        List<ByteBuffer> live = new ArrayList<>();
        for (int op = 0; op < OPS; op++) {
            if (op % 16 == 0) {
                drain(km, id);
            }
            if (live.size() < 48 && (live.isEmpty() || rnd.nextInt(100) < 55)) {
                ByteBuffer b = km.alloc(type, size(rnd), rnd.nextInt(8) == 0 ? KMalloc.ZERO : 0);
                fill(b, ((long) id << 40) | op);
                live.add(b);
            } else {
                ByteBuffer b = live.remove(rnd.nextInt(live.size()));
                int to = (id + 1 + rnd.nextInt(THREADS - 1)) % THREADS;
                // Bounded inboxes: virtual threads are not preempted, so a peer may not run for a while.
                if (rnd.nextInt(3) == 0 && inboxSize.get(to) < INBOX_LIMIT) {
                    inboxSize.incrementAndGet(to);
                    inbox.get(to).add(b); // the queue publishes the buffer (happens-before the free)
                    remote.incrementAndGet();
                } else {
                    check(b);
                    km.free(b);
                }
            }
        }
        for (ByteBuffer b : live) {
            check(b);
            km.free(b);
        }
    }

    private static int size(SplittableRandom rnd) {
        int r = rnd.nextInt(100);
        if (r < 70) {
            return 8 + rnd.nextInt(7680 - 8 + 1);
        }
        if (r < 95) {
            return 7681 + rnd.nextInt(65536 - 7681 + 1);
        }
        return 65537 + rnd.nextInt(200_000);
    }

    private void drain(KMalloc km, int id) {
        ByteBuffer b;
        while ((b = inbox.get(id).poll()) != null) {
            inboxSize.decrementAndGet(id);
            check(b);
            km.free(b);
        }
    }

    /** First long: the tag; then each long is the tag mixed with its offset; tail bytes too. */
    private static void fill(ByteBuffer b, long tag) {
        int n = b.limit();
        b.putLong(0, tag);
        int i = 8;
        for (; i + 8 <= n; i += 8) {
            b.putLong(i, tag * 31 + i);
        }
        for (; i < n; i++) {
            b.put(i, (byte) (tag + i));
        }
    }

    private static void check(ByteBuffer b) {
        int n = b.limit();
        long tag = b.getLong(0);
        int i = 8;
        for (; i + 8 <= n; i += 8) {
            if (b.getLong(i) != tag * 31 + i) {
                throw new AssertionError("buffer tagged " + Long.toHexString(tag) + " of " + n
                        + " bytes was overwritten at " + i);
            }
        }
        for (; i < n; i++) {
            if (b.get(i) != (byte) (tag + i)) {
                throw new AssertionError("buffer tagged " + Long.toHexString(tag) + " overwritten at " + i);
            }
        }
    }
}
