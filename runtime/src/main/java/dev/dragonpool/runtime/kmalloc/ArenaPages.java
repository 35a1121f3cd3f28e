package dev.dragonpool.runtime.kmalloc;

import dev.dragonpool.runtime.Arena;

import java.nio.ByteBuffer;
import java.util.ArrayList;

/**
 * Real off-heap pages for an arena: direct memory reserved in large chunks, each charged to the
 * arena's budget, split into pages and handed out in runs of pages (vm_page_alloc for kmalloc).
 *
 * <p>Memory layout: a chunk is one {@code ByteBuffer.allocateDirect} of {@code chunkSize +
 * pageSize} bytes, trimmed with {@link ByteBuffer#alignedSlice} so its first page is
 * page-aligned, plus a bitmap of used pages. A run is found first-fit at a page index whose
 * native address is a multiple of the requested alignment (computed with
 * {@link ByteBuffer#alignmentOffset}, no address is ever read). A run larger than a chunk gets
 * a dedicated chunk of its own size, page-aligned; so does a run of more than half a chunk that
 * must be aligned beyond a page (over-reserved by its alignment, and charged for it).
 *
 * <p>Reclamation: a chunk with no page in use is given back (uncharged and dropped; the JVM
 * frees the native memory when the GC collects the buffer, since releasing it eagerly would
 * need {@code Unsafe}) once more than {@code retainEmptyChunks} chunks are empty, and empty
 * chunks are given back when the arena asks for memory (through the allocator's reclaimer) or
 * on {@link #trim()}. Views of given-back
 * memory that a caller still holds keep that memory alive: a use after free can corrupt data
 * but never crash the JVM.
 *
 * <p>Concurrency: every method takes this object's monitor; pages move in the allocators' slow
 * paths only (a new slab, a big buffer). The budget is charged outside the monitor so that the
 * arena may call its reclaimers, this one included, without lock-order trouble.
 */
public final class ArenaPages {
    private final Arena arena;
    private final int pageSize;
    private final int chunkSize;
    private final int pagesPerChunk;
    private final int retainEmptyChunks;
    private final ArrayList<PageChunk> chunks = new ArrayList<>();
    private long pagesInUse;
    private long reservedBytes;
    private long chunksReserved;
    private long chunksReleased;
    private long failures;

    ArenaPages(Arena arena, int pageSize, int chunkSize, int retainEmptyChunks) {
        this.arena = arena;
        this.pageSize = pageSize;
        this.chunkSize = chunkSize;
        this.pagesPerChunk = chunkSize / pageSize;
        this.retainEmptyChunks = retainEmptyChunks;
    }

    /** A reserved block of direct memory split into pages. */
    static final class PageChunk {
        final ByteBuffer base;
        final long[] used;
        final int pages;
        final boolean dedicated;
        /** Bytes charged to the arena for this chunk (its pages plus any alignment slack). */
        final long charged;
        int usedPages;

        PageChunk(ByteBuffer base, int pages, boolean dedicated, long charged) {
            this.charged = charged;
            this.base = base;
            this.pages = pages;
            this.used = new long[(pages + 63) >>> 6];
            this.dedicated = dedicated;
        }

        boolean isUsed(int page) {
            return (used[page >>> 6] & (1L << page)) != 0;
        }

        void mark(int first, int n, boolean inUse) {
            for (int p = first; p < first + n; p++) {
                if (inUse) {
                    used[p >>> 6] |= 1L << p;
                } else {
                    used[p >>> 6] &= ~(1L << p);
                }
            }
            usedPages += inUse ? n : -n;
        }
    }

    /** A run of pages: where it lies and a view of exactly its bytes. */
    record Run(PageChunk chunk, int firstPage, int pages, ByteBuffer memory) {}

    int pageSize() {
        return pageSize;
    }

    int chunkSize() {
        return chunkSize;
    }

    Arena arena() {
        return arena;
    }

    long budget() {
        return arena.budget();
    }

    /**
     * Allocates {@code pages} contiguous pages whose start is aligned to {@code align} bytes (a
     * power of two), or returns null when the budget or the direct memory is exhausted.
     */
    Run allocate(int pages, int align) {
        long direct = directBytes(pages, align);
        if (direct > Integer.MAX_VALUE) { // the callers check first; nothing may be charged for this
            throw new IllegalArgumentException(pages + " pages aligned to " + align + " bytes need " + direct
                    + " bytes of direct memory in one buffer, more than a ByteBuffer holds (2^31 - 1)");
        }
        Run run = tryFit(pages, align);
        if (run != null) {
            return run;
        }
        // A run of more than half a chunk aligned beyond a page may not fit a fresh chunk: it
        // gets a dedicated chunk over-reserved by its alignment (and charged for it).
        int slack = slack(pages, align);
        boolean dedicated = pages > pagesPerChunk || slack > pageSize;
        long bytes = direct - slack;
        long charge = bytes + (slack > pageSize ? slack : 0);
        if (!arena.tryCharge(charge)) {
            synchronized (this) {
                failures++;
            }
            return null;
        }
        PageChunk chunk;
        try {
            ByteBuffer raw = ByteBuffer.allocateDirect((int) direct);
            ByteBuffer base = raw.alignedSlice(slack).slice(0, (int) bytes);
            chunk = new PageChunk(base, (int) (bytes / pageSize), dedicated, charge);
        } catch (OutOfMemoryError e) { // out of direct memory (or heap for the bitmap): a failed allocation
            arena.uncharge(charge);
            synchronized (this) {
                failures++;
            }
            return null;
        } catch (RuntimeException | Error e) { // whatever else: the charge does not outlive it
            arena.uncharge(charge);
            throw e;
        }
        synchronized (this) {
            chunks.add(chunk);
            reservedBytes += charge;
            chunksReserved++;
            if (dedicated) {
                return take(chunk, 0, pages);
            }
            int first = findRun(chunk, pages, align);
            assert first >= 0 : "fresh chunk cannot hold " + pages + " pages aligned to " + align;
            return take(chunk, first, pages);
        }
    }

    /** Alignment slack over-reserved for a fresh chunk holding a run of {@code pages} aligned to {@code align}. */
    private int slack(int pages, int align) {
        return align > pageSize && pages > pagesPerChunk / 2 ? align : pageSize;
    }

    /**
     * Bytes of direct memory one {@code ByteBuffer.allocateDirect} must reserve for a fresh chunk
     * that can hold a run of {@code pages} aligned to {@code align}, slack included; a request is
     * possible only when this is at most {@code Integer.MAX_VALUE}.
     */
    long directBytes(int pages, int align) {
        int slack = slack(pages, align);
        boolean dedicated = pages > pagesPerChunk || slack > pageSize;
        return (dedicated ? (long) pages * pageSize : chunkSize) + slack;
    }

    private synchronized Run tryFit(int pages, int align) {
        if (pages > pagesPerChunk) {
            return null;
        }
        for (int i = 0, n = chunks.size(); i < n; i++) {
            PageChunk c = chunks.get(i);
            if (!c.dedicated && c.pages - c.usedPages >= pages) {
                int first = findRun(c, pages, align);
                if (first >= 0) {
                    return take(c, first, pages);
                }
            }
        }
        return null;
    }

    private Run take(PageChunk c, int first, int pages) {
        c.mark(first, pages, true);
        pagesInUse += pages;
        return new Run(c, first, pages, c.base.slice(first * pageSize, pages * pageSize));
    }

    /** First page index of a free, aligned run of {@code n} pages in {@code c}, or -1. */
    private int findRun(PageChunk c, int n, int align) {
        int step = 1;
        int start = 0;
        if (align > pageSize) {
            step = align / pageSize;
            int mis = c.base.alignmentOffset(0, align); // bytes past the previous aligned address
            start = mis == 0 ? 0 : (align - mis) / pageSize;
        }
        outer:
        for (int first = start; first + n <= c.pages; first += step) {
            for (int p = first + n - 1; p >= first; p--) {
                if (c.isUsed(p)) {
                    continue outer;
                }
            }
            return first;
        }
        return -1;
    }

    /** Returns a run; a chunk left with no page in use may be given back. */
    void free(Run run) {
        long giveBack = 0;
        synchronized (this) {
            PageChunk c = run.chunk();
            for (int p = run.firstPage(); p < run.firstPage() + run.pages(); p++) {
                if (!c.isUsed(p)) {
                    throw new IllegalStateException("page " + p + " of a chunk is already free");
                }
            }
            c.mark(run.firstPage(), run.pages(), false);
            pagesInUse -= run.pages();
            if (c.usedPages == 0 && (c.dedicated || emptyChunks() > retainEmptyChunks)) {
                giveBack = drop(c);
            }
        }
        if (giveBack > 0) {
            arena.uncharge(giveBack);
        }
    }

    private int emptyChunks() {
        int n = 0;
        for (PageChunk c : chunks) {
            if (c.usedPages == 0) {
                n++;
            }
        }
        return n;
    }

    private long drop(PageChunk c) {
        chunks.remove(c);
        reservedBytes -= c.charged;
        chunksReleased++;
        return c.charged;
    }

    /** Gives back every chunk with no page in use; returns the bytes uncharged. */
    public long trim() {
        return reclaim(Long.MAX_VALUE);
    }

    /** Gives back empty chunks until about {@code wanted} bytes are uncharged. */
    long reclaim(long wanted) {
        long freed = 0;
        synchronized (this) {
            for (int i = chunks.size() - 1; i >= 0 && freed < wanted; i--) {
                PageChunk c = chunks.get(i);
                if (c.usedPages == 0) {
                    freed += drop(c);
                }
            }
        }
        if (freed > 0) {
            arena.uncharge(freed);
        }
        return freed;
    }

    /** An immutable snapshot of the pages: total, in use, free, chunks. */
    public synchronized ArenaPageStats stats() {
        long total = 0;
        for (PageChunk c : chunks) {
            total += c.pages;
        }
        return new ArenaPageStats(pageSize, chunkSize, chunks.size(), total, pagesInUse,
                total - pagesInUse, reservedBytes, chunksReserved, chunksReleased, failures);
    }
}
