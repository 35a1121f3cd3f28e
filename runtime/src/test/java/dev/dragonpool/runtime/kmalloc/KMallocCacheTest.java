package dev.dragonpool.runtime.kmalloc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dragonpool.runtime.Arena;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What a heap keeps of its free slabs, and when it gives them back. */
class KMallocCacheTest {
    private static final AtomicInteger SEQ = new AtomicInteger();
    private static final int RUN = 64 << 10; // a page class: one 16-page slab per buffer

    private final MallocType type = MallocType.define("kmalloc-cache-" + SEQ.incrementAndGet(), 64L << 20);

    @AfterEach
    void destroy() {
        type.destroy();
    }

    private List<ByteBuffer> allocRuns(KMalloc km, int n) {
        List<ByteBuffer> held = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            held.add(km.alloc(type, RUN));
        }
        return held;
    }

    @Test
    void freed_slabs_are_kept_for_reuse_up_to_the_heap_cache_bytes() {
        KMalloc km = KMalloc.builder(Arena.create("kmalloc-cache-a", 32L << 20)).heapCacheBytes(10 * RUN).build();
        List<ByteBuffer> held = allocRuns(km, 20);
        assertEquals(20 * 16, km.pageStats().pagesInUse());
        held.forEach(km::free);
        assertEquals(10 * 16, km.pageStats().pagesInUse(), "ten free runs kept, ten given back");
        List<ByteBuffer> again = allocRuns(km, 10);
        assertTrue(again.stream().allMatch(held::contains), "kept runs are reused, views and all");
        again.forEach(km::free);
        km.close();
        assertEquals(0, km.pageStats().pagesInUse());
    }

    @Test
    void zero_heap_cache_gives_every_free_slab_back_at_once() {
        KMalloc km = KMalloc.builder(Arena.create("kmalloc-cache-b", 32L << 20)).heapCacheBytes(0).build();
        allocRuns(km, 5).forEach(km::free);
        ByteBuffer small = km.alloc(type, 100);
        km.free(small);
        assertEquals(0, km.pageStats().pagesInUse());
        km.close();
    }

    @Test
    void free_slabs_unused_for_a_reap_interval_are_given_back_but_one() {
        KMalloc km = KMalloc.builder(Arena.create("kmalloc-cache-c", 32L << 20)).reapInterval(Duration.ZERO).build();
        allocRuns(km, 20).forEach(km::free);
        assertEquals(20 * 16, km.pageStats().pagesInUse(), "all kept: under the cache bytes");
        ByteBuffer a = km.alloc(type, 100);  // slow path: a reap sees 20 free runs, none idle yet
        ByteBuffer b = km.alloc(type, 5000); // next reap: the 20 stayed unused, 19 go
        assertEquals(16 + 16 + 16, km.pageStats().pagesInUse(), "one run kept, plus two small slabs");
        km.free(a);
        km.free(b);
        km.close();
    }

    @Test
    void arena_pressure_makes_owners_give_back_free_slabs_on_their_next_slow_path() {
        Arena arena = Arena.create("kmalloc-cache-d", 4L << 20);
        KMalloc km = KMalloc.builder(arena).build();
        allocRuns(km, 40).forEach(km::free); // 2.5 MiB of free runs kept in this thread's heap
        assertEquals(3L << 20, arena.charged());
        assertFalse(arena.tryCharge(2L << 20), "the kept runs hold the pages: nothing to give at once");
        ByteBuffer b = km.alloc(type, 100); // slow path honours the request
        assertEquals(1L << 20, arena.charged(), "free runs given back, empty chunks released but one");
        assertTrue(arena.tryCharge(2L << 20));
        arena.uncharge(2L << 20);
        km.free(b);
        km.close();
        assertEquals(0, arena.charged());
    }
}
