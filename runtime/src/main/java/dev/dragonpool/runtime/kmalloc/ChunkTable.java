package dev.dragonpool.runtime.kmalloc;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;

/**
 * Identity map from a handed-out {@link ByteBuffer} view to its {@link Chunk}, so that
 * {@code free(buffer)} finds the chunk without allocating and rejects any buffer it does not
 * know (a slice, a duplicate, a foreign buffer) by identity.
 *
 * <p>Memory layout: open addressing with linear probing over one {@code Chunk[]}, indexed by a
 * multiplicative mix of {@link System#identityHashCode}; removal writes a tombstone and only a
 * rehash reclaims tombstones, so a slot once filled never changes to another chunk.
 *
 * <p>Concurrency: lookups are lock-free ({@code getAcquire} of the slot, the chunk's fields are
 * final); adds and removals take this object's monitor and publish with {@code setRelease}; a
 * rehash publishes a new array through a volatile field. A reader on a superseded array may
 * still find a chunk removed since: removal happens only for free chunks, whose state check
 * then reports the double free.
 */
final class ChunkTable {
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(Chunk[].class);
    private static final Chunk TOMBSTONE = new Chunk(null, null, -1);
    private static final int MIN_LENGTH = 256;

    private volatile Chunk[] table = new Chunk[MIN_LENGTH];
    private int live;
    private int used;

    private static int slot(ByteBuffer b, int length) {
        int h = System.identityHashCode(b) * 0x9E3779B9;
        return h >>> Integer.numberOfLeadingZeros(length - 1);
    }

    /** The chunk whose view is {@code b} itself, or null. */
    Chunk find(ByteBuffer b) {
        Chunk[] t = table;
        int mask = t.length - 1;
        for (int i = slot(b, t.length); ; i = (i + 1) & mask) {
            Chunk e = (Chunk) SLOT.getAcquire(t, i);
            if (e == null) {
                return null;
            }
            if (e.view == b) {
                return e;
            }
        }
    }

    synchronized void add(Chunk c) {
        Chunk[] t = table;
        if ((used + 1) * 2 > t.length) {
            t = rehash(Math.max(MIN_LENGTH, Integer.highestOneBit(Math.max(1, live + 1)) * 4));
        }
        insert(t, c);
        live++;
        used++;
    }

    private static void insert(Chunk[] t, Chunk c) {
        int mask = t.length - 1;
        int i = slot(c.view, t.length);
        while (t[i] != null) {
            i = (i + 1) & mask;
        }
        SLOT.setRelease(t, i, c);
    }

    private Chunk[] rehash(int length) {
        Chunk[] old = table;
        Chunk[] t = new Chunk[length];
        for (Chunk e : old) {
            if (e != null && e != TOMBSTONE) {
                insert(t, e);
            }
        }
        used = live;
        table = t;
        return t;
    }

    synchronized void remove(Chunk c) {
        Chunk[] t = table;
        int mask = t.length - 1;
        for (int i = slot(c.view, t.length); t[i] != null; i = (i + 1) & mask) {
            if (t[i] == c) {
                SLOT.setRelease(t, i, TOMBSTONE);
                live--;
                return;
            }
        }
        throw new IllegalStateException("chunk " + c.index + " is not in the table");
    }

    synchronized int size() {
        return live;
    }

    /** Error path only: a live chunk whose memory contains {@code b}'s first byte, or null. */
    synchronized Chunk enclosing(ByteBuffer b) {
        if (!b.isDirect()) {
            return null;
        }
        final int unit = 1 << 30; // low 30 bits of the native address, all that the API exposes
        int addr = b.alignmentOffset(0, unit);
        for (Chunk e : table) {
            if (e != null && e != TOMBSTONE) {
                int base = e.view.alignmentOffset(0, unit);
                int delta = (addr - base) & (unit - 1);
                if (delta < e.view.capacity()) {
                    return e;
                }
            }
        }
        return null;
    }
}
