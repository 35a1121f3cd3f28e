package dev.dragonpool.runtime.kmalloc;

import dev.dragonpool.runtime.internal.Registries;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A declared kind of off-heap memory with a byte limit and statistics, DragonFly's
 * {@code MALLOC_DEFINE(M_FOO, "foo", ...)}: declare one per subsystem with
 * {@link #define(String, long)}, pass it to every {@link KMalloc#alloc} of that subsystem, read
 * {@link #stats()} (the {@code vmstat -m} line) and {@link #destroy()} it when done.
 *
 * <p>Concurrency: counters are per heap (per thread or per stripe) and only meaningful summed,
 * as in the kernel; {@link #stats()} sums racy reads, approximate while allocations run and exact
 * once they stop. The limit is enforced with per-heap credit taken from one atomic counter in
 * batches of at most 1/64 of the limit (64 KiB at most), so memory in use never exceeds the
 * limit; a call may fail up to one batch per active thread early, because other threads hold
 * unused credit. It never blocks.
 */
public final class MallocType {
    private static final AtomicInteger IDS = new AtomicInteger();
    private static final ConcurrentHashMap<String, MallocType> LIVE = new ConcurrentHashMap<>();
    private static final long MAX_BATCH = 64 * 1024;

    final int id;
    private final String name;
    private final long limit;
    final long batch;
    /** Bytes in use plus the unused credit held by heaps; never above {@link #limit}. */
    private final AtomicLong reserved = new AtomicLong();
    private final AtomicLong highReserved = new AtomicLong();
    /** Counters of heaps that still exist; folded into {@code retired} when a heap goes. */
    private final CopyOnWriteArrayList<Cell> cells = new CopyOnWriteArrayList<>();
    private final Object retiredLock = new Object();
    private long retiredInUse;
    private long retiredMemUse;
    private long retiredRequests;
    private long retiredFailures;
    private volatile boolean destroyed;

    private MallocType(String name, long limit) {
        this.id = IDS.getAndIncrement();
        this.name = name;
        this.limit = limit;
        this.batch = Math.max(8, Math.min(MAX_BATCH, limit / 64));
    }

    /**
     * Declares a malloc type.
     *
     * @param name  unique among live types, shown in stats
     * @param limit most bytes this type may hold at once (charged sizes: chunk or page run)
     * @throws IllegalArgumentException when the name is blank or taken, or the limit not positive
     */
    public static MallocType define(String name, long limit) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("malloc type name must not be blank: " + name);
        }
        if (limit <= 0) {
            throw new IllegalArgumentException("limit of malloc type '" + name + "' must be positive: " + limit);
        }
        MallocType t = new MallocType(name, limit);
        if (LIVE.putIfAbsent(name, t) != null) {
            throw new IllegalArgumentException("malloc type '" + name + "' is already defined");
        }
        MallocTypes.register(t);
        return t;
    }

    /** Every live (not destroyed) malloc type, in definition order; same as {@code Pools.mallocTypes()}. */
    public static List<MallocType> all() {
        return Registries.MALLOC_TYPES.snapshot();
    }

    public String name() {
        return name;
    }

    public long limit() {
        return limit;
    }

    public boolean isDestroyed() {
        return destroyed;
    }

    /**
     * Destroys this type: later allocations with it throw. Refused while memory of this type is
     * in use (DragonFly's {@code malloc_uninit} complains the same way).
     *
     * @throws IllegalStateException when allocations of this type are still live
     */
    public void destroy() {
        MallocTypeStats s = stats();
        if (s.inUse() != 0) {
            throw new IllegalStateException("malloc type '" + name + "' still has " + s.inUse()
                    + " allocations (" + s.memUse() + " bytes) in use; free them before destroying the type");
        }
        if (!destroyed) {
            destroyed = true;
            LIVE.remove(name, this);
            MallocTypes.unregister(this);
        }
    }

    /**
     * Lowers the high-water mark to what the type holds now (bytes in use plus the credit heaps
     * keep), so the next peak can be seen. Racy against concurrent charges, which may raise it
     * again at once: approximate by design, like every counter here.
     */
    public void resetHighWater() {
        highReserved.set(reserved.get());
    }

    /** An immutable snapshot: the {@code vmstat -m} columns of this type. */
    public MallocTypeStats stats() {
        long inUse;
        long memUse;
        long requests;
        long failures;
        synchronized (retiredLock) {
            inUse = retiredInUse;
            memUse = retiredMemUse;
            requests = retiredRequests;
            failures = retiredFailures;
        }
        for (Cell c : cells) { // racy reads of other threads' plain counters: approximate by design
            inUse += c.inUse;
            memUse += c.memUse;
            requests += c.requests;
            failures += c.failures;
        }
        return new MallocTypeStats(name, inUse, memUse, Math.max(memUse, highReserved.get()), limit,
                requests, failures);
    }

    @Override
    public String toString() {
        return "MallocType[" + name + ", limit=" + limit + "]";
    }

    /**
     * One heap's counters and credit for this type; written by that heap's owner only. The hot
     * path of an alloc or free is {@link #allocated} / {@link #freed}: plain arithmetic on this
     * object's fields, with the atomic counter of the type touched only when the credit runs
     * out or grows beyond twice the batch.
     */
    static final class Cell {
        final MallocType type;
        /** Credit above which {@link #freed} hands the excess back (twice the type's batch). */
        private final long creditHigh;
        long inUse;
        long memUse;
        long requests;
        long failures;
        long credit;

        Cell(MallocType type) {
            this.type = type;
            this.creditHigh = 2 * type.batch;
        }

        /** Takes {@code bytes} from the credit, refilling it from the type; false over the limit. */
        boolean charge(long bytes) {
            long cr = credit;
            if (cr >= bytes) {
                credit = cr - bytes;
                return true;
            }
            return chargeSlow(bytes);
        }

        private boolean chargeSlow(long bytes) {
            long take = type.reserve(bytes - credit, bytes - credit + type.batch);
            if (take < 0) {
                return false;
            }
            credit += take - bytes;
            return true;
        }

        /** Counts a successful allocation of {@code bytes} already charged. */
        void allocated(long bytes) {
            inUse++;
            memUse += bytes;
            requests++;
        }

        /** Counts a free of {@code bytes} and returns them to the credit. */
        void freed(long bytes) {
            inUse--;
            memUse -= bytes;
            long cr = credit + bytes;
            credit = cr;
            if (cr > creditHigh) {
                giveBack();
            }
        }

        /** Returns {@code bytes} to the credit, handing the excess back to the type. */
        void uncharge(long bytes) {
            credit += bytes;
            if (credit > creditHigh) {
                giveBack();
            }
        }

        private void giveBack() {
            long back = credit - type.batch;
            credit -= back;
            type.reserved.addAndGet(-back);
        }
    }

    Cell newCell() {
        Cell c = new Cell(this);
        cells.add(c);
        return c;
    }

    /** Reserves between {@code min} and {@code want} bytes under the limit; -1 when not even min fits. */
    private long reserve(long min, long want) {
        for (;;) {
            long r = reserved.get();
            long room = limit - r;
            if (room < min) {
                return -1;
            }
            long take = Math.min(want, room);
            if (reserved.compareAndSet(r, r + take)) {
                long high = r + take;
                long h;
                while ((h = highReserved.get()) < high && !highReserved.compareAndSet(h, high)) {
                    // retry the racy maximum
                }
                return take;
            }
        }
    }

    /** Folds a cell of a heap that goes away into the retired totals and returns its credit. */
    void retire(Cell c) {
        synchronized (retiredLock) {
            retiredInUse += c.inUse;
            retiredMemUse += c.memUse;
            retiredRequests += c.requests;
            retiredFailures += c.failures;
            cells.remove(c);
        }
        if (c.credit != 0) {
            reserved.addAndGet(-c.credit);
            c.credit = 0;
        }
    }
}
