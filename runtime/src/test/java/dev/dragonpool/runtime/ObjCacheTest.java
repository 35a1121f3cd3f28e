package dev.dragonpool.runtime;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ObjCacheTest {
    private final AtomicInteger constructed = new AtomicInteger();
    private final AtomicInteger destructed = new AtomicInteger();
    private final List<ObjCache<?>> built = new ArrayList<>();
    private final Arena arena = Arena.create("objcache-test", 64L << 20);

    @AfterEach
    void destroyAll() {
        for (ObjCache<?> c : built) {
            c.destroy();
        }
    }

    private ObjCache.Builder<Thing> things(String name) {
        return ObjCache.<Thing>builder(name, () -> {
            constructed.incrementAndGet();
            return new Thing();
        }).destructor(t -> destructed.incrementAndGet()).arena(arena);
    }

    private <T> ObjCache<T> track(ObjCache<T> c) {
        built.add(c);
        return c;
    }

    @Test
    void get_then_put_then_get_returns_the_same_object() {
        ObjCache<Thing> c = track(things("same").build());
        Thing a = c.get();
        c.put(a);
        Thing b = c.get();
        assertSame(a, b);
        c.put(b);
        assertTrue(c.isValid());
    }

    @Test
    void plain_objects_recycle_too() {
        ObjCache<Plain> c = track(ObjCache.builder("plain", Plain::new).arena(arena).build());
        Plain a = c.get();
        c.put(a);
        assertSame(a, c.get());
    }

    @Test
    void stats_count_requests_hits_and_creations() {
        ObjCache<Thing> c = track(things("stats").objectSize(32).build());
        for (int i = 0; i < 100; i++) {
            c.put(c.get());
        }
        ObjCacheStats s = c.stats();
        assertEquals("stats", s.name());
        assertEquals(100, s.requested());
        assertEquals(constructed.get(), s.created());
        assertTrue(s.magazineHits() >= 98, "hits " + s.magazineHits());
        assertEquals(0, s.inUse());
        assertEquals(s.created() - s.destroyed(), s.cached());
        assertTrue(s.chargedBytes() > 0 && s.chargedBytes() % Arena.PAGE_SIZE == 0, "charged " + s.chargedBytes());
    }

    @Test
    void a_miss_with_an_empty_depot_constructs_a_magazines_worth() {
        ObjCache<Thing> c = track(things("refill").objectSize(32).capacity(600).build());
        int cap = c.magazineCapacity();
        assertTrue(cap > 1, "cap " + cap);
        Thing t = c.get();
        assertEquals(cap + 1, constructed.get(), "one returned + a loaded magazine");
        assertEquals(cap, c.stats().cached());
        c.put(t);
        for (int i = 0; i < cap; i++) {
            c.get();
        }
        assertEquals(cap + 1, constructed.get(), "all served from the magazine");
    }

    @Test
    void put_of_null_throws() {
        ObjCache<Thing> c = track(things("nullput").build());
        NullPointerException e = assertThrows(NullPointerException.class, () -> c.put(null));
        assertEquals("objcache 'nullput': put of null; put the object get() returned", e.getMessage());
    }

    @Test
    void put_into_destroyed_cache_throws() {
        ObjCache<Thing> c = things("dead").build();
        Thing t = c.get();
        c.destroy();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> c.put(t));
        assertEquals("objcache 'dead' is destroyed; build a new cache to pool again", e.getMessage());
        IllegalStateException g = assertThrows(IllegalStateException.class, c::get);
        assertEquals("objcache 'dead' is destroyed; build a new cache to pool again", g.getMessage());
        assertFalse(Pools.objCaches().contains(c));
        assertEquals(0, arena.charged());
    }

    @Test
    void destroy_runs_the_destructor_on_cached_objects() {
        ObjCache<Thing> c = things("destroy").objectSize(16).build();
        List<Thing> out = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            out.add(c.get());
        }
        out.forEach(c::put);
        int made = constructed.get();
        c.destroy();
        assertEquals(made, destructed.get());
        c.destroy(); // idempotent
        assertEquals(made, destructed.get());
    }

    @Test
    void double_put_of_a_recyclable_throws() {
        ObjCache<Thing> c = track(things("twice").build());
        Thing t = c.get();
        c.put(t);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> c.put(t));
        assertEquals("objcache 'twice': dev.dragonpool.runtime.Thing put twice (it is already cached);"
                + " put each object once per get()", e.getMessage());
    }

    @Test
    void put_into_the_wrong_cache_throws() {
        ObjCache<Thing> a = track(things("a").build());
        ObjCache<Thing> b = track(things("b").build());
        Thing t = a.get();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.put(t));
        assertEquals("objcache 'b': dev.dragonpool.runtime.Thing belongs to objcache 'a'; put it into that cache",
                e.getMessage());
        a.put(t);
    }

    @Test
    void a_new_recyclable_is_adopted_and_counted() {
        ObjCache<Thing> c = track(things("adopt").build());
        Thing stranger = new Thing();
        c.put(stranger);
        assertEquals(1, c.stats().created());
        assertSame(stranger, c.get());
    }

    @Test
    void constructor_returning_null_throws() {
        ObjCache<Thing> c = track(ObjCache.<Thing>builder("nulls", () -> null).arena(arena).build());
        NullPointerException e = assertThrows(NullPointerException.class, c::get);
        assertEquals("objcache 'nulls': constructor returned null; the constructor given to ObjCache.builder must"
                + " return a new object", e.getMessage());
        assertEquals(0, c.stats().created());
    }

    @Test
    void constructor_exception_propagates_and_is_not_counted() {
        ObjCache<Thing> c = track(ObjCache.<Thing>builder("boom", () -> {
            throw new IllegalStateException("boom");
        }).arena(arena).build());
        assertEquals("boom", assertThrows(IllegalStateException.class, c::get).getMessage());
        ObjCacheStats s = c.stats();
        assertEquals(0, s.created());
        assertEquals(0, s.inUse());
    }

    @Test
    void bad_builder_values_throw_with_the_value_named() {
        assertEquals("objcache 'x': limit must be in [1, 268435456], got 0",
                assertThrows(IllegalArgumentException.class, () -> things("x").limit(0)).getMessage());
        assertEquals("objcache 'x': limit must be in [1, 268435456], got -5",
                assertThrows(IllegalArgumentException.class, () -> things("x").limit(-5)).getMessage());
        assertEquals("objcache 'x': capacity must be in [0, 268435456], got -1",
                assertThrows(IllegalArgumentException.class, () -> things("x").capacity(-1)).getMessage());
        assertEquals("objcache 'x': capacity must be in [0, 268435456], got 2147483647",
                assertThrows(IllegalArgumentException.class, () -> things("x").capacity(Integer.MAX_VALUE))
                        .getMessage());
        assertEquals("objcache 'x': objectSize must be in [1, 2^30] bytes, got 0",
                assertThrows(IllegalArgumentException.class, () -> things("x").objectSize(0)).getMessage());
        assertEquals("objcache 'x': objectSize must be in [1, 2^30] bytes, got 1099511627776",
                assertThrows(IllegalArgumentException.class, () -> things("x").objectSize(1L << 40)).getMessage());
        assertEquals("objcache 'x': timeout must be > 0, got PT0S",
                assertThrows(IllegalArgumentException.class, () -> things("x").timeout(Duration.ZERO)).getMessage());
        assertEquals("objcache 'x': timeout must be > 0, got PT-1S",
                assertThrows(IllegalArgumentException.class, () -> things("x").timeout(Duration.ofSeconds(-1)))
                        .getMessage());
        assertEquals("objcache 'x': reserve must be in [0, 268435456], got -1",
                assertThrows(IllegalArgumentException.class, () -> things("x").reserve(-1)).getMessage());
        assertEquals("objcache 'x': reserve 10 exceeds limit 5",
                assertThrows(IllegalArgumentException.class, () -> things("x").limit(5).reserve(10).build())
                        .getMessage());
        assertEquals("objcache name must not be blank",
                assertThrows(IllegalArgumentException.class, () -> ObjCache.builder(" ", Plain::new)).getMessage());
        assertEquals("constructor",
                assertThrows(NullPointerException.class, () -> ObjCache.builder("x", null)).getMessage());
        assertEquals("policy",
                assertThrows(NullPointerException.class, () -> things("x").onLimit(null)).getMessage());
    }

    @Test
    void fail_policy_at_the_limit_throws_at_once() {
        ObjCache<Thing> c = track(things("fail").limit(3).onLimit(LimitPolicy.FAIL).build());
        List<Thing> out = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            out.add(c.get());
        }
        PoolExhaustedException e = assertThrows(PoolExhaustedException.class, c::get);
        assertTrue(e.getMessage().startsWith("objcache 'fail' exhausted: cluster limit 3 reached (policy FAIL): 3"
                + " instances were handed out and never released"), e.getMessage());
        ObjCacheStats s = c.stats();
        assertEquals(1, s.failed());
        assertEquals(1, s.exhausted());
        assertEquals(3, s.inUse());
        c.put(out.remove(0));
        assertTrue(out.add(c.get()));
    }

    @Test
    void block_policy_times_out_with_a_clear_message() {
        ObjCache<Thing> c = track(things("block").limit(2).onLimit(LimitPolicy.BLOCK)
                .timeout(Duration.ofMillis(50)).build());
        c.get();
        c.get();
        long t0 = System.nanoTime();
        PoolExhaustedException e = assertThrows(PoolExhaustedException.class, c::get);
        assertTrue(System.nanoTime() - t0 >= 45_000_000L, "waited");
        assertTrue(e.getMessage().startsWith("objcache 'block' exhausted: cluster limit 2 reached, nothing came back"
                + " within PT0.05S (policy BLOCK): 2 instances were handed out and never released"), e.getMessage());
        assertEquals(1, c.stats().failed());
    }

    @Test
    void block_policy_wakes_when_another_thread_puts() throws Exception {
        ObjCache<Thing> c = track(things("wake").limit(1).onLimit(LimitPolicy.BLOCK)
                .timeout(Duration.ofSeconds(20)).build());
        Thing held = c.get();
        CountDownLatch waiting = new CountDownLatch(1);
        AtomicReference<Thing> got = new AtomicReference<>();
        Thread waiter = new Thread(() -> {
            waiting.countDown();
            got.set(c.get());
        });
        waiter.start();
        waiting.await();
        while (c.depot.waiters == 0 && waiter.isAlive()) {
            Thread.sleep(1);
        }
        Thread putter = new Thread(() -> c.put(held));
        putter.start();
        putter.join();
        waiter.join(10_000);
        assertFalse(waiter.isAlive());
        assertSame(held, got.get());
        assertEquals(1, c.stats().created());
    }

    @Test
    void allocate_policy_goes_beyond_the_limit_and_drops_the_excess() {
        ObjCache<Thing> c = track(things("alloc").limit(2).capacity(0).build());
        List<Thing> out = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            out.add(c.get());
        }
        assertEquals(5, constructed.get());
        assertEquals(3, c.stats().exhausted());
        out.forEach(c::put);
        ObjCacheStats s = c.stats();
        assertEquals(5, s.destroyed(), "capacity 0 caches nothing");
        assertEquals(0, s.cached());
        assertEquals(5, destructed.get());
    }

    @Test
    void release_on_another_thread_flows_back_through_the_depot() throws Exception {
        ObjCache<Thing> c = track(things("xthread").objectSize(16).capacity(64).build());
        int cap = c.magazineCapacity();
        int n = cap * 6;
        List<Thing> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(c.get());
        }
        int made = constructed.get();
        Thread t = new Thread(() -> out.forEach(c::put));
        t.start();
        t.join();
        Set<Thing> again = Collections.newSetFromMap(new IdentityHashMap<>());
        for (int i = 0; i < n - 3 * cap; i++) {
            assertTrue(again.add(c.get()), "handed out twice");
        }
        assertEquals(made, constructed.get(), "served from magazines the other thread put into the depot");
        assertTrue(c.stats().depotExchanges() > 0);
        assertTrue(c.isValid());
    }

    @Test
    void magazines_of_a_dead_thread_are_recovered_into_the_depot() throws Exception {
        ObjCache<Thing> c = track(things("deadthread").objectSize(16).build());
        Set<Thing> theirs = Collections.newSetFromMap(new IdentityHashMap<>());
        Thread t = new Thread(() -> {
            List<Thing> mine = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                mine.add(c.get());
            }
            mine.forEach(c::put);
            theirs.addAll(mine);
        });
        t.start();
        t.join();
        int made = constructed.get();
        assertEquals(made, c.stats().cached());
        c.maintain();
        assertEquals(made, c.depot.objects, "all in the depot now");
        Set<Thing> mine = Collections.newSetFromMap(new IdentityHashMap<>());
        for (int i = 0; i < 5; i++) {
            mine.add(c.get());
        }
        assertEquals(5, mine.size());
        assertEquals(made, constructed.get(), "served from the recovered magazines");
        assertTrue(c.isValid());
    }

    @Test
    void maintain_trims_depot_magazines_the_working_set_does_not_use() throws Exception {
        ObjCache<Thing> c = track(things("trim").objectSize(16).build());
        Thread t = new Thread(() -> {
            List<Thing> mine = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                mine.add(c.get());
            }
            mine.forEach(c::put);
        });
        t.start();
        t.join();
        c.maintain(); // recovers the dead thread's magazines; marks are reset
        long before = c.depot.objects;
        assertTrue(before > 0);
        for (int i = 0; i < 12; i++) {
            c.maintain();
        }
        assertEquals(0, c.depot.nfull, "idle magazines decay away");
        assertEquals(constructed.get(), destructed.get());
        assertTrue(arena.charged() <= Arena.PAGE_SIZE, "charged " + arena.charged());
    }

    @Test
    void reclaim_drops_the_depot_and_returns_the_count() throws Exception {
        ObjCache<Thing> c = track(things("reclaim").objectSize(16).build());
        Thread t = new Thread(() -> {
            List<Thing> mine = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                mine.add(c.get());
            }
            mine.forEach(c::put);
        });
        t.start();
        t.join();
        long n = c.reclaim();
        assertEquals(constructed.get(), n);
        assertEquals(n, destructed.get());
        assertEquals(0, c.stats().cached());
        assertEquals(0, c.reclaim());
    }

    @Test
    void a_zero_budget_keeps_nothing_idle_and_never_fails() {
        Arena none = Arena.create("none", 0);
        ObjCache<Thing> c = track(things("nobudget").arena(none).build());
        for (int i = 0; i < 10; i++) {
            c.put(c.get());
        }
        ObjCacheStats s = c.stats();
        assertEquals(0, s.cached());
        assertEquals(0, none.charged());
        assertEquals(10, s.created());
        assertEquals(10, s.destroyed());
    }

    @Test
    void arena_pressure_makes_another_cache_give_idle_objects_back() throws Exception {
        Arena small = Arena.create("small", 8 * Arena.PAGE_SIZE);
        ObjCache<Thing> hog = track(things("hog").arena(small).objectSize(1024).capacity(64).build());
        Thread t = new Thread(() -> {
            List<Thing> mine = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                mine.add(hog.get());
            }
            mine.forEach(hog::put);
        });
        t.start();
        t.join();
        hog.maintain(); // dead thread's magazines into the depot
        assertTrue(hog.stats().cached() > 0);
        assertTrue(small.charged() > 0);
        assertTrue(small.tryCharge(small.budget()), "the hog gave everything back");
        assertTrue(small.stats().reclaims() > 0);
        assertEquals(0, hog.stats().cached());
        assertEquals(hog.stats().created(), hog.stats().destroyed());
    }

    @Test
    void mpipe_reserve_is_constructed_up_front_and_refilled_by_drops() {
        ObjCache<Thing> c = track(things("piped").reserve(4).capacity(0).limit(10).build());
        assertEquals(4, constructed.get());
        MPipe<Thing> p = c.pipe();
        assertTrue(Pools.mpipes().contains(p));
        Thing a = c.get();
        assertEquals(4, constructed.get(), "served from the reserve");
        c.put(a);
        assertEquals(4, p.stats().free(), "capacity 0: the drop refills the reserve");
        assertEquals(0, destructed.get());
    }

    @Test
    void registry_lists_live_caches_only() {
        ObjCache<Thing> c = things("listed").build();
        assertTrue(Pools.objCaches().contains(c));
        c.destroy();
        assertFalse(Pools.objCaches().contains(c));
    }

    @Test
    void objects_not_released_are_collected_by_the_gc() throws Exception {
        ObjCache<Thing> c = track(things("noretain").objectSize(16).build());
        Thing t = c.get();
        c.put(t);
        t = c.get();
        java.lang.ref.WeakReference<Thing> ref = new java.lang.ref.WeakReference<>(t);
        t = null;
        for (int i = 0; i < 20 && ref.get() != null; i++) {
            System.gc();
            Thread.sleep(10);
        }
        assertSame(null, ref.get(), "a magazine kept an object it handed out");
    }

    @Test
    void reset_high_water_lowers_the_mark_to_the_objects_that_exist() {
        ObjCache<Thing> c = track(things("hw").capacity(0).build());
        Thing a = c.get();
        Thing b = c.get();
        Thing d = c.get();
        assertEquals(3, c.stats().highWater());
        c.put(a);
        c.put(b);
        c.resetHighWater();
        assertEquals(1, c.stats().highWater(), "capacity 0 drops what comes back: only d exists");
        c.put(d);
    }

    @Test
    void stats_report_the_object_size_given_or_estimated_from_the_first_object() {
        ObjCache<Thing> given = track(things("size-given").objectSize(200).build());
        assertEquals(200, given.stats().objectSize());
        ObjCache<Thing> learned = track(things("size-learned").build());
        assertEquals(0, learned.stats().objectSize(), "unknown before the first object");
        learned.put(learned.get());
        assertEquals(ObjectSizer.sizeOf(new Thing()), learned.stats().objectSize());
        ObjCache<Thing> uncached = track(things("size-uncached").capacity(0).build());
        uncached.put(uncached.get());
        assertEquals(ObjectSizer.sizeOf(new Thing()), uncached.stats().objectSize(), "known even when nothing is cached");
    }

    @Test
    void stats_report_the_limit_set_or_unlimited() {
        assertEquals(ObjCacheStats.UNLIMITED, track(things("no-limit").build()).stats().limit());
        assertEquals(-1, ObjCacheStats.UNLIMITED);
        assertEquals(7, track(things("limit-7").limit(7).build()).stats().limit());
        assertEquals(ObjCache.MAX_LIMIT, track(things("limit-max").limit(ObjCache.MAX_LIMIT).build()).stats().limit(),
                "an explicit limit is reported even at the maximum");
    }
}
