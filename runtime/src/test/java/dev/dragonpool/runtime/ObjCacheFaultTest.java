package dev.dragonpool.runtime;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.dragonpool.runtime.ObjCacheAdoptDiscardTest.conserved;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Regression tests for the faults of issue 10 on one thread: a constructor that throws an
 * {@link Error} in a batch refill, puts of objects the cache never made, and calls on a
 * destroyed cache. Each checks conservation (created = in use + cached + destroyed) and the
 * cluster limit after the fault.
 */
class ObjCacheFaultTest {
    private final AtomicInteger constructed = new AtomicInteger();
    private final AtomicInteger destructed = new AtomicInteger();
    private final List<ObjCache<?>> built = new ArrayList<>();
    private final Arena arena = Arena.create("objcache-fault-test", 64L << 20);

    @AfterEach
    void destroyAll() {
        for (ObjCache<?> c : built) {
            c.destroy();
        }
    }

    private <T> ObjCache<T> track(ObjCache<T> c) {
        built.add(c);
        return c;
    }

    /** A constructor that throws {@code error} on its {@code nth} call and counts the others. */
    private ObjCache.Builder<Plain> throwingOn(String name, int nth, Error error) {
        AtomicInteger calls = new AtomicInteger();
        return ObjCache.<Plain>builder(name, () -> {
            if (calls.incrementAndGet() == nth) {
                throw error;
            }
            constructed.incrementAndGet();
            return new Plain();
        }).destructor(p -> destructed.incrementAndGet()).arena(arena);
    }

    @Test
    void an_error_from_the_constructor_in_a_batch_refill_leaks_no_count() {
        // A capacity large enough that the first miss reserves all 8 objects as one batch.
        ObjCache<Plain> c = track(throwingOn("batch-error", 3, new AssertionError("third construction"))
                .capacity(8 * 2 * 256).objectSize(32).limit(8).onLimit(LimitPolicy.FAIL).build());
        assertTrue(c.magazineCapacity() >= 8, "magazine " + c.magazineCapacity());
        AssertionError e = assertThrows(AssertionError.class, c::get);
        assertEquals("third construction", e.getMessage());
        ObjCacheStats s = conserved(c);
        assertEquals(constructed.get(), s.created(), "created counts the objects that exist: " + s);
        assertEquals(0, s.inUse(), "the failed get handed nothing out: " + s);
        List<Plain> held = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            held.add(c.get()); // the whole limit is obtainable again
        }
        assertThrows(PoolExhaustedException.class, c::get);
        ObjCacheStats after = conserved(c);
        assertEquals(8, after.inUse());
        assertEquals(constructed.get(), after.created());
    }

    @Test
    void a_stack_overflow_from_the_first_construction_reserves_nothing() {
        ObjCache<Plain> c = track(throwingOn("first-error", 1, new StackOverflowError("deep"))
                .limit(4).onLimit(LimitPolicy.FAIL).build());
        assertThrows(StackOverflowError.class, c::get);
        ObjCacheStats s = conserved(c);
        assertEquals(0, s.created());
        for (int i = 0; i < 4; i++) {
            c.get();
        }
        assertEquals(4, conserved(c).inUse());
    }

    @Test
    void puts_of_new_plain_objects_keep_conservation() {
        ObjCache<Plain> c = track(ObjCache.<Plain>builder("fresh-puts", Plain::new).capacity(8).arena(arena).build());
        for (int i = 0; i < 40; i++) {
            c.put(new Plain());
            conserved(c);
        }
        ObjCacheStats s = conserved(c);
        assertTrue(s.destroyed() <= s.created(), s.toString());
        assertEquals(0, s.inUse(), s.toString());
    }

    @Test
    void puts_of_new_plain_objects_respect_the_limit() {
        ObjCache<Plain> c = track(ObjCache.<Plain>builder("fresh-limit", Plain::new).limit(4)
                .onLimit(LimitPolicy.FAIL).arena(arena).build());
        for (int i = 0; i < 40; i++) {
            c.put(new Plain());
        }
        conserved(c);
        int held = 0;
        try {
            for (; held < 100; held++) {
                c.get();
            }
        } catch (PoolExhaustedException e) {
            // the limit
        }
        assertEquals(4, held, "objects obtainable at once under limit 4");
        ObjCacheStats s = conserved(c);
        assertEquals(4, s.inUse());
    }

    @Test
    void puts_of_new_recyclables_beyond_the_limit_are_left_to_the_gc() {
        ObjCache<Thing> c = track(ObjCache.<Thing>builder("fresh-rec-limit", Thing::new).limit(4)
                .onLimit(LimitPolicy.FAIL).arena(arena).build());
        for (int i = 0; i < 40; i++) {
            c.put(new Thing());
        }
        ObjCacheStats s = conserved(c);
        assertEquals(4, s.created(), s.toString());
        int held = 0;
        try {
            for (; held < 100; held++) {
                c.get();
            }
        } catch (PoolExhaustedException e) {
            // the limit
        }
        assertEquals(4, held);
    }

    @Test
    void a_plain_object_put_twice_is_not_detected_but_the_counts_and_the_limit_hold() {
        ObjCache<Plain> c = track(ObjCache.<Plain>builder("plain-twice", Plain::new).limit(2)
                .onLimit(LimitPolicy.FAIL).arena(arena).build());
        Plain p = c.get();
        c.put(p);
        c.put(p); // undetectable without Recyclable: counted as a second, adopted object
        ObjCacheStats s = conserved(c);
        assertEquals(2, s.cached());
        assertSame(p, c.get());
        assertSame(p, c.get(), "the hazard: one object handed out twice (implement Recyclable to have it caught)");
        assertThrows(PoolExhaustedException.class, c::get, "still within the limit of 2");
        conserved(c);
    }

    @Test
    void a_foreign_put_matched_against_another_threads_lent_object_keeps_the_depot_valid() throws Exception {
        // capacity 0: every put drops its object at once
        ObjCache<Plain> c = track(ObjCache.<Plain>builder("foreign-vs-lent", Plain::new).capacity(0).limit(4)
                .onLimit(LimitPolicy.FAIL).arena(arena).build());
        java.util.concurrent.ExecutorService other = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            Plain x = other.submit(c::get).get(); // the other thread lends x
            c.put(new Plain()); // foreign, on this thread: counted provisionally against x's lent count
            conserved(c);
            other.submit(() -> c.put(x)).get(); // x comes back through its own lent count
            ObjCacheStats s = conserved(c); // both dropped: the provisional claim went with them
            assertEquals(0, s.inUse(), s.toString());
            for (int i = 0; i < 4; i++) {
                c.get();
            }
            assertThrows(PoolExhaustedException.class, c::get, "the limit is 4, not 5");
            conserved(c);
        } finally {
            other.shutdown();
        }
    }

    @Test
    void a_plain_object_from_get_put_back_is_not_counted_twice() {
        ObjCache<Plain> c = track(ObjCache.<Plain>builder("plain-roundtrip", Plain::new).capacity(8).limit(64)
                .arena(arena).build());
        List<Plain> held = new ArrayList<>();
        for (int round = 0; round < 20; round++) {
            for (int i = 0; i < 30; i++) {
                held.add(c.get());
            }
            for (Plain p : held) {
                c.put(p);
            }
            held.clear();
            ObjCacheStats s = conserved(c);
            assertEquals(0, s.inUse(), s.toString());
            assertTrue(s.created() - s.destroyed() <= 64, s.toString());
        }
    }

    @Test
    void forgotten_instances_under_a_failing_limit_are_named_in_the_exception() throws Exception {
        ObjCache<Thing> c = track(ObjCache.<Thing>builder("forgotten", Thing::new).limit(4)
                .onLimit(LimitPolicy.FAIL).arena(arena).build());
        for (int i = 0; i < 4; i++) {
            c.get(); // dropped on the floor: never released
        }
        for (int i = 0; i < 3; i++) {
            System.gc(); // collected or not, they still count: the cache cannot see the GC
        }
        for (int round = 0; round < 2; round++) {
            PoolExhaustedException e = assertThrows(PoolExhaustedException.class, c::get);
            assertTrue(e.getMessage().contains("cluster limit 4 reached (policy FAIL): 4 instances were handed out"
                    + " and never released"), e.getMessage());
            assertTrue(e.getMessage().contains("leaks=sample reports where they were acquired"), e.getMessage());
            assertTrue(e.getMessage().contains("raise the limit"), e.getMessage());
        }
        assertEquals(4, conserved(c).inUse());
    }

    @Test
    void forgotten_instances_under_allocate_cost_pooling_but_never_fail() {
        ObjCache<Thing> c = track(ObjCache.<Thing>builder("forgotten-allocate", Thing::new).limit(4)
                .arena(arena).build());
        for (int i = 0; i < 4; i++) {
            c.get(); // forgotten
        }
        List<Thing> held = new ArrayList<>();
        for (int round = 0; round < 10; round++) {
            for (int i = 0; i < 10; i++) {
                held.add(c.get()); // beyond the limit: constructed plainly
            }
            for (Thing t : held) {
                c.put(t); // dropped once they reach the depot over the limit
            }
            held.clear();
        }
        ObjCacheStats s = conserved(c);
        assertEquals(4, s.inUse(), s.toString());
        assertTrue(s.exhausted() >= 10, s.toString());
    }

    @Test
    void calls_on_a_destroyed_cache_do_not_accumulate_thread_state() {
        ObjCache<Plain> c = ObjCache.<Plain>builder("dead-calls", Plain::new).arena(arena).build();
        Plain p = c.get();
        c.destroy();
        for (int i = 0; i < 100_000; i++) {
            assertThrows(IllegalStateException.class, c::get);
            assertThrows(IllegalStateException.class, () -> c.put(p));
        }
        assertTrue(c.localCount() <= 1, "locals after 200,000 calls on a destroyed cache: " + c.localCount());
    }
}
