package dev.dragonpool.runtime.kmalloc;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;

/**
 * Owner-side fields of a {@link Slab}: written by the owning heap only (the finals are read by
 * any thread). Kept a cache line away from the remote list by {@link SlabPad}.
 */
abstract class SlabFields {
    /** The owning heap; null for a big buffer (no owner, freed straight to the pages). */
    final Heap owner;
    final int cls;
    final int chunkSize;
    final int nchunks;
    final ArenaPages.Run run;
    final Chunk[] chunks;
    /** Chunks carved so far; chunks [carved, nchunks) are the never-used tail. */
    int carved;
    /** Local free list and count of free chunks (local list plus never-used tail); owner only. */
    Chunk freeHead;
    int nfree;
    /** Links of the owner's per-class list of slabs with free chunks; owner only. */
    Slab prev;
    Slab next;
    boolean listed;
    boolean released;

    SlabFields(Heap owner, int cls, int chunkSize, int nchunks, ArenaPages.Run run) {
        this.owner = owner;
        this.cls = cls;
        this.chunkSize = chunkSize;
        this.nchunks = nchunks;
        this.run = run;
        this.chunks = new Chunk[nchunks];
        this.nfree = nchunks;
    }
}

/** Padding: keeps the owner's fields and the remote list on different cache lines. */
@SuppressWarnings("unused")
abstract class SlabPad extends SlabFields {
    long p00, p01, p02, p03, p04, p05, p06, p07;
    long p10, p11, p12, p13, p14, p15, p16, p17;
    // Small pads fill the holes that the superclass leaves, so a hot field never lands there.
    int pi0, pi1;
    short ps0, ps1;
    byte pb0, pb1;

    SlabPad(Heap owner, int cls, int chunkSize, int nchunks, ArenaPages.Run run) {
        super(owner, cls, chunkSize, nchunks, run);
    }
}

/**
 * A slab (DragonFly's "zone"): a run of pages carved into equal chunks of one size class, owned
 * by one heap. The owner allocates from the local free list, else from the never-used tail; a
 * free by another thread goes to the lock-free remote list, which the owner drains.
 *
 * <p>Memory layout: owner fields in {@link SlabFields}, 128 bytes of padding, then the two
 * fields other threads write ({@code remoteHead}, {@code nextPending}), so remote frees do not
 * invalidate the owner's cache line (checked with JOL in {@code KMallocLayoutTest}).
 */
final class Slab extends SlabPad {
    private static final VarHandle REMOTE_HEAD;

    static {
        try {
            REMOTE_HEAD = MethodHandles.lookup().findVarHandle(Slab.class, "remoteHead", Chunk.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Treiber stack of chunks freed by other threads; only ever taken whole by the owner. */
    @SuppressWarnings("unused") // accessed through REMOTE_HEAD
    private volatile Chunk remoteHead;
    /** Link in the owner's pending stack; written before the CAS that publishes it. */
    Slab nextPending;

    Slab(Heap owner, int cls, int chunkSize, int nchunks, ArenaPages.Run run) {
        super(owner, cls, chunkSize, nchunks, run);
    }

    ByteBuffer memory() {
        return run.memory();
    }

    /** Owner only: takes a free chunk (nfree > 0), carving the tail when the list is empty. */
    Chunk take(ChunkTable table) {
        Chunk c = freeHead;
        if (c != null) {
            freeHead = c.nextFree;
            c.nextFree = null;
        } else {
            int i = carved;
            c = new Chunk(run.memory().slice(i * chunkSize, chunkSize), this, i);
            chunks[i] = c;
            table.add(c);
            carved = i + 1;
        }
        nfree--;
        return c;
    }

    /** Owner only: puts a chunk back on the local free list. */
    void putLocal(Chunk c) {
        c.nextFree = freeHead;
        freeHead = c;
        nfree++;
    }

    boolean isEmpty() {
        return nfree == nchunks;
    }

    /**
     * Any thread: pushes a freed chunk on the remote list; true when the list was empty, in which
     * case the caller must put this slab on its owner's pending stack (exactly once per non-empty
     * period, because only the owner's take-all empties the list again).
     */
    boolean pushRemote(Chunk c) {
        Chunk h;
        do {
            h = (Chunk) REMOTE_HEAD.getAcquire(this);
            c.nextRemote = h;
        } while (!REMOTE_HEAD.compareAndSet(this, h, c));
        return h == null;
    }

    /** Owner only: takes the whole remote list (ABA-safe: the stack is never popped singly). */
    Chunk takeRemote() {
        return (Chunk) REMOTE_HEAD.getAndSet(this, (Chunk) null);
    }

    /** Debug invariant, checked under {@code assert} by the owner. */
    boolean isValid() {
        int n = nchunks - carved;
        for (Chunk c = freeHead; c != null; c = c.nextFree) {
            if (c.slab != this || c.isAllocated()) {
                return false;
            }
            n++;
            if (n > nchunks) {
                return false;
            }
        }
        return n == nfree;
    }
}
