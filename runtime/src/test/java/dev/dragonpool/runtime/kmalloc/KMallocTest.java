package dev.dragonpool.runtime.kmalloc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dragonpool.runtime.Arena;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KMallocTest {
    private static final AtomicInteger SEQ = new AtomicInteger();

    private final Arena arena = Arena.create("kmalloc-test-arena-" + SEQ.incrementAndGet(), 64L << 20);
    private final KMalloc km = KMalloc.builder(arena).build();
    private final MallocType type = MallocType.define("kmalloc-test-" + SEQ.incrementAndGet(), 32L << 20);

    @AfterEach
    void destroyType() {
        km.close();
        assertEquals(0, arena.stats().reclaimers(), "close unregisters the reclaimer");
        if (type.stats().inUse() == 0) {
            type.destroy();
        }
    }

    /** The allocator still works: alloc, write, read, free across several classes. */
    private void assertStillWorks() {
        for (int size : new int[] {1, 100, 3000, 10000, 100000}) {
            ByteBuffer b = km.alloc(type, size);
            b.put(size - 1, (byte) 42);
            assertEquals(42, b.get(size - 1));
            km.free(b);
        }
    }

    @Test
    void alloc_returns_buffer_with_limit_size_and_capacity_of_its_class() {
        for (int size = 1; size <= 70000; size += size < 300 ? 1 : 97) {
            ByteBuffer b = km.alloc(type, size);
            assertTrue(b.isDirect());
            assertEquals(0, b.position());
            assertEquals(size, b.limit());
            assertEquals(km.chargedSize(size), b.capacity(), "capacity for " + size);
            assertEquals(ByteOrder.BIG_ENDIAN, b.order());
            km.free(b);
        }
    }

    @Test
    void every_size_class_boundary_gets_its_class_size() {
        SizeClasses sc = km.classes;
        for (int c = 0; c < sc.count; c++) {
            int size = sc.chunkSize[c];
            ByteBuffer exact = km.alloc(type, size);
            ByteBuffer above = km.alloc(type, size + 1);
            assertEquals(size, exact.capacity(), "class " + c);
            assertTrue(above.capacity() > size, "size " + (size + 1) + " goes to the next class");
            km.free(exact);
            km.free(above);
        }
    }

    @Test
    void power_of_two_sizes_are_aligned_to_their_size() {
        for (int size = 8; size <= 1 << 20; size <<= 1) {
            List<ByteBuffer> held = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                ByteBuffer b = km.alloc(type, size);
                assertEquals(0, b.alignmentOffset(0, size), "alignment of a " + size + "-byte buffer");
                held.add(b);
            }
            held.forEach(km::free);
        }
    }

    @Test
    void cachealign_aligns_to_64_and_powerof2_rounds_up() {
        for (int size = 1; size < 9000; size += 37) {
            ByteBuffer b = km.alloc(type, size, KMalloc.CACHEALIGN);
            assertEquals(0, b.alignmentOffset(0, 64), "cache alignment for " + size);
            assertEquals(size, b.limit());
            km.free(b);
            ByteBuffer p = km.alloc(type, size, KMalloc.POWEROF2);
            assertEquals(1, Integer.bitCount(p.capacity()), "power of two for " + size);
            assertEquals(0, p.alignmentOffset(0, p.capacity()));
            km.free(p);
        }
    }

    @Test
    void zero_flag_clears_reused_memory() {
        for (int size : new int[] {24, 200, 5000, 20000, 100000}) {
            ByteBuffer b = km.alloc(type, size);
            for (int i = 0; i < size; i++) {
                b.put(i, (byte) 0x5A);
            }
            km.free(b);
            ByteBuffer z = km.alloc(type, size, KMalloc.ZERO);
            for (int i = 0; i < size; i++) {
                assertEquals(0, z.get(i), "byte " + i + " of " + size);
            }
            km.free(z);
        }
    }

    @Test
    void freed_view_is_reused_so_steady_state_makes_no_new_buffer() {
        ByteBuffer a = km.alloc(type, 64);
        km.free(a);
        ByteBuffer b = km.alloc(type, 64);
        assertSame(a, b);
        b.position(10).limit(20).order(ByteOrder.LITTLE_ENDIAN);
        km.free(b);
        ByteBuffer c = km.alloc(type, 60);
        assertSame(a, c);
        assertEquals(0, c.position());
        assertEquals(60, c.limit());
        assertEquals(ByteOrder.BIG_ENDIAN, c.order());
        km.free(c);
    }

    @Test
    void live_buffers_never_overlap() {
        List<ByteBuffer> live = new ArrayList<>();
        for (int i = 0; i < 1500; i++) {
            int size = 1 + (i * 7919) % 20000;
            ByteBuffer b = km.alloc(type, size);
            for (int j = 0; j < size; j += 8) {
                b.put(j, (byte) i);
            }
            live.add(b);
        }
        for (int i = 0; i < live.size(); i++) {
            ByteBuffer b = live.get(i);
            for (int j = 0; j < b.limit(); j += 8) {
                assertEquals((byte) i, b.get(j), "buffer " + i + " byte " + j);
            }
            km.free(b);
        }
        assertEquals(0, type.stats().inUse());
    }

    @Test
    void size_zero_or_negative_throws_and_allocator_still_works() {
        var e = assertThrows(IllegalArgumentException.class, () -> km.alloc(type, 0));
        assertEquals("kmalloc size must be positive: 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> km.alloc(type, -5));
        assertEquals("kmalloc size must be positive: -5", e.getMessage());
        assertStillWorks();
    }

    @Test
    void unknown_flags_throw() {
        var e = assertThrows(IllegalArgumentException.class, () -> km.alloc(type, 8, 0x40));
        assertEquals("unknown kmalloc flags: 0x40; pass an OR of KMalloc.ZERO, NULLOK, CACHEALIGN and POWEROF2",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> km.alloc(type, (1 << 30) + 1, KMalloc.POWEROF2));
        assertEquals("size 1073741825 has no power of two that fits in an int; drop POWEROF2 or allocate at most"
                + " 2^30 bytes", e.getMessage());
        assertStillWorks();
    }

    @Test
    void size_above_type_limit_throws_even_with_nullok() {
        MallocType small = MallocType.define("kmalloc-small-" + SEQ.incrementAndGet(), 4096);
        var e = assertThrows(IllegalArgumentException.class, () -> km.alloc(small, 5000, KMalloc.NULLOK));
        assertTrue(e.getMessage().contains("exceeds the limit 4096 of malloc type '" + small.name() + "'"),
                e.getMessage());
        small.destroy();
        assertStillWorks();
    }

    @Test
    void a_size_no_direct_buffer_can_hold_is_rejected_before_anything_is_charged() {
        // With 4 KiB pages the largest buffer is 2^31 - 8 KiB: its pages plus one page of
        // alignment slack must fit the int capacity of one direct ByteBuffer.
        int largest = Integer.MAX_VALUE / 4096 * 4096 - 4096;
        Arena big = Arena.create("kmalloc-huge-" + SEQ.incrementAndGet(), 8L << 30);
        KMalloc hk = KMalloc.builder(big).build();
        MallocType ht = MallocType.define("kmalloc-huge-" + SEQ.incrementAndGet(), (2L << 30) + (2L << 20));
        try {
            for (int size : new int[] {Integer.MAX_VALUE, Integer.MAX_VALUE - 4096, largest + 1}) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> hk.alloc(ht, size));
                assertTrue(e.getMessage().contains("size " + size) && e.getMessage().contains("largest")
                        && e.getMessage().contains("split"), e.getMessage());
                assertEquals(0, big.charged(), "nothing charged to the arena");
                assertEquals(0, ht.stats().memUse(), "nothing charged to the type");
            }
            ByteBuffer keep = hk.alloc(ht, 16);
            keep.put(0, (byte) 7);
            IllegalArgumentException r = assertThrows(IllegalArgumentException.class,
                    () -> hk.realloc(keep, Integer.MAX_VALUE, 0));
            assertTrue(r.getMessage().contains("largest"), r.getMessage());
            assertEquals(7, keep.get(0), "the old buffer stays allocated and unchanged");
            hk.free(keep);
            // The type's whole limit above the rejected request is still there: no credit leaked.
            ByteBuffer a = hk.alloc(ht, 1 << 20);
            ByteBuffer b = hk.alloc(ht, 1 << 20);
            hk.free(a);
            hk.free(b);
            assertThrows(IllegalArgumentException.class, () -> hk.chargedSize(Integer.MAX_VALUE));
        } finally {
            hk.close();
        }
        assertEquals(0, big.charged());
        ht.destroy();
    }

    @Test
    void a_power_of_two_too_large_to_align_in_one_buffer_is_rejected_before_anything_is_charged() {
        // 1 GiB aligned to 1 GiB in 1 GiB chunks needs a dedicated 2 GiB reservation: no ByteBuffer holds it.
        Arena big = Arena.create("kmalloc-huge-aligned-" + SEQ.incrementAndGet(), 8L << 30);
        KMalloc hk = KMalloc.builder(big).chunkSize(1 << 30).build();
        MallocType ht = MallocType.define("kmalloc-huge-aligned-" + SEQ.incrementAndGet(), 4L << 30);
        try {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> hk.alloc(ht, 1 << 30));
            assertTrue(e.getMessage().contains("largest") && e.getMessage().contains("split"), e.getMessage());
            assertEquals(0, big.charged(), "nothing charged to the arena");
            ByteBuffer small = hk.alloc(ht, 100);
            hk.free(small);
        } finally {
            hk.close();
        }
        assertEquals(0, big.charged());
        ht.destroy();
    }

    @Test
    void size_above_arena_budget_throws() {
        var e = assertThrows(IllegalArgumentException.class, () -> km.alloc(type, 100 << 20));
        assertTrue(e.getMessage().contains("exceeds the"), e.getMessage());
        MallocType huge = MallocType.define("kmalloc-huge-" + SEQ.incrementAndGet(), 1L << 40);
        e = assertThrows(IllegalArgumentException.class, () -> km.alloc(huge, 100 << 20));
        assertTrue(e.getMessage().contains("exceeds the budget " + (64L << 20) + " of arena '" + arena.name() + "'"),
                e.getMessage());
        huge.destroy();
        assertStillWorks();
    }

    @Test
    void over_type_limit_throws_or_returns_null_with_nullok_and_never_blocks() {
        MallocType t = MallocType.define("kmalloc-limited-" + SEQ.incrementAndGet(), 64 * 1024);
        List<ByteBuffer> held = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            held.add(km.alloc(t, 1024));
        }
        assertEquals(64 * 1024, t.stats().memUse());
        var e = assertThrows(MallocLimitExceededException.class, () -> km.alloc(t, 1));
        assertTrue(e.getMessage().startsWith("malloc limit exceeded: type '" + t.name() + "' holds 65536 of its 65536"),
                e.getMessage());
        assertNull(km.alloc(t, 1, KMalloc.NULLOK));
        assertEquals(2, t.stats().failures());
        km.free(held.remove(0));
        ByteBuffer again = km.alloc(t, 1000);
        assertEquals(1024, again.capacity());
        km.free(again);
        held.forEach(km::free);
        MallocTypeStats s = t.stats();
        assertEquals(0, s.inUse());
        assertEquals(0, s.memUse());
        assertEquals(65, s.requests());
        assertTrue(s.highUse() >= 64 * 1024 && s.highUse() <= t.limit(), "high use " + s.highUse());
        t.destroy();
        assertStillWorks();
    }

    @Test
    void arena_exhaustion_throws_or_returns_null_and_recovers() {
        Arena tiny = Arena.create("kmalloc-tiny-" + SEQ.incrementAndGet(), 2L << 20);
        KMalloc k = KMalloc.builder(tiny).build();
        List<ByteBuffer> held = new ArrayList<>();
        ByteBuffer b;
        while ((b = k.alloc(type, 60000, KMalloc.NULLOK)) != null) {
            held.add(b);
        }
        assertEquals(2L << 20, tiny.charged());
        var e = assertThrows(MallocLimitExceededException.class, () -> k.alloc(type, 60000));
        assertTrue(e.getMessage().startsWith("arena '" + tiny.name() + "' cannot supply pages"), e.getMessage());
        held.forEach(k::free);
        ByteBuffer ok = k.alloc(type, 60000);
        k.free(ok);
        assertEquals(0, type.stats().inUse());
        k.trim();
        assertEquals(0, tiny.charged(), "trim gives every chunk back to the arena");
    }

    @Test
    void double_free_throws_and_allocator_still_works() {
        ByteBuffer b = km.alloc(type, 100);
        km.free(b);
        var e = assertThrows(IllegalStateException.class, () -> km.free(b));
        assertTrue(e.getMessage().startsWith("double free of a 104-byte kmalloc buffer"), e.getMessage());
        assertEquals(0, type.stats().inUse());
        assertStillWorks();
    }

    @Test
    void big_buffer_freed_twice_is_rejected() {
        ByteBuffer big = km.alloc(type, 200000);
        km.free(big);
        var e = assertThrows(IllegalArgumentException.class, () -> km.free(big));
        assertTrue(e.getMessage().endsWith("(or it is a big buffer that was already freed); pass the buffer this"
                + " allocator's alloc returned, once"), e.getMessage());
        assertStillWorks();
    }

    @Test
    void free_of_foreign_heap_or_null_buffer_throws() {
        var e = assertThrows(IllegalArgumentException.class, () -> km.free(ByteBuffer.allocateDirect(64)));
        assertTrue(e.getMessage().contains("was not allocated by this KMalloc"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> km.free(ByteBuffer.allocate(64)));
        assertTrue(e.getMessage().startsWith("cannot free a heap buffer"), e.getMessage());
        var npe = assertThrows(NullPointerException.class, () -> km.free(null));
        assertEquals("kmalloc free of null; pass the buffer alloc returned", npe.getMessage());
        KMalloc other = KMalloc.builder(arena).build();
        ByteBuffer theirs = other.alloc(type, 64);
        e = assertThrows(IllegalArgumentException.class, () -> km.free(theirs));
        assertTrue(e.getMessage().contains("was not allocated by this KMalloc"), e.getMessage());
        other.free(theirs);
        other.close();
        assertStillWorks();
    }

    @Test
    void free_of_slice_or_duplicate_throws_and_leaves_buffer_allocated() {
        ByteBuffer b = km.alloc(type, 256);
        var e = assertThrows(IllegalArgumentException.class, () -> km.free(b.duplicate()));
        assertTrue(e.getMessage().contains("lies inside a live 256-byte buffer that was: a slice or duplicate"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> km.free(b.slice(16, 32)));
        assertTrue(e.getMessage().contains("slice or duplicate"), e.getMessage());
        assertEquals(1, type.stats().inUse(), "the buffer is still allocated");
        km.free(b);
        assertEquals(0, type.stats().inUse());
        assertStillWorks();
    }

    @Test
    void destroyed_type_throws_on_alloc_and_destroy_refuses_while_in_use() {
        MallocType t = MallocType.define("kmalloc-doomed-" + SEQ.incrementAndGet(), 1 << 20);
        ByteBuffer b = km.alloc(t, 10);
        var e = assertThrows(IllegalStateException.class, t::destroy);
        assertEquals("malloc type '" + t.name() + "' still has 1 allocations (16 bytes) in use; free them before"
                + " destroying the type", e.getMessage());
        km.free(b);
        t.destroy();
        assertTrue(t.isDestroyed());
        assertFalse(MallocType.all().contains(t));
        assertFalse(dev.dragonpool.runtime.Pools.mallocTypes().contains(t));
        e = assertThrows(IllegalStateException.class, () -> km.alloc(t, 10));
        assertEquals("malloc type '" + t.name() + "' was destroyed; define a new type to allocate again", e.getMessage());
        assertStillWorks();
    }

    @Test
    void define_validates_name_and_limit() {
        var e = assertThrows(IllegalArgumentException.class, () -> MallocType.define(" ", 10));
        assertEquals("malloc type name must not be blank:  ", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> MallocType.define("neg", 0));
        assertEquals("limit of malloc type 'neg' must be positive: 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> MallocType.define(type.name(), 10));
        assertEquals("malloc type '" + type.name() + "' is already defined", e.getMessage());
        assertTrue(MallocType.all().contains(type));
        assertTrue(dev.dragonpool.runtime.Pools.mallocTypes().contains(type));
    }

    @Test
    void builder_rejects_bad_values_naming_them() {
        var e = assertThrows(IllegalArgumentException.class, () -> KMalloc.builder(arena).pageSize(3000));
        assertEquals("page size must be a power of two in [4096, 65536]: 3000", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> KMalloc.builder(arena).chunkSize(1000));
        assertEquals("chunk size must be a power of two in [65536, 1073741824]: 1000", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> KMalloc.builder(arena).zoneSize(16 << 10).chunkingLimit(16 << 10).build());
        assertEquals("chunking limit 16384 must be at most half the zone size 16384", e.getMessage());
    }

    @Test
    void realloc_keeps_the_buffer_within_its_class_and_moves_the_bytes_otherwise() {
        ByteBuffer b = km.alloc(type, 100);
        for (int i = 0; i < 100; i++) {
            b.put(i, (byte) i);
        }
        assertSame(b, km.realloc(b, 104, 0));
        assertEquals(104, b.limit());
        ByteBuffer r = km.realloc(b, 5000, KMalloc.ZERO);
        assertNotSame(b, r);
        assertEquals(5000, r.limit());
        for (int i = 0; i < 100; i++) {
            assertEquals((byte) i, r.get(i));
        }
        ByteBuffer s = km.realloc(r, 10, 0);
        assertEquals(10, s.limit());
        assertEquals(9, s.get(9));
        var e = assertThrows(IllegalStateException.class, () -> km.free(r));
        assertTrue(e.getMessage().startsWith("double free"), e.getMessage());
        km.free(s);
        assertEquals(0, type.stats().inUse());
    }

    @Test
    void buffer_larger_than_a_chunk_gets_a_dedicated_chunk_given_back_on_free() {
        ByteBuffer b = km.alloc(type, 3 << 20);
        assertEquals(3 << 20, b.capacity());
        assertEquals(0, b.alignmentOffset(0, 4096), "page-aligned");
        b.put((3 << 20) - 1, (byte) 7);
        ArenaPageStats p = km.pageStats();
        assertEquals(1, p.chunks());
        assertEquals(768, p.pagesInUse());
        assertEquals(3L << 20, arena.charged());
        km.free(b);
        assertEquals(0, km.pageStats().chunks(), "a dedicated chunk goes back at once");
        assertEquals(0, arena.charged());
        assertStillWorks();
    }

    @Test
    void realloc_that_cannot_grow_returns_null_with_nullok_and_keeps_the_old_buffer() {
        MallocType t = MallocType.define("kmalloc-realloc-" + SEQ.incrementAndGet(), 8192);
        ByteBuffer b = km.alloc(t, 4000);
        b.put(0, (byte) 9);
        assertNull(km.realloc(b, 6000, KMalloc.NULLOK), "4096 + 6144 bytes exceed the 8192 limit");
        assertEquals(9, b.get(0));
        assertEquals(1, t.stats().inUse());
        var e = assertThrows(MallocLimitExceededException.class, () -> km.realloc(b, 6000, 0));
        assertTrue(e.getMessage().startsWith("malloc limit exceeded"), e.getMessage());
        km.free(b);
        var f = assertThrows(IllegalStateException.class, () -> km.realloc(b, 10, 0));
        assertEquals("realloc of a freed kmalloc buffer (4096 bytes); realloc only buffers still allocated, and use"
                + " the buffer realloc returns", f.getMessage());
        t.destroy();
        assertStillWorks();
    }

    @Test
    void free_on_another_thread_returns_the_chunk_to_its_owner() throws Exception {
        ByteBuffer b = km.alloc(type, 48);
        AtomicReference<Throwable> err = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                km.free(b);
            } catch (Throwable x) {
                err.set(x);
            }
        });
        t.start();
        t.join();
        assertNull(err.get());
        assertEquals(0, type.stats().inUse());
        // The owner drains the remote list when its class runs dry and reuses the same view.
        boolean reused = false;
        List<ByteBuffer> held = new ArrayList<>();
        for (int i = 0; i < 2000 && !reused; i++) {
            ByteBuffer x = km.alloc(type, 48);
            reused = x == b;
            held.add(x);
        }
        assertTrue(reused, "remotely freed chunk came back to its owner");
        held.forEach(km::free);
    }

    @Test
    void bytes_are_conserved_per_type() {
        MallocType t = MallocType.define("kmalloc-conserve-" + SEQ.incrementAndGet(), 16L << 20);
        List<ByteBuffer> held = new ArrayList<>();
        long expect = 0;
        for (int i = 1; i < 400; i++) {
            int size = i * 131 % 70000 + 1;
            ByteBuffer b = km.alloc(t, size);
            expect += km.chargedSize(size);
            held.add(b);
            assertEquals(expect, t.stats().memUse());
            assertEquals(held.size(), t.stats().inUse());
        }
        for (ByteBuffer b : held) {
            expect -= b.capacity();
            km.free(b);
            assertEquals(expect, t.stats().memUse());
        }
        assertEquals(399, t.stats().requests());
        t.destroy();
    }

    @Test
    void stats_report_classes_and_pages() {
        ByteBuffer a = km.alloc(type, 100);
        ByteBuffer b = km.alloc(type, 20000);
        SizeClassStats s104 = km.sizeClassStats().get(km.classes.index(100));
        assertEquals(104, s104.chunkSize());
        assertEquals(1, s104.slabs());
        assertEquals(1, s104.chunksInUse());
        assertEquals(65536 / 104 - 1, s104.chunksFree());
        ArenaPageStats p = km.pageStats();
        assertEquals(4096, p.pageSize());
        assertEquals(1, p.chunks());
        assertEquals(256, p.pagesTotal());
        assertEquals(16 + 5, p.pagesInUse());
        assertEquals(256 - 21, p.pagesFree());
        assertEquals(1 << 20, arena.charged());
        km.free(a);
        km.free(b);
        assertEquals(0, km.sizeClassStats().get(km.classes.index(100)).chunksInUse());
        km.trim();
        assertEquals(0, km.pageStats().pagesInUse());
        assertEquals(0, arena.charged());
    }

    @Test
    void chunks_with_no_page_in_use_are_given_back_beyond_the_retained_one() {
        MallocType t = MallocType.define("kmalloc-giveback-" + SEQ.incrementAndGet(), 64L << 20);
        List<ByteBuffer> held = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            held.add(km.alloc(t, 200000)); // big: straight from pages, 49 pages each
        }
        long peak = km.pageStats().chunks();
        assertTrue(peak >= 8, "chunks " + peak);
        held.forEach(km::free);
        assertEquals(1, km.pageStats().chunks(), "one empty chunk is retained");
        assertEquals(1 << 20, arena.charged());
        t.destroy();
    }

    @Test
    void virtual_threads_share_striped_heaps() throws Throwable {
        java.util.function.Function<Runnable, Thread> virtual = dev.dragonpool.runtime.VirtualThreads.factory();
        if (virtual == null) {
            return; // JDK 17: no virtual threads
        }
        AtomicReference<Throwable> err = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        ByteBuffer[] handoff = new ByteBuffer[100];
        for (int i = 0; i < 100; i++) {
            int n = i;
            Thread v = virtual.apply(() -> {
                try {
                    for (int k = 0; k < 100; k++) {
                        ByteBuffer b = km.alloc(type, 1 + (n * 31 + k) % 9000);
                        b.put(0, (byte) n);
                        assertEquals((byte) n, b.get(0));
                        km.free(b);
                    }
                    handoff[n] = km.alloc(type, 77);
                } catch (Throwable x) {
                    err.compareAndSet(null, x);
                }
            });
            v.start();
            threads.add(v);
        }
        for (Thread t : threads) {
            t.join();
        }
        if (err.get() != null) {
            throw err.get();
        }
        for (ByteBuffer b : handoff) {
            km.free(b); // platform thread frees virtual threads' chunks: remote free to the stripes
        }
        assertEquals(0, type.stats().inUse());
        assertStillWorks();
    }
}
