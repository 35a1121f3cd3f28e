package dev.dragonpool.runtime;

/**
 * A magazine: a fixed array of object references used as a stack, with a count of rounds
 * (Bonwick &amp; Adams 2001). A magazine is owned by exactly one party at a time:
 * one platform thread's {@code ObjCache.Local}, one lock-guarded stripe, or the depot (under
 * its lock). Ownership moves only under the depot lock, which orders every handoff (see
 * {@code package-info.java}), so the fields are plain.
 *
 * <p>Memory layout: {@code objs[0..count)} hold idle objects, {@code objs[count..length)}
 * are {@code null} so a cache never keeps garbage alive. The shared {@link #ZERO} magazine
 * has no slots: a thread that has no real magazine (the arena refused the charge, or the
 * cache caches nothing) holds it and every operation takes the slow path.
 */
final class Magazine {
    /** The magazine with no slots; never enters the depot. */
    static final Magazine ZERO = new Magazine(0);

    final Object[] objs;
    int count;

    Magazine(int capacity) {
        this.objs = new Object[capacity];
    }

    int capacity() {
        return objs.length;
    }

    boolean isEmpty() {
        return count == 0;
    }

    boolean isFull() {
        return count == objs.length;
    }

    void push(Object o) {
        objs[count++] = o;
    }

    Object pop() {
        int n = --count;
        Object o = objs[n];
        objs[n] = null;
        return o;
    }

    /** Invariant: {@code 0 <= count <= capacity}, slots filled exactly below {@code count}. */
    boolean isValid() {
        if (count < 0 || count > objs.length) {
            return false;
        }
        for (int i = 0; i < objs.length; i++) {
            if ((objs[i] != null) != (i < count)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "Magazine[" + count + "/" + objs.length + "]";
    }
}
