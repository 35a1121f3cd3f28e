package dev.dragonpool.runtime;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@link ObjCache#destroy()} racing the other operations, with fixed seeds. After every round
 * the invariants are checked: conservation (every object constructed was destructed or is still
 * held by a worker, and the depot's {@code live} counts exactly the held ones) and, after all
 * rounds, bytes charged = bytes held (the arena, shared by every cache of the test, is back
 * to zero). Each round uses a new cache, so a race lost in one round cannot hide in the next.
 */
class ObjCacheDestroyRaceTest {

    /** Spins for a short, seeded while so that the two sides meet at varying points. */
    private static void spin(int n) {
        for (int i = 0; i < n; i++) {
            Thread.onSpinWait();
        }
    }

    private static final class Counting {
        final AtomicInteger constructed = new AtomicInteger();
        final AtomicInteger destructed = new AtomicInteger();

        ObjCache.Builder<Plain> builder(String name, Arena arena) {
            return ObjCache.<Plain>builder(name, () -> {
                constructed.incrementAndGet();
                return new Plain();
            }).destructor(p -> destructed.incrementAndGet()).arena(arena);
        }
    }

    /**
     * A platform worker's first get (which charges its first magazines) and its puts (which
     * charge more when the tiny magazines fill) against {@code destroy()}: no magazine charge
     * may survive the cache. Before the fix about 1 MiB stayed charged after 20,000 caches.
     */
    @Test
    void first_gets_and_puts_racing_destroy_leave_nothing_charged() throws Exception {
        Arena arena = Arena.create("destroy-race-charge", 256L << 20);
        int rounds = 20_000;
        CyclicBarrier start = new CyclicBarrier(2);
        CyclicBarrier end = new CyclicBarrier(2);
        AtomicReference<ObjCache<Plain>> current = new AtomicReference<>();
        AtomicInteger held = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        SplittableRandom seeds = new SplittableRandom(20_000L);
        long[] workerSeeds = new long[rounds];
        for (int i = 0; i < rounds; i++) {
            workerSeeds[i] = seeds.nextLong();
        }
        Thread worker = new Thread(() -> {
            try {
                for (int i = 0; i < rounds; i++) {
                    start.await(30, TimeUnit.SECONDS);
                    ObjCache<Plain> c = current.get();
                    SplittableRandom rnd = new SplittableRandom(workerSeeds[i]);
                    List<Plain> mine = new ArrayList<>();
                    try {
                        int n = 1 + rnd.nextInt(4);
                        for (int k = 0; k < n; k++) {
                            mine.add(c.get());
                        }
                        while (!mine.isEmpty()) {
                            c.put(mine.get(mine.size() - 1));
                            mine.remove(mine.size() - 1);
                        }
                    } catch (IllegalStateException dead) {
                        // destroyed meanwhile
                    }
                    end.await(30, TimeUnit.SECONDS); // destroy() has returned
                    try {
                        c.get();
                        throw new AssertionError("get after destroy did not throw");
                    } catch (IllegalStateException expected) {
                        // and the worker's magazines were dropped on the way
                    }
                    held.set(mine.size());
                    end.await(30, TimeUnit.SECONDS);
                }
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
                start.reset();
                end.reset();
            }
        }, "destroy-race-worker");
        worker.start();
        SplittableRandom rnd = new SplittableRandom(42L);
        for (int i = 0; i < rounds && failure.get() == null; i++) {
            Counting counts = new Counting();
            // capacity 1: one-object magazines, so puts exchange with the depot and charge anew
            ObjCache<Plain> c = counts.builder("race-" + i, arena).capacity(rnd.nextBoolean() ? 1 : 64)
                    .objectSize(256).buildDetached();
            current.set(c);
            start.await(30, TimeUnit.SECONDS);
            spin(rnd.nextInt(2_000));
            c.destroy();
            end.await(30, TimeUnit.SECONDS);
            end.await(30, TimeUnit.SECONDS);
            int h = held.get();
            assertEquals(counts.constructed.get() - h, counts.destructed.get(), "round " + i + ": destructed");
            ObjCacheStats s = c.stats();
            assertEquals(s.created(), s.inUse() + s.cached() + s.destroyed(), "round " + i + ": " + s);
            assertEquals(h, s.inUse(), "round " + i + ": in use = held by the worker: " + s);
            assertEquals(0, s.chargedBytes(), "round " + i);
        }
        worker.join(30_000);
        assertNull(failure.get());
        assertEquals(0, arena.charged(), "bytes still charged after " + rounds + " destroyed caches");
    }

    /**
     * Virtual threads (JDK 21+) getting and putting through the stripes while another thread
     * destroys the cache: every object must be destructed or still held, and {@code live}
     * must fall to the held ones. Before the fix a stripe refilled between the stripe drain
     * and the DEAD mark kept its objects forever (about one round in five on JDK 25).
     */
    @Test
    void virtual_threads_racing_destroy_leave_no_object_behind() throws Exception {
        Function<Runnable, Thread> virtual = VirtualThreads.factory();
        assumeTrue(virtual != null, "virtual threads need JDK 21+");
        raceWithThreads(virtual, 400, 77L);
    }

    /** The same race with platform threads, whose own magazines are dropped on their next call. */
    @Test
    void platform_threads_racing_destroy_leave_no_object_behind() throws Exception {
        raceWithThreads(r -> new Thread(r), 200, 78L);
    }

    private static void raceWithThreads(Function<Runnable, Thread> factory, int rounds, long seed) throws Exception {
        Arena arena = Arena.create("destroy-race-threads-" + seed, 64L << 20);
        SplittableRandom rnd = new SplittableRandom(seed);
        int workers = 6;
        for (int round = 0; round < rounds; round++) {
            Counting counts = new Counting();
            ObjCache<Plain> c = counts.builder("vrace-" + seed + "-" + round, arena).capacity(rnd.nextInt(1, 200))
                    .objectSize(64).buildDetached();
            AtomicInteger held = new AtomicInteger();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            CyclicBarrier go = new CyclicBarrier(workers + 1);
            List<Thread> ts = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                long ws = rnd.nextLong();
                Thread t = factory.apply(() -> {
                    SplittableRandom r = new SplittableRandom(ws);
                    List<Plain> mine = new ArrayList<>();
                    try {
                        go.await(30, TimeUnit.SECONDS);
                        for (;;) {
                            int n = 1 + r.nextInt(6);
                            for (int k = 0; k < n; k++) {
                                mine.add(c.get());
                            }
                            if (r.nextInt(4) == 0) {
                                Thread.yield();
                            }
                            while (!mine.isEmpty()) {
                                c.put(mine.get(mine.size() - 1));
                                mine.remove(mine.size() - 1);
                            }
                        }
                    } catch (IllegalStateException dead) {
                        held.addAndGet(mine.size());
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                    }
                });
                t.start();
                ts.add(t);
            }
            go.await(30, TimeUnit.SECONDS);
            spin(rnd.nextInt(20_000));
            c.destroy();
            for (Thread t : ts) {
                t.join(30_000);
            }
            assertNull(failure.get());
            int h = held.get();
            ObjCacheStats s = c.stats();
            assertEquals(counts.constructed.get() - h, counts.destructed.get(),
                    "round " + round + ": objects neither destructed nor held: " + s);
            assertEquals(s.created(), s.inUse() + s.cached() + s.destroyed(), "round " + round + ": " + s);
            assertEquals(h, c.depot.live, "round " + round + ": live = held: " + s);
            assertEquals(0, s.chargedBytes(), "round " + round);
        }
        assertEquals(0, arena.charged(), "bytes still charged after " + rounds + " destroyed caches");
    }
}
