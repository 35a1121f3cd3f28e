package dev.dragonpool.runtime;

import dev.dragonpool.runtime.internal.Registries;
import dev.dragonpool.runtime.jfr.DragonpoolEvents;

import java.util.IdentityHashMap;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A fixed-capacity allocator over records preallocated when it is made, usable before any
 * arena or configuration exists (DragonFly's {@code zbootinit}/{@code zalloc}/{@code zfree}).
 * The agent declares its boot-time metadata as {@code static final} zones, so the records are
 * made at class initialisation. A zone never grows: {@link #alloc()} on an exhausted zone
 * throws {@link PoolExhaustedException} naming it; it never returns {@code null} and never
 * waits.
 *
 * <p>Concurrency: every operation runs under the zone's monitor; zones serve rare boot-time
 * allocations, not hot paths. Memory layout: the records, a stack of free record indexes and
 * an identity map from record to index, all made by the factory methods; {@code alloc} and
 * {@code free} allocate nothing.
 *
 * @param <T> the record type
 */
public final class Zone<T> {
    /** The largest capacity accepted; a boot zone is small by nature. */
    static final int MAX_CAPACITY = 1 << 24;

    private final String name;
    private final Object[] records;
    private final IdentityHashMap<Object, Integer> indexOf;
    private final int[] freeStack;
    private final boolean[] used;
    private final long recordSize;
    private int nfree;
    private long requests;
    private long failed;
    private int highWater;

    private Zone(String name, Object[] records) {
        this.name = name;
        this.records = records;
        int n = records.length;
        this.indexOf = new IdentityHashMap<>(n * 2);
        this.freeStack = new int[n];
        this.used = new boolean[n];
        for (int i = 0; i < n; i++) {
            Object r = records[i];
            if (r == null) {
                throw new IllegalArgumentException("zone '" + name + "': record " + i + " is null");
            }
            if (indexOf.put(r, i) != null) {
                throw new IllegalArgumentException("zone '" + name + "': record " + i
                        + " appears twice (" + r.getClass().getName() + ")");
            }
            freeStack[i] = n - 1 - i; // alloc hands out record 0 first
        }
        this.nfree = n;
        this.recordSize = n == 0 ? 0 : ObjectSizer.sizeOf(records[0]);
        Registries.ZONES.register(this);
    }

    /**
     * Makes a zone of {@code capacity} records built now by {@code constructor}.
     *
     * @param name a non-blank name
     * @param capacity the number of records, {@code 1..2^24}
     * @param constructor makes each record; must not return {@code null}
     * @param <T> record type
     * @return the zone, registered in {@link Pools#zones()}
     * @throws IllegalArgumentException for a blank name, a bad capacity or a null record
     */
    public static <T> Zone<T> create(String name, int capacity, Supplier<? extends T> constructor) {
        checkName(name);
        Objects.requireNonNull(constructor, "constructor");
        checkCapacity(name, capacity);
        Object[] recs = new Object[capacity];
        for (int i = 0; i < capacity; i++) {
            recs[i] = constructor.get();
        }
        return new Zone<>(name, recs);
    }

    /**
     * Makes a zone over a caller's preallocated records ({@code zbootinit}); the array is
     * copied, its elements are the records.
     *
     * @param name a non-blank name
     * @param records the records, non-null and distinct, {@code 1..2^24} of them
     * @param <T> record type
     * @return the zone, registered in {@link Pools#zones()}
     * @throws IllegalArgumentException for a blank name, a bad length, or a null or repeated record
     */
    @SafeVarargs
    public static <T> Zone<T> boot(String name, T... records) {
        checkName(name);
        Objects.requireNonNull(records, "records");
        checkCapacity(name, records.length);
        Object[] copy = new Object[records.length];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = records[i];
        }
        return new Zone<>(name, copy);
    }

    private static void checkName(String name) {
        Objects.requireNonNull(name, "zone name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("zone name must not be blank");
        }
    }

    private static void checkCapacity(String name, int capacity) {
        if (capacity <= 0 || capacity > MAX_CAPACITY) {
            throw new IllegalArgumentException("zone '" + name + "': capacity must be in [1, " + MAX_CAPACITY
                    + "], got " + capacity);
        }
    }

    /** @return the zone's name */
    public String name() {
        return name;
    }

    /** @return the fixed number of records */
    public int capacity() {
        return records.length;
    }

    /**
     * Takes a free record.
     *
     * @return a record not in use
     * @throws PoolExhaustedException if every record is in use
     */
    @SuppressWarnings("unchecked")
    public synchronized T alloc() {
        requests++;
        if (nfree == 0) {
            failed++;
            DragonpoolEvents.exhausted("zone", name, records.length, "fail");
            throw new PoolExhaustedException("zone '" + name + "' exhausted: all " + records.length
                    + " records in use (zones never grow); free the records no longer used, or create the zone"
                    + " with a larger capacity");
        }
        int i = freeStack[--nfree];
        used[i] = true;
        int u = records.length - nfree;
        if (u > highWater) {
            highWater = u;
        }
        assert isValid();
        return (T) records[i];
    }

    /**
     * Gives a record back.
     *
     * @param record a record of this zone that is in use
     * @throws NullPointerException if {@code record} is null
     * @throws IllegalArgumentException if it is not one of this zone's records
     * @throws IllegalStateException if it is already free
     */
    public synchronized void free(T record) {
        if (record == null) {
            throw new NullPointerException("zone '" + name + "': free of null; free the record alloc() returned");
        }
        Integer i = indexOf.get(record);
        if (i == null) {
            throw new IllegalArgumentException("zone '" + name + "': " + record.getClass().getName()
                    + " is not a record of this zone; free it into the zone that allocated it");
        }
        if (!used[i]) {
            throw new IllegalStateException("zone '" + name + "': double free of record " + i + " ("
                    + record.getClass().getName() + "); free each record once per alloc()");
        }
        used[i] = false;
        freeStack[nfree++] = i;
        assert isValid();
    }

    /** Removes the zone from {@link Pools#zones()}; its records stay usable. */
    public void destroy() {
        Registries.ZONES.unregister(this);
    }

    /** @return a consistent snapshot of the zone's counters */
    public synchronized ZoneStats stats() {
        return new ZoneStats(name, recordSize, records.length, records.length - nfree, nfree, requests, highWater,
                failed);
    }

    /** Lowers the high-water mark to the number of records in use now. */
    public synchronized void resetHighWater() {
        highWater = records.length - nfree;
    }

    /** Invariant: the free stack lists exactly the unused records, each once (checked fully up to 4096 records). */
    synchronized boolean isValid() {
        if (nfree < 0 || nfree > records.length) {
            return false;
        }
        if (records.length > 4096) {
            return true;
        }
        int unused = 0;
        for (boolean u : used) {
            if (!u) {
                unused++;
            }
        }
        if (unused != nfree) {
            return false;
        }
        boolean[] seen = new boolean[records.length];
        for (int k = 0; k < nfree; k++) {
            int i = freeStack[k];
            if (used[i] || seen[i]) {
                return false;
            }
            seen[i] = true;
        }
        return true;
    }

    @Override
    public String toString() {
        return "Zone[" + name + "]";
    }
}
