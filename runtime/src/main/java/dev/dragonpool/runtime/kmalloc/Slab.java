package dev.dragonpool.runtime.kmalloc;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;

/**
 * A slab (DragonFly's "zone"): a run of pages carved into equal chunks of one size class, owned
 * by one heap. The owner allocates from the local free list, else from the never-used tail; a
 * free by another thread goes to the lock-free remote list, which the owner drains.
 */
final class Slab {
    private static final VarHandle REMOTE_HEAD;

    static {
        try {
            REMOTE_HEAD = MethodHandles.lookup().findVarHandle(Slab.class, "remoteHead", Chunk.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

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
    /** Treiber stack of chunks freed by other threads; only ever taken whole by the owner. */
    @SuppressWarnings("unused") // accessed through REMOTE_HEAD
    private volatile Chunk remoteHead;
    /** Link in the owner's pending stack; written before the CAS that publishes it. */
    Slab nextPending;

    Slab(Heap owner, int cls, int chunkSize, int nchunks, ArenaPages.Run run) {
        this.owner = owner;
        this.cls = cls;
        this.chunkSize = chunkSize;
        this.nchunks = nchunks;
        this.run = run;
        this.chunks = new Chunk[nchunks];
        this.nfree = nchunks;
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
