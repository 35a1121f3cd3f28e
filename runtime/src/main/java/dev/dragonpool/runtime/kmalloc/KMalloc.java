package dev.dragonpool.runtime.kmalloc;

import dev.dragonpool.runtime.Arena;
import dev.dragonpool.runtime.internal.Threads;

import dev.dragonpool.runtime.jfr.DragonpoolEvents;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Off-heap {@link ByteBuffer}s from a per-thread slab allocator over arena pages: DragonFly's
 * {@code kmalloc(size, type, flags)} / {@code kfree}. Use {@link #global()} (pages charged to
 * {@link Arena#global()}) or {@link #builder(Arena)}; declare a {@link MallocType} per
 * subsystem; {@code alloc} returns a buffer with position 0 and limit {@code size} (its capacity
 * is the size class, at least {@code size}); {@code free} gives it back. A buffer must not be
 * used after it is freed: the same {@code ByteBuffer} object is handed out again.
 *
 * <h2>Design</h2>
 *
 * <p>Memory layout: {@link ArenaPages} reserves direct memory in chunks (1 MiB by default)
 * charged to the arena and hands out page runs (4 KiB pages). Requests below the chunking limit
 * (8 KiB; precisely up to 7680 B, the largest class below it) are rounded to DragonFly's size
 * classes (8-byte steps to 128 B, then eight classes per power of two; {@link SizeClasses}) and
 * carved from slabs ("zones", 64 KiB by default, aligned to their size so that power-of-two
 * chunks are aligned to their size). Requests from the chunking limit up to
 * {@code maxCachedRun} (64 KiB) are rounded to whole pages and served by one-chunk slabs of page
 * runs, cached like any slab; larger ones get fresh page runs that go straight back to the pages
 * on free. Power-of-two sizes are aligned to their size up to the page chunk size; larger
 * buffers are page-aligned. Each chunk's {@code ByteBuffer} view is made once, when the
 * never-used tail of its slab is first carved, and reused for every later allocation;
 * {@link ChunkTable} maps the view back to its chunk by identity, so steady-state alloc and free
 * allocate nothing on the heap and any other buffer (slice, duplicate, foreign) is rejected.
 *
 * <p>Concurrency: a platform thread owns a {@link Heap} (thread-local, the "per-CPU" slab state;
 * found through a small array indexed by thread id, trusted only when the heap's final
 * {@code thread} field is the caller, in front of the {@link ThreadLocal}) and allocates and
 * frees its own chunks without a lock or an atomic read-modify-write on the slab; the chunk's state is CAS'd ALLOCATED to FREE on every free so that a double free, even
 * from two threads at once, is detected and loses. A free on a thread that does not own the
 * slab pushes the chunk with a CAS onto the slab's remote list; the pusher that makes that list
 * non-empty also pushes the slab onto the owner's pending stack, which the owner takes whole
 * when a size class runs dry (kern_slaballoc.c's {@code z_RChunks}). Virtual threads do not get
 * a heap each: they share a few striped heaps (the next power of two above the processor
 * count), each guarded by a {@link ReentrantLock}. Heaps of platform threads that have died are
 * collected (remote frees drained, free slabs given back, counters folded) when a new heap is
 * made, when pages run short, and when the arena asks for memory.
 *
 * <p>Reclamation: a slab whose chunks are all free stays on its heap's list for reuse (views
 * and all) while the heap keeps at most {@code heapCacheBytes} (8 MiB) of such slabs; beyond
 * that it goes back to the pages at once. On its slow path (a class ran dry) the owner reaps:
 * once per reap interval (1 s) it gives back the free slabs of each class that stayed unused for
 * the whole interval, keeping one (the working-set reaping of Bonwick's magazine depot [3]), and
 * all of them when the arena asked for memory (the reclaimer only sets a flag: another thread's
 * slabs are never touched). Pages of free slabs of other classes are given back before an
 * allocation fails. {@link ArenaPages} gives back chunks with no page in use.
 *
 * <p>Limits: a request fails when its {@link MallocType} is at its limit or the arena cannot
 * charge another chunk: {@link MallocLimitExceededException}, or {@code null} with
 * {@link #NULLOK}. Nothing ever blocks waiting for memory.
 *
 * <p>References: [1] DragonFly BSD {@code sys/kern/kern_slaballoc.c} (Matthew Dillon, 2003):
 * size classes, per-CPU zones, remote free. [2] Jeff Bonwick, "The Slab Allocator: An
 * Object-Caching Kernel Memory Allocator", USENIX Summer 1994: slabs of equal chunks, cached
 * free slabs. [3] Jeff Bonwick and Jonathan Adams, "Magazines and Vmem", USENIX 2001:
 * working-set reaping. Long form: {@code docs/kmalloc.md}.
 */
public final class KMalloc {
    /** Zero the requested bytes before returning ({@code M_ZERO}). */
    public static final int ZERO = 1;
    /** Return {@code null} instead of throwing when the type limit or arena is exhausted ({@code M_NULLOK}). */
    public static final int NULLOK = 2;
    /** Align the buffer to a 64-byte cache line by rounding the size up to a multiple of 64 ({@code M_CACHEALIGN}). */
    public static final int CACHEALIGN = 4;
    /** Round the size up to a power of two, which aligns the buffer to that size ({@code M_POWEROF2}). */
    public static final int POWEROF2 = 8;
    private static final int ALL_FLAGS = ZERO | NULLOK | CACHEALIGN | POWEROF2;
    private static final int CACHE_LINE = 64;
    private static final int HEAP_CACHE_SLOTS = 256;
    private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(4096).asReadOnlyBuffer();

    /** Allocators not closed, so JMX can show the pages each arena holds. */
    private static final CopyOnWriteArrayList<KMalloc> LIVE = new CopyOnWriteArrayList<>();

    private static final class GlobalHolder {
        static final KMalloc GLOBAL = builder(Arena.global()).build();
    }

    final SizeClasses classes;
    final ArenaPages pages;
    final ChunkTable table = new ChunkTable();
    final long heapCacheBytes;
    final long reapIntervalNanos;
    private final ThreadLocal<Heap> local = ThreadLocal.withInitial(this::newHeap);
    /**
     * Platform threads' heaps by thread id modulo the length, a cache in front of {@link #local}:
     * a slot is trusted only when its heap's {@code thread} (a final field) is the caller, so a
     * racy, stale or colliding entry just sends the caller to the thread-local.
     */
    private final Heap[] byThread = new Heap[HEAP_CACHE_SLOTS];
    private final Heap[] stripes;
    private final CopyOnWriteArrayList<Heap> heaps = new CopyOnWriteArrayList<>();
    private final ReentrantLock collectLock = new ReentrantLock();
    private final Arena.Reclaimer reclaimer = this::reclaim;
    // Counters of heaps that were collected, under collectLock.
    private final long[] retiredRequests;
    private final long[] retiredFrees;

    private KMalloc(Builder b) {
        this.classes = new SizeClasses(b.pageSize, b.zoneSize, b.chunkingLimit, b.maxCachedRun);
        this.heapCacheBytes = b.heapCacheBytes;
        this.reapIntervalNanos = b.reapIntervalNanos;
        this.pages = new ArenaPages(b.arena, b.pageSize, b.chunkSize, b.retainEmptyChunks);
        int n = Integer.highestOneBit(Math.max(1, Runtime.getRuntime().availableProcessors()) * 2 - 1);
        this.stripes = new Heap[n];
        for (int i = 0; i < n; i++) {
            stripes[i] = new Heap(this, null, new ReentrantLock());
            heaps.add(stripes[i]);
        }
        retiredRequests = new long[classes.count];
        retiredFrees = new long[classes.count];
        b.arena.addReclaimer(reclaimer);
        LIVE.add(this);
    }

    /** The process-wide allocator, over {@link Arena#global()} with default settings. */
    public static KMalloc global() {
        return GlobalHolder.GLOBAL;
    }

    /** A builder for an allocator whose pages are charged to {@code arena}. */
    public static Builder builder(Arena arena) {
        return new Builder(Objects.requireNonNull(arena, "arena"));
    }

    /** Allocates {@code size} bytes of {@code type}; same as {@code alloc(type, size, 0)}. */
    public ByteBuffer alloc(MallocType type, int size) {
        return alloc(type, size, 0);
    }

    /**
     * Allocates a direct buffer of at least {@code size} bytes charged to {@code type}.
     *
     * @param type  the malloc type charged (not destroyed)
     * @param size  bytes wanted, positive; the buffer's limit
     * @param flags an OR of {@link #ZERO}, {@link #NULLOK}, {@link #CACHEALIGN}, {@link #POWEROF2}
     * @return a buffer with position 0, limit {@code size}, big-endian; or {@code null} with
     *         {@link #NULLOK} when the type's limit or the arena is exhausted
     * @throws IllegalArgumentException    for a size not positive or larger than the type's limit,
     *                                     the arena's budget or {@link #maxSize()}, or unknown flags;
     *                                     nothing is charged then
     * @throws IllegalStateException       when the type was destroyed
     * @throws MallocLimitExceededException when the type's limit or the arena is exhausted now
     */
    public ByteBuffer alloc(MallocType type, int size, int flags) {
        // Hot path kept small enough to inline; every check that builds a message is out of line.
        int rsize = (flags & ~(ZERO | NULLOK)) == 0 && size > 0 && type != null
                ? size
                : checkRequest(type, size, flags);
        if (type.isDestroyed()) {
            throw destroyed(type);
        }
        int c = classes.index(rsize);
        long charged = c >= 0 ? classes.chunkSize[c] : bigCharged(size, rsize);
        if (charged > type.limit() || charged > pages.budget()) {
            throw tooLarge(type, size, charged);
        }
        Thread t = Thread.currentThread();
        Heap h = byThread[(int) t.getId() & (byThread.length - 1)];
        Chunk ch = h != null && h.thread == t
                ? allocIn(h, type, c, rsize, charged) // this platform thread's heap, no lookup
                : allocSlow(t, type, c, rsize, charged);
        if (ch.index < 0) {
            return failed(ch, type, size, charged, flags);
        }
        ch.type = type;
        ch.requested = size;
        ByteBuffer b = ch.view;
        b.clear();
        b.limit(size);
        b.order(ByteOrder.BIG_ENDIAN);
        if ((flags & ZERO) != 0) {
            zero(b, 0, size);
        }
        return b;
    }

    private Chunk allocSlow(Thread t, MallocType type, int c, int rsize, long charged) {
        if (Threads.isVirtual(t)) {
            return allocLocked(stripe(t), type, c, rsize, charged);
        }
        Heap h = local.get();
        byThread[(int) t.getId() & (byThread.length - 1)] = h;
        return allocIn(h, type, c, rsize, charged);
    }

    private Chunk allocLocked(Heap h, MallocType type, int c, int rsize, long charged) {
        h.lock.lock();
        try {
            return allocIn(h, type, c, rsize, charged);
        } finally {
            h.lock.unlock();
        }
    }

    private ByteBuffer failed(Chunk why, MallocType type, int size, long charged, int flags) {
        boolean nullOk = (flags & NULLOK) != 0;
        DragonpoolEvents.exhausted("malloc", type.name(),
                why == Chunk.FAIL_TYPE_LIMIT ? type.limit() : pages.budget(), nullOk ? "null" : "fail");
        if (nullOk) {
            return null;
        }
        throw failure(why, type, size, charged);
    }

    private static IllegalStateException destroyed(MallocType type) {
        return new IllegalStateException("malloc type '" + type.name() + "' was destroyed; define a new type to"
                + " allocate again");
    }

    private IllegalArgumentException tooLarge(MallocType type, int size, long charged) {
        if (charged > type.limit()) {
            return new IllegalArgumentException("size " + size + " (charged " + charged
                    + " bytes) exceeds the limit " + type.limit() + " of malloc type '" + type.name()
                    + "'; define the type with a larger limit, or allocate smaller buffers");
        }
        return new IllegalArgumentException("size " + size + " (charged " + charged
                + " bytes) exceeds the budget " + pages.budget() + " of arena '" + pages.arena().name()
                + "'; give the arena a larger budget (the agent's arena= option for the global one),"
                + " or allocate smaller buffers");
    }

    private static int checkRequest(MallocType type, int size, int flags) {
        Objects.requireNonNull(type, "malloc type");
        if ((flags & ~ALL_FLAGS) != 0) {
            throw new IllegalArgumentException("unknown kmalloc flags: 0x" + Integer.toHexString(flags & ~ALL_FLAGS)
                    + "; pass an OR of KMalloc.ZERO, NULLOK, CACHEALIGN and POWEROF2");
        }
        if (size <= 0) {
            throw new IllegalArgumentException("kmalloc size must be positive: " + size);
        }
        int rsize = size;
        if ((flags & CACHEALIGN) != 0) {
            rsize = (int) Math.min(Integer.MAX_VALUE, ((long) rsize + CACHE_LINE - 1) & -CACHE_LINE);
        }
        if ((flags & POWEROF2) != 0 && Integer.bitCount(rsize) != 1) {
            if (rsize > 1 << 30) {
                throw new IllegalArgumentException("size " + size + " has no power of two that fits in an int;"
                        + " drop POWEROF2 or allocate at most 2^30 bytes");
            }
            rsize = Integer.highestOneBit(rsize) << 1;
        }
        return rsize;
    }

    private Chunk allocIn(Heap h, MallocType type, int c, int rsize, long charged) {
        MallocType.Cell cell = h.cell(type);
        if (!cell.charge(charged)) {
            cell.failures++;
            return Chunk.FAIL_TYPE_LIMIT;
        }
        Chunk ch;
        try {
            ch = c >= 0 ? h.alloc(c) : allocBig(h, rsize);
        } catch (RuntimeException | Error e) { // the type's credit does not outlive a failure
            cell.uncharge(charged);
            throw e;
        }
        if (ch == null) {
            cell.uncharge(charged);
            cell.failures++;
            return Chunk.FAIL_PAGES;
        }
        ch.setAllocatedPlain();
        cell.allocated(charged);
        return ch;
    }

    /** Alignment of a request served with whole pages: its size for a power of two up to a chunk, else a page. */
    private int bigAlign(int rsize) {
        return Integer.bitCount(rsize) == 1 && rsize <= pages.chunkSize() ? rsize : classes.pageSize;
    }

    /**
     * Bytes charged for a request served with whole pages, after checking that one direct
     * {@code ByteBuffer} can hold it (pages plus alignment slack below 2^31 bytes): an
     * impossible size is refused here, before the type or the arena is charged anything.
     */
    private long bigCharged(int size, int rsize) {
        long direct = pages.directBytes(SizeClasses.ceilDiv(rsize, classes.pageSize), bigAlign(rsize));
        if (direct > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("kmalloc size " + size + " exceeds the largest buffer this allocator"
                    + " can make, " + maxSize() + " bytes" + (rsize != size ? " (" + rsize + " after the flags)" : "")
                    + ": one direct ByteBuffer holds at most 2^31 - 1 bytes, alignment slack included;"
                    + " split the data across several buffers");
        }
        return (long) SizeClasses.ceilDiv(rsize, classes.pageSize) * classes.pageSize;
    }

    /**
     * The largest size {@link #alloc} accepts (without {@link #CACHEALIGN} or {@link #POWEROF2}):
     * whole pages whose reservation, plus a page of alignment slack, fits one direct
     * {@code ByteBuffer}. With 4 KiB pages, 2^31 - 8 KiB. A type's limit or the arena's budget
     * may allow less.
     *
     * @return bytes
     */
    public int maxSize() {
        int ps = classes.pageSize;
        int n = (Integer.MAX_VALUE - ps) / ps;
        while (n > 0 && pages.directBytes(n, ps) > Integer.MAX_VALUE) {
            n--;
        }
        return n * ps;
    }

    private Chunk allocBig(Heap h, int rsize) {
        int npages = SizeClasses.ceilDiv(rsize, classes.pageSize);
        int align = bigAlign(rsize);
        ArenaPages.Run run = pages.allocate(npages, align);
        if (run == null) {
            collectDead();
            run = pages.allocate(npages, align);
            if (run == null) {
                return null;
            }
        }
        Chunk ch;
        try {
            Slab s = new Slab(null, -1, npages * classes.pageSize, 1, run);
            ch = new Chunk(run.memory(), s, 0);
            s.chunks[0] = ch;
            s.carved = 1;
            s.nfree = 0;
            table.add(ch); // may grow the table; inserts nothing when that fails
        } catch (RuntimeException | Error e) { // out of heap for the metadata: the pages go back
            pages.free(run);
            throw e;
        }
        h.bigRequests++;
        return ch;
    }

    private RuntimeException failure(Chunk why, MallocType type, int size, long charged) {
        if (why == Chunk.FAIL_TYPE_LIMIT) {
            MallocTypeStats s = type.stats();
            return new MallocLimitExceededException("malloc limit exceeded: type '" + type.name() + "' holds "
                    + s.memUse() + " of its " + type.limit() + " bytes; cannot add " + charged
                    + " for a request of " + size + "; free buffers of this type, define it with a larger limit,"
                    + " or pass NULLOK to get null instead");
        }
        long budget = pages.budget();
        long inArena = pages.arena().charged();
        String cause = inArena + charged <= budget
                ? "the JVM is out of direct memory; raise -XX:MaxDirectMemorySize or free buffers"
                : "its budget is spent; free buffers or give the arena a larger budget";
        return new MallocLimitExceededException("arena '" + pages.arena().name() + "' cannot supply pages for a "
                + size + "-byte request of type '" + type.name() + "' (budget " + budget + ", charged " + inArena
                + "): " + cause + ", or pass NULLOK to get null instead");
    }

    /**
     * Frees a buffer returned by {@link #alloc} (the very object, not a slice or duplicate). May
     * be called on any thread.
     *
     * @throws NullPointerException     for {@code null}
     * @throws IllegalArgumentException for a buffer this allocator did not hand out
     * @throws IllegalStateException    for a buffer already freed (double free)
     */
    public void free(ByteBuffer buffer) {
        Chunk ch = buffer != null ? table.find(buffer) : null;
        if (ch == null) {
            throw notOurs(buffer, "free");
        }
        if (!ch.casFree()) {
            throw doubleFree(ch);
        }
        MallocType type = ch.type; // read before the chunk can be handed out again
        long charged = ch.view.capacity();
        Thread t = Thread.currentThread();
        Heap owner = ch.slab.owner;
        if (owner != null && owner.thread == t) {
            // Fast path: the owning platform thread frees its own chunk, no thread-local lookup.
            freeIn(owner, ch, type, charged);
        } else {
            freeElsewhere(t, ch, type, charged);
        }
    }

    private void freeElsewhere(Thread t, Chunk ch, MallocType type, long charged) {
        Heap mine = byThread[(int) t.getId() & (byThread.length - 1)];
        if (mine != null && mine.thread == t) {
            freeIn(mine, ch, type, charged);
        } else if (Threads.isVirtual(t)) {
            Heap h = stripe(t);
            h.lock.lock();
            try {
                freeIn(h, ch, type, charged);
            } finally {
                h.lock.unlock();
            }
        } else {
            Heap h = local.get();
            byThread[(int) t.getId() & (byThread.length - 1)] = h;
            freeIn(h, ch, type, charged);
        }
    }

    private static IllegalStateException doubleFree(Chunk ch) {
        return new IllegalStateException("double free of a " + ch.view.capacity() + "-byte kmalloc buffer "
                + "(chunk " + ch.index + " of its slab): it is already free; free each buffer once per alloc");
    }

    private Chunk lookup(ByteBuffer buffer, String what) {
        Chunk ch = buffer != null ? table.find(buffer) : null;
        if (ch == null) {
            throw notOurs(buffer, what);
        }
        return ch;
    }

    private RuntimeException notOurs(ByteBuffer b, String what) {
        if (b == null) {
            return new NullPointerException("kmalloc " + what + " of null; pass the buffer alloc returned");
        }
        if (!b.isDirect()) {
            return new IllegalArgumentException("cannot " + what + " a heap buffer (" + b
                    + "): it was not allocated by this KMalloc");
        }
        Chunk inside = table.enclosing(b);
        if (inside != null) {
            return new IllegalArgumentException("cannot " + what + " " + b + ": it was not allocated by this KMalloc"
                    + " but lies inside a live " + inside.view.capacity() + "-byte buffer that was: a slice or"
                    + " duplicate of it (pass the buffer alloc returned), or a big buffer already freed");
        }
        return new IllegalArgumentException("cannot " + what + " " + b + ": it was not allocated by this KMalloc"
                + " (or it is a big buffer that was already freed); pass the buffer this allocator's alloc"
                + " returned, once");
    }

    private void freeIn(Heap h, Chunk ch, MallocType type, long charged) {
        h.cell(type).freed(charged);
        Slab s = ch.slab;
        Heap owner = s.owner;
        if (owner == null) {
            h.bigFrees++;
            table.remove(ch);
            pages.free(s.run);
        } else {
            h.frees[s.cls]++;
            if (owner == h) {
                h.freeLocal(ch);
            } else if (s.pushRemote(ch)) {
                owner.enqueuePending(s);
            }
        }
    }

    /**
     * Resizes a buffer: the same buffer when {@code newSize} fits its size class, otherwise a new
     * one of the same type holding the first {@code min(old size, newSize)} bytes, the old one
     * freed. The result has position 0 and limit {@code newSize}.
     *
     * @return the resized buffer, or {@code null} with {@link #NULLOK} when no memory could be
     *         had (the old buffer then stays allocated and unchanged)
     */
    public ByteBuffer realloc(ByteBuffer buffer, int newSize, int flags) {
        Chunk ch = lookup(buffer, "realloc");
        if (!ch.isAllocated()) {
            throw new IllegalStateException("realloc of a freed kmalloc buffer (" + ch.view.capacity()
                    + " bytes); realloc only buffers still allocated, and use the buffer realloc returns");
        }
        MallocType type = ch.type;
        int rsize = checkRequest(type, newSize, flags);
        int old = ch.requested;
        if (ch.slab.owner != null && classes.chargedSize(rsize) == ch.view.capacity()) {
            ch.requested = newSize;
            buffer.clear();
            buffer.limit(newSize);
            if ((flags & ZERO) != 0 && newSize > old) {
                zero(buffer, old, newSize - old);
            }
            return buffer;
        }
        ByteBuffer nb = alloc(type, newSize, flags);
        if (nb == null) {
            return null;
        }
        nb.put(0, ch.view, 0, Math.min(old, newSize));
        free(buffer);
        return nb;
    }

    private static void zero(ByteBuffer b, int from, int n) {
        int i = from;
        int end = from + n;
        if (n <= 64) {
            for (; i + 8 <= end; i += 8) {
                b.putLong(i, 0L);
            }
            for (; i < end; i++) {
                b.put(i, (byte) 0);
            }
            return;
        }
        while (i < end) {
            int len = Math.min(end - i, ZEROS.capacity());
            b.put(i, ZEROS, 0, len);
            i += len;
        }
    }

    private Heap stripe(Thread t) {
        return stripes[System.identityHashCode(t) & (stripes.length - 1)];
    }

    /** Collector: drops a collected heap from the thread-id cache (racy; a miss is harmless). */
    private void forget(Heap h) {
        for (int i = 0; i < byThread.length; i++) {
            if (byThread[i] == h) {
                byThread[i] = null;
            }
        }
    }

    private Heap newHeap() {
        Heap h = new Heap(this, Thread.currentThread(), null);
        heaps.add(h);
        collectDead();
        return h;
    }

    /**
     * Collects the heaps of platform threads that died: drains their remote frees, gives their
     * free slabs back to the pages and, once a heap holds no slab, folds its counters into the
     * totals. Skips when another thread is collecting.
     */
    void collectDead() {
        if (!collectLock.tryLock()) {
            return;
        }
        try {
            for (Heap h : heaps) {
                // isAlive() == false orders the dead thread's writes before ours (JLS 17.4.4).
                if (h.thread != null && !h.thread.isAlive()) {
                    h.drainPending();
                    h.releaseEmpty();
                    if (h.totalSlabs() == 0) {
                        heaps.remove(h);
                        forget(h);
                        for (int c = 0; c < classes.count; c++) {
                            retiredRequests[c] += h.requests[c];
                            retiredFrees[c] += h.frees[c];
                        }
                        h.retireCells();
                    }
                }
            }
        } finally {
            collectLock.unlock();
        }
    }

    private long reclaim(long wanted) {
        for (Heap h : heaps) {
            h.reapRequested = true; // owners give back their free slabs on their next slow path
        }
        collectDead();
        return pages.reclaim(wanted);
    }

    /**
     * Gives back what can be given back now: heaps of dead threads, the calling thread's free
     * slabs, and every page chunk with no page in use.
     *
     * @return bytes uncharged from the arena
     */
    public long trim() {
        long t0 = System.nanoTime();
        long bytes = trimNow();
        if (bytes > 0) {
            DragonpoolEvents.reclaimed("kmalloc", pages.arena().name(), "trim", 0, bytes, t0);
        }
        return bytes;
    }

    private long trimNow() {
        collectDead();
        Thread t = Thread.currentThread();
        if (!Threads.isVirtual(t)) {
            Heap h = local.get();
            h.drainPending();
            h.releaseEmpty();
        }
        return pages.trim();
    }

    /**
     * Detaches this allocator from its arena (the arena stops asking it for memory) and gives
     * back what {@link #trim()} can. Buffers still allocated stay valid and may still be freed;
     * their pages stay charged until then. Meant for allocators made for a test or benchmark.
     */
    public void close() {
        LIVE.remove(this);
        pages.arena().removeReclaimer(reclaimer);
        trim();
    }

    /**
     * The pages that every allocator not closed holds on {@code arena}, summed (page and chunk
     * sizes are those of the first allocator). An arena no allocator carves reports zeros.
     *
     * @param arena the arena
     * @return the sum, never {@code null}
     */
    public static ArenaPageStats pageStats(Arena arena) {
        int pageSize = 0;
        long chunkSize = 0;
        long[] sum = new long[8];
        for (KMalloc k : LIVE) {
            if (k.pages.arena() != arena) {
                continue;
            }
            ArenaPageStats s = k.pageStats();
            if (pageSize == 0) {
                pageSize = s.pageSize();
                chunkSize = s.chunkSize();
            }
            sum[0] += s.chunks();
            sum[1] += s.pagesTotal();
            sum[2] += s.pagesInUse();
            sum[3] += s.pagesFree();
            sum[4] += s.bytesReserved();
            sum[5] += s.chunksReserved();
            sum[6] += s.chunksReleased();
            sum[7] += s.failures();
        }
        return new ArenaPageStats(pageSize, chunkSize, sum[0], sum[1], sum[2], sum[3], sum[4], sum[5], sum[6],
                sum[7]);
    }

    /** The off-heap pages this allocator carves. */
    public ArenaPages pages() {
        return pages;
    }

    /** Per size class snapshot, summed over all heaps (racy reads: approximate while in use). */
    public List<SizeClassStats> sizeClassStats() {
        long[] slabs = new long[classes.count];
        long[] req = new long[classes.count];
        long[] fr = new long[classes.count];
        collectLock.lock();
        try {
            for (int c = 0; c < classes.count; c++) {
                req[c] = retiredRequests[c];
                fr[c] = retiredFrees[c];
            }
            for (Heap h : heaps) {
                for (int c = 0; c < classes.count; c++) {
                    slabs[c] += h.slabs[c];
                    req[c] += h.requests[c];
                    fr[c] += h.frees[c];
                }
            }
        } finally {
            collectLock.unlock();
        }
        List<SizeClassStats> out = new ArrayList<>(classes.count);
        for (int c = 0; c < classes.count; c++) {
            long inUse = req[c] - fr[c];
            long total = slabs[c] * classes.chunksPerSlab[c];
            out.add(new SizeClassStats(c, classes.chunkSize[c], classes.chunksPerSlab[c], slabs[c], inUse,
                    Math.max(0, total - inUse), req[c]));
        }
        return List.copyOf(out);
    }

    /** Snapshot of the arena pages: pages total, in use, free, chunks. */
    public ArenaPageStats pageStats() {
        return pages.stats();
    }

    /**
     * Bytes a request of {@code size} is charged: its size class, or its whole pages.
     *
     * @throws IllegalArgumentException for a size not positive or above {@link #maxSize()}
     */
    public long chargedSize(int size) {
        if (size <= 0) {
            throw new IllegalArgumentException("kmalloc size must be positive: " + size);
        }
        return classes.index(size) >= 0 ? classes.chargedSize(size) : bigCharged(size, size);
    }

    /** The chunking limit: requests of at least this many bytes are served with whole pages. */
    public int chunkingLimit() {
        return classes.chunkingLimit;
    }

    /** Builder of a {@link KMalloc}; every setter validates and names a bad value. */
    public static final class Builder {
        private final Arena arena;
        private int pageSize = 4096;
        private int chunkSize = 1 << 20;
        private int zoneSize = 64 << 10;
        private int chunkingLimit = 8 << 10;
        private int maxCachedRun = 64 << 10;
        private long heapCacheBytes = 8L << 20;
        private long reapIntervalNanos = 1_000_000_000L;
        private int retainEmptyChunks = 1;

        private Builder(Arena arena) {
            this.arena = arena;
        }

        private static int pow2(String what, int v, int min, int max) {
            if (Integer.bitCount(v) != 1 || v < min || v > max) {
                throw new IllegalArgumentException(what + " must be a power of two in [" + min + ", " + max
                        + "]: " + v);
            }
            return v;
        }

        /** Page size, a power of two from 4 KiB (the arena's page) to 64 KiB; default 4 KiB. */
        public Builder pageSize(int bytes) {
            pageSize = pow2("page size", bytes, Arena.PAGE_SIZE, 64 << 10);
            return this;
        }

        /** Direct memory reserved at a time, a power of two from 64 KiB to 1 GiB; default 1 MiB. */
        public Builder chunkSize(int bytes) {
            chunkSize = pow2("chunk size", bytes, 64 << 10, 1 << 30);
            return this;
        }

        /** Slab ("zone") size of the small classes, a power of two from 16 KiB to 1 MiB; default 64 KiB. */
        public Builder zoneSize(int bytes) {
            zoneSize = pow2("zone size", bytes, 16 << 10, 1 << 20);
            return this;
        }

        /** Requests of at least this size get whole pages, a power of two from 1 KiB to 64 KiB; default 8 KiB. */
        public Builder chunkingLimit(int bytes) {
            chunkingLimit = pow2("chunking limit", bytes, 1 << 10, 64 << 10);
            return this;
        }

        /** Page runs up to this size are cached per thread; larger ones are not; default 64 KiB. */
        public Builder maxCachedRun(int bytes) {
            if (bytes < 0 || bytes > 16 << 20) {
                throw new IllegalArgumentException("max cached run must be in [0, 16 MiB]: " + bytes);
            }
            maxCachedRun = bytes;
            return this;
        }

        /**
         * Most bytes of completely free slabs one heap (thread or stripe) keeps for reuse before
         * it gives pages back at once; default 8 MiB. Kept slabs unused for a whole reap
         * interval are given back anyway.
         */
        public Builder heapCacheBytes(long bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("heap cache bytes must be >= 0: " + bytes);
            }
            heapCacheBytes = bytes;
            return this;
        }

        /** How often a heap gives back free slabs it did not use meanwhile; default 1 s. */
        public Builder reapInterval(java.time.Duration interval) {
            if (interval == null || interval.isNegative()) {
                throw new IllegalArgumentException("reap interval must be >= 0: " + interval);
            }
            reapIntervalNanos = interval.toNanos();
            return this;
        }

        /** Page chunks with no page in use kept before they are given back; default 1. */
        public Builder retainEmptyChunks(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("retained empty chunks must be >= 0: " + n);
            }
            retainEmptyChunks = n;
            return this;
        }

        /** Builds the allocator; its pages are reserved lazily. */
        public KMalloc build() {
            if (zoneSize < pageSize || zoneSize > chunkSize) {
                throw new IllegalArgumentException("zone size " + zoneSize + " must lie between the page size "
                        + pageSize + " and the chunk size " + chunkSize);
            }
            if (chunkingLimit > zoneSize / 2) {
                throw new IllegalArgumentException("chunking limit " + chunkingLimit
                        + " must be at most half the zone size " + zoneSize);
            }
            if (maxCachedRun > chunkSize) {
                throw new IllegalArgumentException("max cached run " + maxCachedRun + " exceeds the chunk size "
                        + chunkSize);
            }
            return new KMalloc(this);
        }
    }
}
