package dev.dragonpool.runtime;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Multi-threaded stress with fixed seeds: gets, puts on the same thread, releases on another
 * thread through a shared queue, and short-lived threads that die with full magazines, while
 * a maintenance thread plays the reclaim daemon. Checks that no object is ever handed out
 * twice, destructed twice or destructed while in use, and conservation: every object
 * constructed is in use, cached or destructed; after {@code destroy} all are destructed.
 */
class ObjCacheStressTest {
    private static final int WORKERS = 4;
    private static final int OPS = 200_000;
    private static final int HOLD = 8;
    private static final int QUEUE_MAX = 16;

    private final AtomicInteger constructed = new AtomicInteger();
    private final Set<Thing> out = ConcurrentHashMap.newKeySet();
    private final Set<Thing> destructed = ConcurrentHashMap.newKeySet();
    private final ConcurrentLinkedQueue<Thing> handoff = new ConcurrentLinkedQueue<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    /** Short-lived threads; joined by the test, so their parents can end (and be recovered) first. */
    private final ConcurrentLinkedQueue<Thread> children = new ConcurrentLinkedQueue<>();

    @Test
    void unlimited_cache_conserves_objects_across_threads() throws Exception {
        run(builder("stress-unlimited").capacity(64), 42L, true);
    }

    @Test
    void limited_blocking_cache_conserves_objects_and_respects_the_limit() throws Exception {
        ObjCache<Thing> c = run(builder("stress-limited").capacity(64).limit(64).onLimit(LimitPolicy.BLOCK)
                .timeout(Duration.ofSeconds(20)), 7L, false);
        assertTrue(c.stats().highWater() <= 64, "high water " + c.stats().highWater());
    }

    @Test
    void a_tiny_budget_degrades_pooling_without_failing() throws Exception {
        run(builder("stress-tiny-budget").capacity(64).arena(Arena.create("tiny", 2 * Arena.PAGE_SIZE))
                .objectSize(512), 99L, true);
    }

    private ObjCache.Builder<Thing> builder(String name) {
        return ObjCache.<Thing>builder(name, () -> {
            constructed.incrementAndGet();
            return new Thing();
        }).destructor(t -> {
            if (out.contains(t)) {
                failure.compareAndSet(null, new AssertionError("destructed while in use: " + t));
            }
            if (!destructed.add(t)) {
                failure.compareAndSet(null, new AssertionError("destructed twice: " + t));
            }
        }).arena(Arena.create("stress", 16L << 20));
    }

    /**
     * Runs the workers. {@code spawn} adds short-lived threads; it is off under a limit with
     * BLOCK, where many threads each holding objects while waiting would be a hold-and-wait
     * deadlock of the test's own making (the limit, 64, exceeds what the four workers and the
     * queue can hold: 4 * 8 + 16).
     */
    private ObjCache<Thing> run(ObjCache.Builder<Thing> b, long seed, boolean spawn) throws Exception {
        ObjCache<Thing> c = b.build();
        AtomicBoolean stop = new AtomicBoolean();
        Thread maint = new Thread(() -> {
            while (!stop.get()) {
                c.maintain();
                Thread.onSpinWait();
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "stress-maintain");
        maint.start();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < WORKERS; w++) {
            long s = seed * 31 + w;
            threads.add(start("stress-worker-" + w, () -> work(c, new Random(s), OPS, spawn)));
        }
        for (Thread t : threads) {
            t.join(60_000);
        }
        for (Thread t : children) {
            t.join(60_000);
        }
        stop.set(true);
        maint.join();
        Throwable f = failure.get();
        if (f != null) {
            throw new AssertionError("a thread failed", f);
        }
        for (Thing t; (t = handoff.poll()) != null; ) {
            assertTrue(out.remove(t));
            c.put(t);
        }
        assertTrue(out.isEmpty(), out.size() + " objects still out");
        c.maintain();
        assertTrue(c.isValid());
        ObjCacheStats s = c.stats();
        assertEquals(constructed.get(), s.created(), "created");
        assertEquals(destructed.size(), s.destroyed(), "destroyed");
        assertEquals(0, s.inUse(), "in use");
        assertEquals(s.created() - s.destroyed(), s.cached(), "created == inUse + cached + destroyed");
        c.destroy();
        assertNull(failure.get());
        assertEquals(constructed.get(), destructed.size(), "every object destructed exactly once after destroy");
        assertTrue(c.stats().requested() >= (long) WORKERS * OPS / 3, "requests " + c.stats().requested());
        return c;
    }

    private Thread start(String name, Runnable r) {
        Thread t = new Thread(() -> {
            try {
                r.run();
            } catch (Throwable e) {
                failure.compareAndSet(null, e);
            }
        }, name);
        t.start();
        return t;
    }

    private void work(ObjCache<Thing> c, Random rnd, int ops, boolean spawn) {
        List<Thing> held = new ArrayList<>();
        int spawned = 0;
        for (int i = 0; i < ops && failure.get() == null; i++) {
            int op = rnd.nextInt(100);
            if (op < 45 && held.size() < HOLD) {
                Thing t = c.get();
                if (!out.add(t)) {
                    throw new AssertionError("handed out twice: " + t);
                }
                t.payload = i;
                held.add(t);
            } else if (op < 80 && !held.isEmpty()) {
                Thing t = held.remove(rnd.nextInt(held.size()));
                assertTrue(out.remove(t));
                c.put(t);
            } else if (op < 90 && !held.isEmpty() && handoff.size() < QUEUE_MAX) {
                handoff.add(held.remove(held.size() - 1)); // another thread releases it
            } else if (op < 99) {
                Thing t = handoff.poll();
                if (t != null) {
                    assertTrue(out.remove(t));
                    c.put(t);
                }
            } else if (spawn && spawned < 40) {
                long s = rnd.nextLong();
                spawned++;
                children.add(start("stress-short-lived", () -> work(c, new Random(s), 200, false)));
            }
        }
        for (Thing t : held) {
            // a dying thread leaves what it holds for others to release
            handoff.add(t);
        }
    }
}
