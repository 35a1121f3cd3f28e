package dev.dragonpool.runtime;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MPipeTest {
    private final AtomicInteger constructed = new AtomicInteger();
    private final AtomicInteger destructed = new AtomicInteger();

    private MPipe.Builder<Plain> pipe(String name) {
        return MPipe.<Plain>builder(name, () -> {
            constructed.incrementAndGet();
            return new Plain();
        }).destructor(p -> destructed.incrementAndGet());
    }

    @Test
    void the_reserve_is_constructed_up_front_and_served_without_constructing() {
        MPipe<Plain> p = pipe("reserve").reserve(3).max(5).build();
        assertEquals(3, constructed.get());
        List<Plain> out = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            out.add(p.get());
        }
        assertEquals(3, constructed.get());
        MPipeStats s = p.stats();
        assertEquals(3, s.reserveHits());
        assertEquals(3, s.inUse());
        assertEquals(0, s.free());
        assertTrue(p.isValid());
        p.destroy();
    }

    @Test
    void beyond_the_reserve_constructs_up_to_nmax_then_fails() {
        MPipe<Plain> p = pipe("nmax").reserve(1).max(3).onLimit(LimitPolicy.FAIL).build();
        p.get();
        p.get();
        p.get();
        assertEquals(3, constructed.get());
        PoolExhaustedException e = assertThrows(PoolExhaustedException.class, p::get);
        assertEquals("mpipe 'nmax' exhausted: nmax=3 objects in use; put objects back when done, raise nmax,"
                + " or call tryGet() to get null instead", e.getMessage());
        assertNull(p.tryGet());
        MPipeStats s = p.stats();
        assertEquals(2, s.failed());
        assertEquals(2, s.exhausted());
        assertEquals(3, s.highWater());
        p.destroy();
    }

    @Test
    void beyond_nmax_block_waits_then_times_out() {
        MPipe<Plain> p = pipe("wait").max(1).timeout(Duration.ofMillis(40)).build();
        p.get();
        long t0 = System.nanoTime();
        PoolExhaustedException e = assertThrows(PoolExhaustedException.class, p::get);
        assertTrue(System.nanoTime() - t0 >= 35_000_000L);
        assertTrue(e.getMessage().startsWith("mpipe 'wait' exhausted: nmax=1 objects in use after waiting PT0.04S;"),
                e.getMessage());
        assertEquals(1, p.stats().waits());
        e = assertThrows(PoolExhaustedException.class, () -> p.get(Duration.ofMillis(5)));
        assertTrue(e.getMessage().startsWith("mpipe 'wait' exhausted: nmax=1 objects in use after waiting PT0.005S;"),
                e.getMessage());
        p.destroy();
    }

    @Test
    void a_waiting_get_is_woken_by_a_put() throws Exception {
        MPipe<Plain> p = pipe("woken").reserve(1).max(1).timeout(Duration.ofSeconds(20)).build();
        Plain held = p.get();
        AtomicReference<Plain> got = new AtomicReference<>();
        Thread t = new Thread(() -> got.set(p.get()));
        t.start();
        while (p.stats().waits() == 0) {
            Thread.sleep(1);
        }
        p.put(held);
        t.join(10_000);
        assertFalse(t.isAlive());
        assertSame(held, got.get());
        p.destroy();
    }

    @Test
    void frees_refill_the_reserve_first_then_destruct() {
        MPipe<Plain> p = pipe("refill").reserve(2).max(4).build();
        List<Plain> out = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            out.add(p.get());
        }
        out.forEach(p::put);
        MPipeStats s = p.stats();
        assertEquals(2, s.free());
        assertEquals(2, destructed.get());
        assertEquals(2, s.destroyed());
        assertEquals(0, s.inUse());
        assertEquals(0, p.destroy(), "nothing out");
        assertEquals(4, destructed.get());
    }

    @Test
    void put_of_null_throws() {
        MPipe<Plain> p = pipe("null").build();
        assertEquals("mpipe 'null': put of null; put the object get() returned",
                assertThrows(NullPointerException.class, () -> p.put(null)).getMessage());
        p.destroy();
    }

    @Test
    void more_puts_than_gets_throw() {
        MPipe<Plain> p = pipe("extra").reserve(1).build();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> p.put(new Plain()));
        assertEquals("mpipe 'extra': put of dev.dragonpool.runtime.Plain but no object is out (double put?);"
                + " put each object once per get()",
                e.getMessage());
        p.destroy();
    }

    @Test
    void a_destroyed_pipe_refuses_everything_and_reports_objects_out() {
        MPipe<Plain> p = pipe("gone").reserve(2).build();
        Plain a = p.get();
        assertTrue(Pools.mpipes().contains(p));
        assertEquals(1, p.destroy());
        assertFalse(Pools.mpipes().contains(p));
        assertEquals("mpipe 'gone' is destroyed; build a new mpipe to use one again",
                assertThrows(IllegalStateException.class, () -> p.put(a)).getMessage());
        assertEquals("mpipe 'gone' is destroyed; build a new mpipe to use one again", assertThrows(IllegalStateException.class, p::get).getMessage());
    }

    @Test
    void bad_builder_values_throw_with_the_value_named() {
        assertEquals("mpipe 'x': reserve (nnom) must be in [0, 268435456], got -1",
                assertThrows(IllegalArgumentException.class, () -> pipe("x").reserve(-1)).getMessage());
        assertEquals("mpipe 'x': max (nmax) must be in [1, 268435456], got 0",
                assertThrows(IllegalArgumentException.class, () -> pipe("x").max(0)).getMessage());
        assertEquals("mpipe 'x': max (nmax) must be in [1, 268435456], got 2147483647",
                assertThrows(IllegalArgumentException.class, () -> pipe("x").max(Integer.MAX_VALUE)).getMessage());
        assertEquals("mpipe 'x': reserve (nnom=5) exceeds max (nmax=2)",
                assertThrows(IllegalArgumentException.class, () -> pipe("x").reserve(5).max(2).build())
                        .getMessage());
        assertEquals("mpipe 'x': policy ALLOCATE is not supported, an mpipe never exceeds nmax (use BLOCK or FAIL)",
                assertThrows(IllegalArgumentException.class, () -> pipe("x").onLimit(LimitPolicy.ALLOCATE))
                        .getMessage());
        assertEquals("mpipe 'x': timeout must be > 0, got PT0S",
                assertThrows(IllegalArgumentException.class, () -> pipe("x").timeout(Duration.ZERO)).getMessage());
        assertEquals("mpipe 'x': timeout must be >= 0, got PT-0.001S",
                assertThrows(IllegalArgumentException.class, () -> {
                    MPipe<Plain> p = pipe("x").build();
                    try {
                        p.get(Duration.ofMillis(-1));
                    } finally {
                        p.destroy();
                    }
                }).getMessage());
        assertEquals("mpipe name must not be blank",
                assertThrows(IllegalArgumentException.class, () -> MPipe.builder("", Plain::new)).getMessage());
        assertEquals(0, constructed.get());
    }

    @Test
    void constructor_returning_null_throws_and_frees_the_slot() {
        MPipe<Plain> p = MPipe.<Plain>builder("nulls", () -> null).max(1).onLimit(LimitPolicy.FAIL).build();
        assertEquals("mpipe 'nulls': constructor returned null",
                assertThrows(NullPointerException.class, p::get).getMessage());
        assertEquals(0, p.stats().inUse());
        assertTrue(p.isValid());
        p.destroy();
    }

    @Test
    void reset_high_water_lowers_the_mark_to_the_objects_that_exist() {
        MPipe<Plain> p = pipe("hw").reserve(1).max(5).onLimit(LimitPolicy.FAIL).build();
        Plain a = p.get();
        Plain b = p.get();
        Plain c = p.get();
        assertEquals(3, p.stats().highWater());
        p.put(c);
        p.put(b);
        p.resetHighWater();
        assertEquals(2, p.stats().highWater(), "a is out, c refilled the reserve, b was dropped");
        p.put(a);
        p.destroy();
    }

    @Test
    void stats_report_nmax_set_or_unlimited() {
        MPipe<Plain> open = pipe("no-max").build();
        assertEquals(MPipeStats.UNLIMITED, open.stats().nmax());
        open.destroy();
        MPipe<Plain> bounded = pipe("max-9").max(9).build();
        assertEquals(9, bounded.stats().nmax());
        bounded.destroy();
    }
}
