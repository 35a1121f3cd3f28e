package dev.dragonpool.runtime.kmalloc;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;

/**
 * One chunk of a slab and the {@link ByteBuffer} view of it, made once when the chunk is first
 * carved and handed out again on every reuse. The chunk is its own free-list node: it links
 * itself into its slab's local free list or remote list, so no free allocates.
 */
final class Chunk {
    static final int FREE = 0;
    static final int ALLOCATED = 1;
    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(Chunk.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Returned by the allocation path when the malloc type is at its limit. */
    static final Chunk FAIL_TYPE_LIMIT = new Chunk(null, null, -1);
    /** Returned by the allocation path when no page could be had from the arena. */
    static final Chunk FAIL_PAGES = new Chunk(null, null, -2);

    final ByteBuffer view;
    final Slab slab;
    final int index;
    /** FREE or ALLOCATED; CAS'd to FREE by whichever thread frees, so a double free loses. */
    @SuppressWarnings("unused") // accessed through STATE
    private int state;
    /** Next chunk in the slab's local free list (owner only). */
    Chunk nextFree;
    /** Next chunk in the slab's remote list; written before the CAS that publishes it. */
    Chunk nextRemote;
    /** Type charged and bytes requested; written by the allocating thread before hand-off. */
    MallocType type;
    int requested;

    Chunk(ByteBuffer view, Slab slab, int index) {
        this.view = view;
        this.slab = slab;
        this.index = index;
    }

    /** Owner only: marks the chunk handed out (published to others by the caller's hand-off). */
    void setAllocatedPlain() {
        STATE.set(this, ALLOCATED);
    }

    /** Any thread: ALLOCATED to FREE; false when the chunk was not allocated (double free). */
    boolean casFree() {
        return STATE.compareAndSet(this, ALLOCATED, FREE);
    }

    boolean isAllocated() {
        return (int) STATE.getAcquire(this) == ALLOCATED;
    }
}
