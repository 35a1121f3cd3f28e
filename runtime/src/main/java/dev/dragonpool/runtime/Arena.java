package dev.dragonpool.runtime;

import java.lang.ref.WeakReference;
import dev.dragonpool.runtime.internal.Registries;
import dev.dragonpool.runtime.jfr.DragonpoolEvents;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The page-granular memory budget shared by everything the pools hold: idle objects in
 * {@link ObjCache} magazines (charged by their estimated size, see {@link ObjectSizer}) and
 * the off-heap pages of the slab allocator.
 *
 * <p>Design (layer 1 of {@code docs/runtime.md}; DragonFly's {@code vm_page_alloc}):
 * <ul>
 * <li>Budget: a byte count, always a multiple of {@link #PAGE_SIZE}. {@link #tryCharge}
 *     rounds every request up to whole pages and {@link #uncharge} rounds the same way, so a
 *     holder must uncharge exactly the amounts it charged. Holders batch their charges (a
 *     cache charges a page for many idle objects at once) so the arena is touched on slow
 *     paths only.</li>
 * <li>Pressure: when a charge would exceed the budget the registered {@link Reclaimer}s are
 *     asked, in registration order, for the missing bytes; if the charge still does not fit
 *     it is refused ({@code false}). Refusal never fails the application: a cache that cannot
 *     charge simply keeps fewer idle objects and lets the rest go to the GC.</li>
 * </ul>
 *
 * <p>Concurrency: {@code charged} is updated by a CAS loop ({@code casCharged}); charging
 * happens on slow paths only. Reclaim runs under a lock taken with {@code tryLock}: while one
 * thread reclaims, other charges that do not fit fail at once rather than pile up. Reclaimers
 * are called without any arena lock held apart from that one, and must not call
 * {@link #tryCharge} themselves. Counters other than {@code charged} are racy plain fields
 * read approximately by {@link #stats()}.
 *
 * <p>The global arena's default budget is {@code min(256 MiB, Runtime.maxMemory() / 4)}
 * rounded down to pages; the agent resizes it once at start with {@link #setBudget(long)}.
 */
public final class Arena {

    /** Granularity of the budget in bytes; every charge is rounded up to a multiple of it. */
    public static final int PAGE_SIZE = 4096;

    /** The largest budget accepted, 2^48 bytes (256 TiB); anything larger is a mistake. */
    static final long MAX_BUDGET = 1L << 48;

    private static final VarHandle CHARGED;

    static {
        try {
            CHARGED = MethodHandles.lookup().findVarHandle(Arena.class, "charged", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static final class GlobalHolder {
        static final Arena GLOBAL = new Arena("global",
                roundDown(Math.min(256L << 20, Runtime.getRuntime().maxMemory() / 4)), true);
    }

    private final String name;
    private volatile long budget;
    /** Bytes charged; written with {@code casCharged}, read with plain volatile reads. */
    private volatile long charged;
    /**
     * Weak: a reclaimer is held by its cache, and the arena must not keep a cache alive (the
     * cache of a class whose loader became unreachable goes with the class).
     */
    private final CopyOnWriteArrayList<WeakReference<Reclaimer>> reclaimers = new CopyOnWriteArrayList<>();
    private final ReentrantLock reclaimLock = new ReentrantLock();

    // Racy, approximate counters (plain fields; see class comment).
    private long highWater;
    private long charges;
    private long failures;
    private long reclaims;
    private long reclaimedBytes;

    private Arena(String name, long budget, boolean register) {
        this.name = name;
        this.budget = budget;
        if (register) {
            Registries.ARENAS.register(this);
        }
    }

    /**
     * Returns the process-wide arena that pools use unless told otherwise.
     *
     * @return the global arena
     */
    public static Arena global() {
        return GlobalHolder.GLOBAL;
    }

    /**
     * Creates a private arena, for tests, benchmarks or a subsystem that wants its own budget.
     *
     * @param name a non-blank name shown in stats
     * @param budgetBytes the budget, {@code 0 <= budgetBytes <= 2^48}; rounded up to pages
     * @return the new arena, registered in {@link Pools#arenas()}
     * @throws IllegalArgumentException if the name is blank or the budget out of range
     */
    public static Arena create(String name, long budgetBytes) {
        Objects.requireNonNull(name, "arena name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("arena name must not be blank");
        }
        return new Arena(name, checkBudget(name, budgetBytes), true);
    }

    /** An arena left out of {@link Pools#arenas()}, for stress tests that make millions. */
    static Arena detached(String name, long budgetBytes) {
        return new Arena(name, checkBudget(name, budgetBytes), false);
    }

    private static long checkBudget(String name, long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("arena '" + name + "': budget must be >= 0, got " + bytes);
        }
        if (bytes > MAX_BUDGET) {
            throw new IllegalArgumentException("arena '" + name + "': budget " + bytes
                    + " is absurd (more than 2^48 bytes)");
        }
        return roundUp(bytes);
    }

    static long roundUp(long bytes) {
        return (bytes + PAGE_SIZE - 1) & -PAGE_SIZE;
    }

    static long roundDown(long bytes) {
        return bytes & -PAGE_SIZE;
    }

    /** @return the arena's name */
    public String name() {
        return name;
    }

    /** @return the budget in bytes, a multiple of {@link #PAGE_SIZE} */
    public long budget() {
        return budget;
    }

    /** @return the bytes charged now, a multiple of {@link #PAGE_SIZE} */
    public long charged() {
        return charged;
    }

    /**
     * Changes the budget. Lowering it below what is charged asks the reclaimers for the
     * difference; nothing already charged is revoked otherwise (holders uncharge over time).
     *
     * @param budgetBytes the new budget, {@code 0 <= budgetBytes <= 2^48}; rounded up to pages
     * @throws IllegalArgumentException if out of range
     */
    public void setBudget(long budgetBytes) {
        budget = checkBudget(name, budgetBytes);
        long over = charged - budget;
        if (over > 0) {
            reclaim(over);
        }
    }

    /**
     * Charges {@code bytes} (rounded up to pages) if the budget allows, asking the reclaimers
     * for memory first when it does not.
     *
     * @param bytes the bytes wanted, {@code >= 0}
     * @return {@code true} if charged; {@code false} if the budget is reached even after reclaim
     * @throws IllegalArgumentException if {@code bytes} is negative or larger than 2^48
     */
    public boolean tryCharge(long bytes) {
        long pages = checkAmount(bytes);
        if (pages == 0) {
            return true;
        }
        if (casAdd(pages)) {
            return true;
        }
        long reclaimed = reclaim(charged + pages - budget);
        if (casAdd(pages)) {
            return true;
        }
        failures++;
        DragonpoolEvents.budgetReached(name, budget, charged, pages, reclaimed);
        return false;
    }

    /**
     * Gives back bytes earlier charged; rounds up to pages exactly as {@link #tryCharge} did.
     *
     * @param bytes the bytes given back, {@code >= 0}
     * @throws IllegalArgumentException if negative, or more than is charged
     */
    public void uncharge(long bytes) {
        long pages = checkAmount(bytes);
        for (;;) {
            long c = charged;
            if (pages > c) {
                throw new IllegalArgumentException("arena '" + name + "': uncharge of " + bytes
                        + " bytes but only " + c + " are charged");
            }
            if (CHARGED.compareAndSet(this, c, c - pages)) {
                return;
            }
        }
    }

    private long checkAmount(long bytes) {
        if (bytes < 0 || bytes > MAX_BUDGET) {
            throw new IllegalArgumentException("arena '" + name + "': charge amount must be in [0, 2^48], got "
                    + bytes);
        }
        return roundUp(bytes);
    }

    private boolean casAdd(long pages) {
        for (;;) {
            long c = charged;
            long n = c + pages;
            if (n > budget) {
                return false;
            }
            if (CHARGED.compareAndSet(this, c, n)) {
                charges++;
                if (n > highWater) {
                    highWater = n;
                }
                return true;
            }
        }
    }

    /**
     * Asks the reclaimers for about {@code wanted} bytes; returns what they report given back.
     * Only one thread reclaims at a time; a concurrent caller returns 0 at once.
     */
    long reclaim(long wanted) {
        if (wanted <= 0 || reclaimers.isEmpty() || !reclaimLock.tryLock()) {
            return 0;
        }
        try {
            reclaims++;
            long got = 0;
            for (WeakReference<Reclaimer> ref : reclaimers) {
                Reclaimer r = ref.get();
                if (r == null) {
                    reclaimers.remove(ref);
                    continue;
                }
                if (got >= wanted) {
                    break;
                }
                long g = r.reclaim(wanted - got);
                if (g > 0) {
                    got += g;
                }
            }
            reclaimedBytes += got;
            return got;
        } finally {
            reclaimLock.unlock();
        }
    }

    /**
     * Registers a holder of charged memory to be asked for it back under pressure. The arena
     * holds it weakly: its owner keeps it alive.
     *
     * @param r the reclaimer (registered once even if added twice)
     */
    public void addReclaimer(Reclaimer r) {
        Objects.requireNonNull(r, "reclaimer");
        for (WeakReference<Reclaimer> ref : reclaimers) {
            if (ref.get() == r) {
                return;
            }
        }
        reclaimers.add(new WeakReference<>(r));
    }

    /**
     * Unregisters a reclaimer; unknown ones are ignored.
     *
     * @param r the reclaimer
     */
    public void removeReclaimer(Reclaimer r) {
        reclaimers.removeIf(ref -> ref.get() == r || ref.get() == null);
    }

    /**
     * Lowers the high-water mark to the bytes charged now. Racy like the other counters: a
     * charge made concurrently may raise it again at once, as it should.
     */
    public void resetHighWater() {
        highWater = charged;
    }

    /** @return an immutable snapshot of the budget and counters (counters approximate) */
    public ArenaStats stats() {
        return new ArenaStats(name, budget, charged, Math.max(highWater, charged), charges, failures, reclaims,
                reclaimedBytes, reclaimers.size());
    }

    @Override
    public String toString() {
        return "Arena[" + name + ", charged " + charged + " of " + budget + "]";
    }

    /**
     * A holder of charged memory that can give some back when the arena runs short. Called on
     * whatever thread needs the memory; must not block for long, must not call
     * {@link Arena#tryCharge}, and should skip (return 0) rather than wait for a busy lock.
     */
    @FunctionalInterface
    public interface Reclaimer {
        /**
         * Gives back idle memory, uncharging it from the arena before returning.
         *
         * @param bytesWanted about how many bytes the arena needs
         * @return the bytes given back (0 if none)
         */
        long reclaim(long bytesWanted);
    }
}
