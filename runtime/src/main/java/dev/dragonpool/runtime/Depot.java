package dev.dragonpool.runtime;

import java.util.Arrays;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The depot of one {@link ObjCache}: stacks of non-empty ("full") and empty magazines under
 * one lock, plus every counter the slow paths update (kept here, not in {@code ObjCache}, so
 * slow-path writes never share a cache line with the fields the hot path reads).
 *
 * <p>Every method and field is used under {@link #lock} only, except the fields documented
 * as racy. {@link #available} is signalled whenever a non-empty magazine arrives or an object
 * is destroyed, so waiters under {@link LimitPolicy#BLOCK} can retry.
 *
 * <p>Working set: {@link #minFull} and {@link #minEmpty} are the lowest stack depths seen
 * since the last trim; magazines that stayed below that mark the whole period were not
 * needed, and the reclaimer frees half of them each period (a time-decayed estimate).
 */
final class Depot {
    final String name;
    final ReentrantLock lock = new ReentrantLock();
    final Condition available = lock.newCondition();

    private Magazine[] full = new Magazine[8];
    private Magazine[] empty = new Magazine[8];
    int nfull;
    int nempty;
    /** Objects in the full stack. */
    long objects;
    int minFull;
    int minEmpty;

    /** Objects that exist and are accounted to the cache: {@code created - destroyed}. */
    long live;
    long created;
    long destroyed;
    long highWater;
    long exchanges;
    long exhausted;
    long failed;
    int waiters;
    /** Real magazines in existence (per-thread, stripes and depot). */
    int magazines;
    /** Bytes the magazines stand for, and bytes charged to the arena for them (pages). */
    long usedBytes;
    long reservedBytes;
    /** Lent counts of plain objects that {@code Local}s settled here, not yet paid back (see {@code ObjCache}). */
    long spare;
    /**
     * Plain objects counted in {@link #live} when they came back through a {@code Local} that lent
     * none while others held lent counts: possibly counted twice, cancelled as those counts settle.
     * Limits are checked against {@code live - provisional}.
     */
    long provisional;
    /** Discards of plain objects whose lent count is still held by another {@code Local}. */
    long owed;
    /** Counters of per-thread pairs that were recovered after their thread died. */
    long retiredHits;
    long retiredMisses;

    Depot(String name) {
        this.name = name;
    }

    Magazine popFull() {
        assert lock.isHeldByCurrentThread();
        if (nfull == 0) {
            return null;
        }
        Magazine m = full[--nfull];
        full[nfull] = null;
        objects -= m.count;
        if (nfull < minFull) {
            minFull = nfull;
        }
        return m;
    }

    void pushFull(Magazine m) {
        assert lock.isHeldByCurrentThread();
        assert m != Magazine.ZERO && m.count > 0 && m.isValid() : m;
        if (nfull == full.length) {
            full = Arrays.copyOf(full, nfull * 2);
        }
        full[nfull++] = m;
        objects += m.count;
        available.signal();
    }

    Magazine popEmpty() {
        assert lock.isHeldByCurrentThread();
        if (nempty == 0) {
            return null;
        }
        Magazine m = empty[--nempty];
        empty[nempty] = null;
        if (nempty < minEmpty) {
            minEmpty = nempty;
        }
        return m;
    }

    void pushEmpty(Magazine m) {
        assert lock.isHeldByCurrentThread();
        assert m != Magazine.ZERO && m.count == 0 : m;
        if (nempty == empty.length) {
            empty = Arrays.copyOf(empty, nempty * 2);
        }
        empty[nempty++] = m;
    }

    /** Counts {@code n} counted objects as destroyed. */
    void countDestroyed(long n) {
        assert lock.isHeldByCurrentThread();
        live -= n;
        destroyed += n;
        clampProvisional();
    }

    /**
     * Keeps {@code provisional <= live}. Legitimate puts never need it ({@code live -
     * provisional} is then the number of objects that exist); after puts of objects the cache
     * never made, a provisionally counted object may be dropped while the lent count it was
     * matched against is paid back by its own object, and its claim goes with it.
     */
    void clampProvisional() {
        if (provisional > live) {
            provisional = live;
        }
    }

    /** Resets the working-set marks to the current depths (start of a trim period). */
    void resetMarks() {
        minFull = nfull;
        minEmpty = nempty;
    }

    /**
     * Invariant: full magazines are valid and non-empty, empty ones valid and empty, no
     * magazine appears twice, {@code objects} is the sum of the full ones' rounds, and the
     * counters are consistent ({@code live == created - destroyed >= 0}).
     */
    boolean isValid() {
        return problem() == null;
    }

    /** @return what breaks the invariant of {@link #isValid()}, or {@code null} */
    String problem() {
        long sum = 0;
        java.util.Set<Magazine> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (int i = 0; i < full.length; i++) {
            Magazine m = full[i];
            if (i >= nfull) {
                if (m != null) {
                    return "full slot " + i + " above nfull=" + nfull + " not cleared";
                }
                continue;
            }
            if (m == null || m == Magazine.ZERO || m.count == 0 || !m.isValid() || !seen.add(m)) {
                return "bad full magazine " + m + " at " + i;
            }
            sum += m.count;
        }
        for (int i = 0; i < empty.length; i++) {
            Magazine m = empty[i];
            if (i >= nempty) {
                if (m != null) {
                    return "empty slot " + i + " above nempty=" + nempty + " not cleared";
                }
                continue;
            }
            if (m == null || m == Magazine.ZERO || m.count != 0 || !m.isValid() || !seen.add(m)) {
                return "bad empty magazine " + m + " at " + i;
            }
        }
        if (sum != objects) {
            return "objects=" + objects + " but the full magazines hold " + sum;
        }
        if (live != created - destroyed || live < 0) {
            return "live=" + live + " created=" + created + " destroyed=" + destroyed;
        }
        if (spare < 0 || provisional < 0 || owed < 0 || provisional > live) {
            return "spare=" + spare + " provisional=" + provisional + " owed=" + owed + " live=" + live;
        }
        if (waiters < 0 || usedBytes < 0 || usedBytes > reservedBytes) {
            return "waiters=" + waiters + " usedBytes=" + usedBytes + " reservedBytes=" + reservedBytes;
        }
        return null;
    }

}
