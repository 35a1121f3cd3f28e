package dev.dragonpool.runtime;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link ObjCache#adopt} and {@link ObjCache#discard}: the calls agent code makes for objects the cache did not make or will never see again. */
class ObjCacheAdoptDiscardTest {
    private final AtomicInteger destructed = new AtomicInteger();
    private final List<ObjCache<?>> built = new ArrayList<>();
    private final Arena arena = Arena.create("adopt-discard-test", 64L << 20);

    @AfterEach
    void destroyAll() {
        for (ObjCache<?> c : built) {
            c.destroy();
        }
    }

    private ObjCache.Builder<Plain> plains(String name) {
        return ObjCache.<Plain>builder(name, Plain::new).destructor(p -> destructed.incrementAndGet()).arena(arena);
    }

    private ObjCache.Builder<Thing> things(String name) {
        return ObjCache.<Thing>builder(name, Thing::new).destructor(p -> destructed.incrementAndGet()).arena(arena);
    }

    private <T> ObjCache<T> track(ObjCache<T> c) {
        built.add(c);
        return c;
    }

    /** created = inUse + cached + destroyed, and the depot's own invariant. */
    static ObjCacheStats conserved(ObjCache<?> c) {
        ObjCacheStats s = c.stats();
        assertEquals(s.created(), s.inUse() + s.cached() + s.destroyed(), "conservation: " + s);
        assertTrue(c.depot.created - c.depot.destroyed == c.depot.live && c.depot.live >= 0,
                "live=" + c.depot.live + " " + s);
        assertTrue(c.isValid(), "isValid: " + s);
        return s;
    }

    @Test
    void discard_stops_counting_the_object_without_running_the_destructor() {
        ObjCache<Plain> c = track(plains("discard").limit(2).onLimit(LimitPolicy.FAIL).build());
        Plain a = c.get();
        Plain b = c.get();
        assertThrows(PoolExhaustedException.class, c::get);
        ObjCacheStats before = conserved(c);
        c.discard(a);
        ObjCacheStats after = conserved(c);
        assertEquals(before.created(), after.created(), "created stays");
        assertEquals(before.destroyed() + 1, after.destroyed(), "destroyed + 1");
        assertEquals(before.inUse() - 1, after.inUse());
        assertEquals(0, destructed.get(), "no destructor on a discarded object");
        Plain d = c.get(); // room again under the limit
        assertNotNull(d);
        c.put(b);
        c.put(d);
        ObjCacheStats end = conserved(c);
        assertEquals(0, end.inUse());
    }

    @Test
    void discard_of_a_recyclable_clears_its_slot_so_a_later_put_adopts_it() {
        ObjCache<Thing> c = track(things("discard-rec").build());
        Thing t = c.get();
        c.discard(t);
        assertNull(t.dragonpool$slot());
        ObjCacheStats s = conserved(c);
        assertEquals(1, s.destroyed());
        c.put(t); // like a new object: adopted
        ObjCacheStats s2 = conserved(c);
        assertEquals(s.created() + 1, s2.created());
        assertEquals(0, s2.inUse());
    }

    @Test
    void discard_wakes_a_thread_blocked_at_the_limit() throws Exception {
        ObjCache<Plain> c = track(plains("discard-block").limit(1).onLimit(LimitPolicy.BLOCK)
                .timeout(Duration.ofSeconds(20)).build());
        Plain a = c.get();
        CompletableFuture<Plain> waiter = CompletableFuture.supplyAsync(c::get);
        while (c.depot.waiters == 0) { // racy read: the waiter registered itself under the depot lock
            Thread.sleep(1);
        }
        c.discard(a);
        Plain got = waiter.get(20, TimeUnit.SECONDS);
        assertNotNull(got);
        c.put(got);
        conserved(c);
    }

    @Test
    void discard_of_a_cached_or_foreign_recyclable_throws() {
        ObjCache<Thing> c = track(things("discard-bad").build());
        ObjCache<Thing> other = track(things("discard-other").build());
        Thing t = c.get();
        c.put(t);
        IllegalStateException cached = assertThrows(IllegalStateException.class, () -> c.discard(t));
        assertTrue(cached.getMessage().contains("is cached"), cached.getMessage());
        Thing o = other.get();
        IllegalArgumentException foreign = assertThrows(IllegalArgumentException.class, () -> c.discard(o));
        assertTrue(foreign.getMessage().contains("not handed out by this cache"), foreign.getMessage());
        assertThrows(IllegalArgumentException.class, () -> c.discard(new Thing()));
        assertThrows(NullPointerException.class, () -> c.discard(null));
        conserved(c);
        conserved(other);
    }

    @Test
    void discard_of_a_plain_object_the_cache_never_handed_out_counts_nothing() {
        ObjCache<Plain> c = track(plains("discard-none").build());
        c.discard(new Plain()); // nothing is handed out: nothing to count out, and no exception in a catch block
        ObjCacheStats s = conserved(c);
        assertEquals(0, s.created());
        assertEquals(0, s.destroyed());
        Plain p = c.get();
        c.discard(new Plain()); // one object is out: it is taken for that one (plain objects carry no identity)
        ObjCacheStats s2 = conserved(c);
        assertEquals(1, s2.destroyed());
        assertEquals(0, s2.inUse());
        c.discard(p); // and the real one then counts nothing
        assertEquals(1, conserved(c).destroyed());
    }

    @Test
    void discard_on_a_destroyed_cache_counts_the_object_out_and_does_not_throw() {
        ObjCache<Plain> c = plains("discard-dead").build();
        Plain a = c.get();
        c.destroy();
        c.discard(a);
        ObjCacheStats s = c.stats();
        assertEquals(0, s.inUse());
        assertEquals(s.created(), s.destroyed());
    }

    @Test
    void adopt_counts_a_new_object_and_caches_it() {
        ObjCache<Plain> c = track(plains("adopt").build());
        Plain p = new Plain();
        assertTrue(c.adopt(p));
        ObjCacheStats s = conserved(c);
        assertEquals(1, s.created());
        assertEquals(1, s.cached());
        assertEquals(0, s.inUse());
        assertSame(p, c.get(), "the adopted object is handed out");
        ObjCacheStats s2 = conserved(c);
        assertEquals(1, s2.inUse());
        assertEquals(1, s2.created(), "no construction needed");
    }

    @Test
    void adopt_at_the_limit_leaves_the_object_to_the_gc_under_every_policy() {
        for (LimitPolicy p : LimitPolicy.values()) {
            ObjCache<Plain> c = track(plains("adopt-limit-" + p).limit(3).onLimit(p).build());
            int adopted = 0;
            for (int i = 0; i < 10; i++) {
                if (c.adopt(new Plain())) {
                    adopted++;
                }
            }
            assertEquals(3, adopted, p.name());
            ObjCacheStats s = conserved(c);
            assertEquals(3, s.created(), p.name());
            assertEquals(3, s.cached(), p.name());
            assertEquals(0, destructed.get(), "refused objects are not destructed: " + p);
            for (int i = 0; i < 3; i++) {
                c.get();
            }
            assertFalse(c.adopt(new Plain()), "three handed out: still at the limit (" + p + ")");
            conserved(c);
        }
    }

    @Test
    void adopt_of_a_new_recyclable_marks_it_cached() {
        ObjCache<Thing> c = track(things("adopt-rec").build());
        Thing t = new Thing();
        assertTrue(c.adopt(t));
        assertSame(ObjCache.IN_POOL, t.dragonpool$slot());
        assertThrows(IllegalStateException.class, () -> c.put(t), "adopted then put: double put");
        assertSame(t, c.get());
        c.put(t);
        ObjCacheStats s = conserved(c);
        assertEquals(1, s.created());
        assertEquals(0, s.inUse());
    }

    @Test
    void adopt_rejects_objects_the_cache_already_knows() {
        ObjCache<Thing> c = track(things("adopt-bad").build());
        ObjCache<Thing> other = track(things("adopt-other").build());
        Thing t = c.get();
        IllegalArgumentException mine = assertThrows(IllegalArgumentException.class, () -> c.adopt(t));
        assertTrue(mine.getMessage().contains("give it back with put"), mine.getMessage());
        c.put(t);
        IllegalStateException cached = assertThrows(IllegalStateException.class, () -> c.adopt(t));
        assertTrue(cached.getMessage().contains("already cached"), cached.getMessage());
        Thing o = other.get();
        IllegalArgumentException foreign = assertThrows(IllegalArgumentException.class, () -> c.adopt(o));
        assertTrue(foreign.getMessage().contains("belongs to objcache 'adopt-other'"), foreign.getMessage());
        NullPointerException n = assertThrows(NullPointerException.class, () -> c.adopt(null));
        assertEquals("objcache 'adopt-bad': adopt of null; pass the object to adopt", n.getMessage());
        conserved(c);
        conserved(other);
    }

    @Test
    void adopt_into_a_destroyed_cache_throws() {
        ObjCache<Plain> c = plains("adopt-dead").build();
        c.destroy();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> c.adopt(new Plain()));
        assertEquals("objcache 'adopt-dead' is destroyed; build a new cache to pool again", e.getMessage());
    }

    @Test
    void adopt_and_discard_keep_conservation_in_a_mixed_sequence() {
        ObjCache<Plain> c = track(plains("adopt-mix").capacity(16).limit(50).onLimit(LimitPolicy.FAIL).build());
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(42);
        ArrayList<Plain> held = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            int op = rnd.nextInt(4);
            if (op == 0) {
                try {
                    held.add(c.get());
                } catch (PoolExhaustedException e) {
                    assertEquals(50, c.stats().created() - c.stats().destroyed());
                }
            } else if (op == 1 && !held.isEmpty()) {
                c.put(held.remove(held.size() - 1));
            } else if (op == 2 && !held.isEmpty()) {
                c.discard(held.remove(rnd.nextInt(held.size())));
            } else {
                c.adopt(new Plain());
            }
            ObjCacheStats s = conserved(c);
            assertTrue(s.created() - s.destroyed() <= 50, "limit: " + s);
            assertEquals(held.size(), s.inUse(), "in use = held by the test: " + s);
        }
    }
}
