package dev.dragonpool.runtime.kmalloc;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.ReentrantLock;

/** Padding before the fields that other threads write. */
@SuppressWarnings("unused")
abstract class HeapLeadPad {
    long p00, p01, p02, p03, p04, p05, p06, p07;
    long p10, p11, p12, p13, p14, p15, p16, p17;
    // Small pads fill the holes that the superclass leaves, so a hot field never lands there.
    int pi0, pi1;
    short ps0, ps1;
    byte pb0, pb1;
}

/** The fields of a {@link Heap} that other threads write. */
abstract class HeapRemote extends HeapLeadPad {
    /** Treiber stack of slabs whose remote list became non-empty; taken whole by the owner. */
    @SuppressWarnings("unused") // accessed through Heap.PENDING
    volatile Slab pending;
    /** Set by any thread (the arena's reclaimer) to make the owner give back its free slabs. */
    volatile boolean reapRequested;
}

/** Padding after the fields that other threads write. */
@SuppressWarnings("unused")
abstract class HeapTrailPad extends HeapRemote {
    long q00, q01, q02, q03, q04, q05, q06, q07;
    long q10, q11, q12, q13, q14, q15, q16, q17;
    // Small pads fill the holes that the superclass leaves, so a hot field never lands there.
    int qi0, qi1;
    short qs0, qs1;
    byte qb0, qb1;
}

/**
 * The per-CPU slab state of DragonFly's {@code SLGlobalData}, held by one platform thread (no
 * lock) or by one stripe shared by virtual threads (guarded by {@link #lock}). For each size
 * class: a doubly linked list of the slabs that have free chunks, partly used ones first and
 * completely free ones at the tail; slabs with no free chunk are on no list and come back
 * through the pending stack when another thread frees into them.
 *
 * <p>Concurrency: every field is owner-only except the two in {@link HeapRemote}:
 * {@code pending}, a Treiber stack of slabs whose remote list went from empty to non-empty,
 * pushed by any thread and taken whole by the owner when a class runs dry, and
 * {@code reapRequested}, set by the arena's reclaimer. Statistics counters are plain fields read
 * racily by {@link KMalloc#sizeClassStats()} (approximate by design).
 *
 * <p>Memory layout: 128 bytes of padding, the two fields other threads write
 * ({@code pending}, {@code reapRequested}), 128 more bytes, then the owner's fields (checked
 * with JOL in {@code KMallocLayoutTest}).
 */
final class Heap extends HeapTrailPad {
    private static final VarHandle PENDING;

    static {
        try {
            PENDING = MethodHandles.lookup().findVarHandle(HeapRemote.class, "pending", Slab.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final KMalloc km;
    private final SizeClasses sc;
    private final ArenaPages pages;
    private final ChunkTable table;
    /** The owning platform thread, or null for a stripe of virtual threads. */
    final Thread thread;
    /** Guards a stripe; null for a platform thread's heap. */
    final ReentrantLock lock;
    private final Slab[] head;
    private final Slab[] tail;
    private final int[] empty;
    /** Per class: fewest empty slabs seen since the last reap (Bonwick's working set). */
    private final int[] minEmpty;
    /** Bytes of pages in completely free slabs kept on the lists. */
    long cachedBytes;
    private long lastReap = System.nanoTime();
    final int[] slabs;
    final long[] requests;
    final long[] frees;
    long bigRequests;
    long bigFrees;
    private MallocType.Cell[] cells = new MallocType.Cell[8];
    /** The type of the last {@link #cell} call and its cell: one compare for a repeated type. */
    private MallocType lastType;
    private MallocType.Cell lastCell;

    Heap(KMalloc km, Thread thread, ReentrantLock lock) {
        this.km = km;
        this.sc = km.classes;
        this.pages = km.pages;
        this.table = km.table;
        this.thread = thread;
        this.lock = lock;
        int n = sc.count;
        head = new Slab[n];
        tail = new Slab[n];
        empty = new int[n];
        minEmpty = new int[n];
        slabs = new int[n];
        requests = new long[n];
        frees = new long[n];
    }

    MallocType.Cell cell(MallocType t) {
        if (t == lastType) {
            return lastCell;
        }
        return cellOf(t);
    }

    private MallocType.Cell cellOf(MallocType t) {
        MallocType.Cell[] a = cells;
        int id = t.id;
        if (id < a.length) {
            MallocType.Cell c = a[id];
            if (c != null) {
                lastType = t;
                lastCell = c;
                return c;
            }
        }
        MallocType.Cell c = newCell(t);
        lastType = t;
        lastCell = c;
        return c;
    }

    private MallocType.Cell newCell(MallocType t) {
        if (t.id >= cells.length) {
            cells = java.util.Arrays.copyOf(cells, Math.max(cells.length * 2, t.id + 1));
        }
        MallocType.Cell c = t.newCell();
        cells[t.id] = c;
        return c;
    }

    /** Owner: a chunk of class {@code c}, or null when no page can be had. */
    Chunk alloc(int c) {
        Slab s = head[c];
        if (s == null) {
            s = refill(c);
            if (s == null) {
                return null;
            }
        }
        if (s.isEmpty()) {
            empty[c]--;
            cachedBytes -= sc.slabBytes[c];
            if (empty[c] < minEmpty[c]) {
                minEmpty[c] = empty[c];
            }
        }
        Chunk ch = s.take(table);
        if (s.nfree == 0) {
            unlink(c, s);
        }
        requests[c]++;
        return ch;
    }

    private Slab refill(int c) {
        drainPending();
        maybeReap();
        Slab s = head[c];
        if (s != null) {
            return s;
        }
        int npages = sc.slabBytes[c] / sc.pageSize;
        int align = Integer.bitCount(sc.slabBytes[c]) == 1 ? sc.slabBytes[c] : sc.pageSize;
        ArenaPages.Run run = pages.allocate(npages, align);
        if (run == null) {
            releaseEmpty(); // our own cached slabs of other classes first
            km.collectDead();
            run = pages.allocate(npages, align);
            if (run == null) {
                return null;
            }
        }
        try {
            s = new Slab(this, c, sc.chunkSize[c], sc.chunksPerSlab[c], run);
        } catch (RuntimeException | Error e) { // out of heap for the slab's metadata: the pages go back
            pages.free(run);
            throw e;
        }
        slabs[c]++;
        empty[c]++;
        cachedBytes += sc.slabBytes[c];
        linkHead(c, s);
        return s;
    }

    /**
     * Owner, slow path: every reap interval (or when the arena asked), gives back the free slabs
     * of each class that stayed unused since the last reap, keeping one per class (Bonwick's
     * working-set reaping of the magazine depot). All of them when the arena asked.
     */
    private void maybeReap() {
        long now = System.nanoTime();
        boolean asked = reapRequested;
        if (!asked && now - lastReap < km.reapIntervalNanos) {
            return;
        }
        reapRequested = false;
        lastReap = now;
        for (int c = 0; c < sc.count; c++) {
            int idle = asked ? empty[c] : Math.min(minEmpty[c], empty[c] - 1);
            for (Slab s = tail[c]; idle > 0 && s != null && s.isEmpty(); idle--) {
                Slab prev = s.prev;
                dropEmpty(s);
                s = prev;
            }
            minEmpty[c] = empty[c];
        }
    }

    /** Owner: returns a chunk of one of this heap's slabs. */
    void freeLocal(Chunk ch) {
        putBack(ch.slab, ch);
    }

    private void putBack(Slab s, Chunk ch) {
        int c = s.cls;
        s.putLocal(ch);
        if (!s.listed) {
            linkHead(c, s);
        }
        if (s.isEmpty()) {
            if (cachedBytes + sc.slabBytes[c] > km.heapCacheBytes) {
                release(s);
            } else {
                empty[c]++;
                cachedBytes += sc.slabBytes[c];
                if (tail[c] != s) {
                    unlink(c, s);
                    linkTail(c, s);
                }
            }
        }
        assert s.released || s.isValid() : "slab of class " + c + " is corrupt";
    }

    /** Any thread: {@code s} (owned here) just got its first remote chunk. */
    void enqueuePending(Slab s) {
        Slab h;
        do {
            h = (Slab) PENDING.getAcquire(this);
            s.nextPending = h;
        } while (!PENDING.compareAndSet(this, h, s));
    }

    /** Debug and tests: slabs on the pending stack now (racy unless the pushers are done). */
    int pendingSlabs() {
        int n = 0;
        for (Slab s = (Slab) PENDING.getAcquire(this); s != null; s = s.nextPending) {
            n++;
        }
        return n;
    }

    /** Owner: moves every remotely freed chunk back to the local free lists. */
    void drainPending() {
        Slab p = (Slab) PENDING.getAndSet(this, (Slab) null);
        while (p != null) {
            Slab next = p.nextPending; // read before the remote list is emptied: see Slab.pushRemote
            p.nextPending = null;
            Chunk r = p.takeRemote();
            while (r != null) {
                Chunk n = r.nextRemote;
                r.nextRemote = null;
                putBack(p, r);
                r = n;
            }
            p = next;
        }
    }

    /** Owner (or the collector for a dead owner): gives back every completely free slab. */
    void releaseEmpty() {
        for (int c = 0; c < sc.count; c++) {
            Slab s = tail[c];
            while (s != null && s.isEmpty()) {
                Slab prev = s.prev;
                dropEmpty(s);
                s = prev;
            }
            minEmpty[c] = 0;
        }
    }

    private void dropEmpty(Slab s) {
        empty[s.cls]--;
        cachedBytes -= sc.slabBytes[s.cls];
        release(s);
    }

    private void release(Slab s) {
        int c = s.cls;
        if (s.listed) {
            unlink(c, s);
        }
        for (int i = 0; i < s.carved; i++) {
            table.remove(s.chunks[i]);
        }
        s.released = true;
        slabs[c]--;
        pages.free(s.run);
    }

    int totalSlabs() {
        int n = 0;
        for (int x : slabs) {
            n += x;
        }
        return n;
    }

    /** The collector folds a dead heap's type counters into the types. */
    void retireCells() {
        for (MallocType.Cell c : cells) {
            if (c != null) {
                c.type.retire(c);
            }
        }
    }

    private void linkHead(int c, Slab s) {
        s.prev = null;
        s.next = head[c];
        if (head[c] != null) {
            head[c].prev = s;
        } else {
            tail[c] = s;
        }
        head[c] = s;
        s.listed = true;
    }

    private void linkTail(int c, Slab s) {
        s.next = null;
        s.prev = tail[c];
        if (tail[c] != null) {
            tail[c].next = s;
        } else {
            head[c] = s;
        }
        tail[c] = s;
        s.listed = true;
    }

    private void unlink(int c, Slab s) {
        if (s.prev != null) {
            s.prev.next = s.next;
        } else {
            head[c] = s.next;
        }
        if (s.next != null) {
            s.next.prev = s.prev;
        } else {
            tail[c] = s.prev;
        }
        s.prev = null;
        s.next = null;
        s.listed = false;
    }
}
