package dev.dragonpool.runtime;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Multi-threaded stress, with fixed seeds, of objects that do not implement {@link Recyclable}:
 * their puts carry no slot, so the cache counts them with per-{@code Local} lent counts that
 * travel through the depot (see {@code ObjCache}, "Plain objects"). Workers get, put on the
 * same thread, hand objects to others through a queue, discard some, and (in the misuse run)
 * put and adopt objects the cache never made. Checked: no object handed out twice or destructed
 * while out; at the end, conservation (created = in use + cached + destroyed) with nothing in
 * use, the provisional, spare and owed counts back to zero when every put was legitimate, the
 * limit never exceeded by the objects that certainly exist (the high-water mark), and after
 * {@code destroy} every object destructed or discarded.
 */
class ObjCachePlainStressTest {
    private static final int WORKERS = 4;
    private static final int OPS = 150_000;
    private static final int HOLD = 8;
    private static final int QUEUE_MAX = 16;

    private final Set<Plain> out = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
    private final Set<Plain> destructed = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
    private final AtomicInteger constructed = new AtomicInteger();
    private final AtomicInteger discarded = new AtomicInteger();
    private final ConcurrentLinkedQueue<Plain> handoff = new ConcurrentLinkedQueue<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    @Test
    void plain_objects_released_across_threads_are_conserved() throws Exception {
        ObjCache<Plain> c = run(builder("plain-stress").capacity(64), 1234L, false);
        assertEquals(0, c.depot.provisional, "provisional counts all cancelled");
    }

    @Test
    void plain_objects_under_a_limit_never_exceed_it() throws Exception {
        ObjCache<Plain> c = run(builder("plain-stress-limit").capacity(64).limit(48).onLimit(LimitPolicy.FAIL), 99L,
                false);
        assertTrue(c.stats().highWater() <= 48, "high water " + c.stats().highWater());
        assertEquals(0, c.depot.provisional, "provisional counts all cancelled");
    }

    @Test
    void puts_of_foreign_plain_objects_keep_the_counts_and_the_limit() throws Exception {
        ObjCache<Plain> c = run(builder("plain-stress-misuse").capacity(64).limit(48).onLimit(LimitPolicy.FAIL), 7L,
                true);
        assertTrue(c.stats().highWater() <= 48, "high water " + c.stats().highWater());
    }

    private ObjCache.Builder<Plain> builder(String name) {
        return ObjCache.<Plain>builder(name, () -> {
            constructed.incrementAndGet();
            return new Plain();
        }).destructor(p -> {
            if (out.contains(p)) {
                failure.compareAndSet(null, new AssertionError("destructed while in use"));
            }
            if (!destructed.add(p)) {
                failure.compareAndSet(null, new AssertionError("destructed twice"));
            }
        }).arena(Arena.create("plain-stress", 16L << 20));
    }

    private ObjCache<Plain> run(ObjCache.Builder<Plain> b, long seed, boolean misuse) throws Exception {
        ObjCache<Plain> c = b.build();
        AtomicBoolean stop = new AtomicBoolean();
        Thread maint = new Thread(() -> {
            while (!stop.get()) {
                c.maintain();
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "plain-stress-maintain");
        maint.start();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < WORKERS; w++) {
            long s = seed * 31 + w;
            Thread t = new Thread(() -> {
                try {
                    work(c, new SplittableRandom(s), misuse);
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }, "plain-stress-" + w);
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join(120_000);
        }
        stop.set(true);
        maint.join();
        assertNull(failure.get());
        for (Plain p; (p = handoff.poll()) != null; ) {
            assertTrue(out.remove(p));
            c.put(p);
        }
        assertTrue(out.isEmpty(), out.size() + " objects still out");
        c.reclaim(); // recovers the dead workers' magazines and settles their lent counts
        assertTrue(c.isValid(), c.depot.problem());
        ObjCacheStats s = c.stats();
        assertEquals(s.created(), s.inUse() + s.cached() + s.destroyed(), "conservation: " + s);
        assertEquals(0, s.inUse(), "in use: " + s);
        if (!misuse) {
            assertEquals(constructed.get(), s.created(), "created: " + s);
            assertEquals(destructed.size() + discarded.get(), s.destroyed(), "destroyed: " + s);
            assertEquals(0, c.depot.spare, "spare");
            assertEquals(0, c.depot.owed, "owed");
        }
        c.destroy();
        assertNull(failure.get());
        ObjCacheStats end = c.stats();
        assertEquals(end.created(), end.destroyed(), "after destroy every counted object is gone: " + end);
        if (misuse) {
            // a discard whose lent count a foreign put took counts nothing (plain objects carry no identity)
            assertTrue(end.destroyed() >= destructed.size() && end.destroyed() <= destructed.size() + discarded.get(),
                    "destructed or discarded: " + end + ", destructed " + destructed.size() + ", discarded "
                            + discarded.get());
        } else {
            assertEquals(end.destroyed(), destructed.size() + discarded.get(), "destructed or discarded: " + end);
        }
        return c;
    }

    private void work(ObjCache<Plain> c, SplittableRandom rnd, boolean misuse) {
        List<Plain> held = new ArrayList<>();
        for (int i = 0; i < OPS && failure.get() == null; i++) {
            int op = rnd.nextInt(100);
            if (op < 45 && held.size() < HOLD) {
                Plain p;
                try {
                    p = c.get();
                } catch (PoolExhaustedException e) {
                    continue;
                }
                if (!out.add(p)) {
                    throw new AssertionError("handed out twice");
                }
                held.add(p);
            } else if (op < 78 && !held.isEmpty()) {
                Plain p = held.remove(rnd.nextInt(held.size()));
                assertTrue(out.remove(p));
                c.put(p);
            } else if (op < 80 && !held.isEmpty()) {
                Plain p = held.remove(rnd.nextInt(held.size()));
                assertTrue(out.remove(p));
                c.discard(p);
                discarded.incrementAndGet();
            } else if (op < 90 && !held.isEmpty() && handoff.size() < QUEUE_MAX) {
                handoff.add(held.remove(held.size() - 1)); // another thread releases it
            } else if (op < 99) {
                Plain p = handoff.poll();
                if (p != null) {
                    assertTrue(out.remove(p));
                    c.put(p);
                }
            } else if (misuse) {
                if (rnd.nextBoolean()) {
                    c.put(new Plain()); // never came from get(): counted as adopted, or left to the GC
                } else {
                    c.adopt(new Plain());
                }
            }
        }
        handoff.addAll(held); // a finishing thread leaves what it holds for others to release
    }
}
