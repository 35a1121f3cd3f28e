package dev.dragonpool.runtime.kmalloc;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The per-CPU slab state of DragonFly's {@code SLGlobalData}, held by one platform thread (no
 * lock) or by one stripe shared by virtual threads (guarded by {@link #lock}). For each size
 * class: a doubly linked list of the slabs that have free chunks, partly used ones first and
 * completely free ones at the tail; slabs with no free chunk are on no list and come back
 * through the pending stack when another thread frees into them.
 *
 * <p>Concurrency: every field is owner-only except {@link #pending}, a Treiber stack of slabs
 * whose remote list went from empty to non-empty, pushed by any thread and taken whole by the
 * owner when a class runs dry. Statistics counters are plain fields read racily by
 * {@link KMalloc#sizeClassStats()}.
 */
final class Heap {
    private static final VarHandle PENDING;

    static {
        try {
            PENDING = MethodHandles.lookup().findVarHandle(Heap.class, "pending", Slab.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    static final int FAIL_TYPE_LIMIT = 1;
    static final int FAIL_PAGES = 2;

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
    final int[] slabs;
    final long[] requests;
    final long[] frees;
    long bigRequests;
    long bigFrees;
    int lastFailure;
    private MallocType.Cell[] cells = new MallocType.Cell[8];
    @SuppressWarnings("unused") // accessed through PENDING
    private volatile Slab pending;

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
        slabs = new int[n];
        requests = new long[n];
        frees = new long[n];
    }

    MallocType.Cell cell(MallocType t) {
        MallocType.Cell[] a = cells;
        int id = t.id;
        if (id < a.length) {
            MallocType.Cell c = a[id];
            if (c != null) {
                return c;
            }
        }
        return newCell(t);
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
        Slab s = head[c];
        if (s != null) {
            return s;
        }
        int npages = sc.slabBytes[c] / sc.pageSize;
        int align = Integer.bitCount(sc.slabBytes[c]) == 1 ? sc.slabBytes[c] : sc.pageSize;
        ArenaPages.Run run = pages.allocate(npages, align);
        if (run == null) {
            km.collectDead();
            run = pages.allocate(npages, align);
            if (run == null) {
                return null;
            }
        }
        s = new Slab(this, c, sc.chunkSize[c], sc.chunksPerSlab[c], run);
        slabs[c]++;
        empty[c]++;
        linkHead(c, s);
        return s;
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
            if (empty[c] >= sc.retainEmpty[c]) {
                release(s);
            } else {
                empty[c]++;
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
                release(s);
                empty[c]--;
                s = prev;
            }
        }
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
