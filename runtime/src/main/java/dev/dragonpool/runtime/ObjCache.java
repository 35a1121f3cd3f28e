package dev.dragonpool.runtime;

import dev.dragonpool.runtime.internal.Registries;
import dev.dragonpool.runtime.internal.Threads;
import dev.dragonpool.runtime.jfr.DragonpoolEvents;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A cache of constructed objects: per-thread magazines in front of a shared depot in front
 * of a backing allocator, after DragonFly's {@code kern_objcache.c} [2], itself after
 * Bonwick and Adams' magazine layer [1]. Objects keep their constructed state while cached;
 * the constructor runs when a new object is made, the destructor when one is dropped.
 *
 * <p><b>Concurrency:</b>
 * <ul>
 * <li>Platform threads each own a {@code Local}: a <em>loaded</em> and a <em>previous</em>
 *     magazine, reached through one {@link ThreadLocal}. {@link #get()} pops the loaded
 *     magazine and {@link #put} pushes it with plain reads and writes; the only shared read
 *     is the volatile {@code state} word (a plain load on x86). No atomic instruction, no
 *     lock, no allocation. A {@link Recyclable} object remembers in its slot the
 *     {@code Local} that handed it out, so a put on that same thread compares
 *     {@code Thread.currentThread()} with the owner and pushes without any thread-local
 *     lookup: one lookup per get+put cycle.</li>
 * <li>When both magazines are empty (get) or full (put), the thread exchanges one with the
 *     depot under the depot lock [1]. Two magazines make "two gets then two
 *     puts" in a loop never touch the depot.</li>
 * <li>A put on another thread than the one that took the object goes into the putting
 *     thread's own magazines; full magazines flow to the depot and from there to the
 *     threads that get. Magazines are handed over only under the depot lock, which orders
 *     every write to a magazine before its next owner's reads.</li>
 * <li>Virtual threads get no {@code Local} of their own (millions of them would each hold a
 *     magazine): their {@code ThreadLocal} yields one shared sentinel whose magazines have no
 *     slots, so they fall to a fixed set of stripes, each a {@code Local} guarded by a
 *     {@link ReentrantLock} ({@code tryLock} round-robin, then wait on the home stripe),
 *     sized from the processor count. Memory therefore stays bounded by the stripes and the
 *     depot, whatever the number of virtual threads.</li>
 * <li>Lock order: stripe, then depot, then the backing {@link MPipe}. Arena charges are
 *     made with no depot lock held; the arena's reclaim calls {@link #reclaimBytes} which
 *     only {@code tryLock}s the depot.</li>
 * <li>Stats: per-{@code Local} hit and miss counters are plain fields written by their
 *     owner and read racily by {@link #stats()}; depot counters are exact under the lock.
 *     Racy reads are approximate by design.</li>
 * </ul>
 *
 * <p><b>Memory layout:</b> a magazine is an {@code Object[]} plus a count; slots above the
 * count are nulled so a cache never retains objects the application keeps. The magazine
 * capacity is {@code nomCache / ((ncpu + 1) * 2)} clamped to {@code [1, 256]}, as the
 * kernel derives it [2]. Magazines need no padding: one writer at a time. A {@code Local}
 * is padded on both sides because stripes are allocated side by side and written by
 * different virtual threads (checked with JOL by {@code LocalLayoutTest}). The
 * hot-path fields ({@code local}, {@code state}) live in this object, which slow paths never
 * write except {@code state}; slow-path counters live in the {@link Depot}, a separate
 * object, so they never share a cache line with the hot-path reads.
 *
 * <p><b>Reclamation:</b>
 * <ul>
 * <li>Budget: every real magazine is charged to the {@link Arena} when it is made, for its
 *     full capacity times the object size ({@link ObjectSizer} or {@code objectSize}) plus
 *     its array, batched into whole pages. When the arena refuses, the thread keeps the
 *     slot-less magazine: further idle objects are dropped to the GC. Under pressure the
 *     arena asks every cache to free depot magazines. A cache never fails the application
 *     for lack of budget.</li>
 * <li>Slab refill: a get that finds the depot empty reserves a magazine's worth of objects
 *     against the cluster limit and constructs them at once, outside the lock.</li>
 * <li>Limit: at most {@code limit} objects exist (handed out or cached); beyond, the
 *     {@link LimitPolicy} decides. Objects made under {@code ALLOCATE} beyond the limit are
 *     dropped when they reach the depot while the count is over the limit.</li>
 * <li>A daemon ({@code ReclaimDaemon}) recovers the magazines of threads that ended into
 *     the depot (a thread's end happens-before {@code isAlive()} returning false), and frees
 *     half of the depot magazines that the working set did not touch during the last period,
 *     so a burst does not pin memory forever.</li>
 * <li>{@link #destroy()} marks the cache dead, then drops the depot, the stripes and the
 *     caller's magazines; other live threads drop theirs on their next call, which then throws
 *     and leaves no per-thread state behind. Magazine charges and stripe refills racing it
 *     undo themselves (see {@link #destroy()}).</li>
 * <li>Faults: every path that counts or charges before a call that may throw (a constructor,
 *     an allocation) undoes the count or the charge on {@link RuntimeException} <em>and</em>
 *     {@link Error}: an {@code Error} from a batch refill propagates after the objects already
 *     built are cached and the unused reservations given back.</li>
 * </ul>
 *
 * <p><b>Forgotten objects.</b> An object handed out by {@link #get()} and never given back
 * ({@link #put}) nor {@link #discard}ed counts as in use for the life of the cache, whether the
 * GC collected it or not: the cache holds no reference to objects it handed out and learns of
 * no collection (a weak reference per object would cost an allocation per object and reference
 * processing, which the hot path must not pay). Without a limit (the default) that costs only
 * the in-use figure of {@link #stats()}. With a limit, every forgotten object takes one unit of
 * it for good, and once {@code limit} objects are out a get that finds nothing cached does what
 * the {@link LimitPolicy} says: {@code ALLOCATE} constructs a plain object (pooling degrades,
 * the program never fails: the contract "forgetting costs pooling, never correctness"),
 * {@code BLOCK} waits for the timeout and then throws, {@code FAIL} throws at once; the
 * {@link PoolExhaustedException} says how many objects are out. Under {@code FAIL} or
 * {@code BLOCK}, a program that may forget objects must therefore release or discard every one,
 * or accept that the limit shrinks. {@link #destroy()} forgets the count with the cache.
 *
 * <p><b>Plain objects</b> (not {@link Recyclable}) carry no slot, so a put cannot tell an object
 * from {@link #get()} from one the cache never made, and such puts once corrupted the counts
 * (issue 10). They are counted with <em>lent counts</em>, exact where they are cheap and
 * reconciled where they are not:
 * <ul>
 * <li>Each {@code Local} (thread or stripe) counts the plain objects it handed out and not yet
 *     took back ({@code lent}, plain field, owner-written). A put through a {@code Local} whose
 *     count is positive pays one back on the hot path: same-thread get/put costs one increment
 *     and one decrement.</li>
 * <li>A {@code Local}'s count moves to the depot ({@code settle}) on its get misses, at its
 *     thread's end, and at {@link #destroy()}; there it first pays owed discards, then cancels
 *     provisional counts (below), and the rest is <em>spare</em>.</li>
 * <li>A put through a {@code Local} with nothing lent (the object was released on another
 *     thread, a virtual thread came back on another stripe, or it never came from {@code get})
 *     takes the depot lock: it takes a batch of spare; else, when other {@code Local}s hold more
 *     lent objects than earlier such puts claimed (read racily), it counts the object
 *     <em>provisionally</em>: it may be one of those, counted twice until their count settles
 *     and cancels it; else it was not handed out by this cache, and is <em>adopted</em> if the
 *     limit leaves room ({@link #adopt} is the documented way) or left to the GC,
 *     uncounted and not destructed.</li>
 * <li>So at every moment {@code live - cached} is the number of objects handed out that the
 *     counts can attribute to {@code get}, never negative, and conservation (created = in use +
 *     cached + destroyed) holds. Limits are checked against {@code live - provisional}, the
 *     objects known to exist; provisional counts are bounded by lent counts not yet settled
 *     (objects another thread took and has not reconciled, at most a magazine's worth per
 *     {@code Local} plus those it still holds). A thread that took plain objects and then
 *     never calls the cache again while alive keeps its count until it dies.</li>
 * <li>Price: a plain object released on another thread than the one that took it may cost a
 *     depot lock and a scan of the {@code Local}s; {@link Recyclable} objects never do.</li>
 * </ul>
 *
 * <p><b>Events:</b> JFR events ({@link DragonpoolEvents}) come from slow paths only, never from
 * the magazine hit: cluster limit reached (once per request, after the depot lock is released),
 * objects given back by {@link #reclaim()} (cause {@code reclaim}), by arena pressure
 * ({@code budget}) and by the daemon's trim ({@code trim}, only when it dropped something), and
 * a guard violation just before a double or foreign put throws. Unless a recording enables
 * them, each costs a {@code shouldCommit()} check.
 *
 * <p>Known gap, as in the kernel [2]: a waiter under {@code BLOCK} sees only objects that
 * reach the depot. While waiters exist, slow-path puts hand their magazine to the depot, but
 * objects idle in another thread's magazines stay invisible until that thread's next slow
 * path, its end, or the timeout.
 *
 * <p>References: [1] J. Bonwick, J. Adams, "Magazines and Vmem: Extending the Slab
 * Allocator to Many CPUs and Arbitrary Resources", USENIX 2001. [2] DragonFly BSD,
 * {@code sys/kern/kern_objcache.c}. Long form: {@code docs/runtime.md}.
 *
 * @param <T> the object type
 */
public final class ObjCache<T> {
    /** The largest cluster limit and nominal capacity accepted. */
    static final int MAX_LIMIT = 1 << 28;
    /** The largest explicit object size accepted: 1 GiB. */
    static final long MAX_OBJECT_SIZE = 1L << 30;
    static final int MAX_MAGAZINE = 256;
    static final int NCPU = Runtime.getRuntime().availableProcessors();
    /** Slot value of a {@link Recyclable} object while it is cached. */
    static final Object IN_POOL = new Object() {
        @Override
        public String toString() {
            return "IN_POOL";
        }
    };
    private static final int DEAD = 1;
    private static final int WAITERS = 2;
    private static final int CHARGE_BACKOFF = 64;
    private static final System.Logger LOG = System.getLogger(ObjCache.class.getName());

    private final String name;
    /**
     * {@link Builder#plainObjects()}: the objects never implement {@link Recyclable}, so the hot
     * paths skip the interface check. A check that fails is not cheap on the JDKs of this era:
     * the JIT's secondary-supers cache remembers only successful checks, so each failed one
     * scans the class's interfaces again (about 12 ns per get+put measured on JDK 17).
     */
    private final boolean plainObjects;
    private final Supplier<? extends T> constructor;
    private final Consumer<? super T> destructor;
    private final int limit;
    /** {@code limit} as stats report it: {@link ObjCacheStats#UNLIMITED} when none was set. */
    private final long statsLimit;
    private final LimitPolicy policy;
    /** The policy as JFR's exhaustion event names it ({@code allocate}, {@code block}, {@code fail}). */
    private final String outcome;
    private final long timeoutNanos;
    private final Arena arena;
    private final int magCapacity;
    private final int depotMax;
    private final MPipe<T> pipe;
    private final Local[] stripes;
    private final Local virtualLocal;
    private final LocalHolder local;
    final Depot depot;
    private final ArrayList<Local> locals = new ArrayList<>();
    private final Arena.Reclaimer reclaimer = this::reclaimBytes;

    /** {@code DEAD | WAITERS}; written under the depot lock, read on every operation. */
    private volatile int state;
    /** Bytes one magazine is charged for; {@code -1} until the object size is known. */
    private volatile long magazineBytes = -1;
    private final long explicitSize;
    /** Bytes per object charged (explicit or learned from the first object); 0 until known. For stats. */
    private volatile long objectSize;

    private ObjCache(Builder<T> b, boolean register) {
        this.name = b.name;
        this.plainObjects = b.plainObjects;
        this.depot = new Depot(b.name);
        this.constructor = b.constructor;
        this.destructor = b.destructor;
        this.limit = b.limit;
        this.statsLimit = b.limited ? b.limit : ObjCacheStats.UNLIMITED;
        this.policy = b.policy;
        this.outcome = b.policy.name().toLowerCase(Locale.ROOT);
        this.timeoutNanos = MPipe.saturatedNanos(b.timeout);
        this.arena = b.arena != null ? b.arena : Arena.global();
        int nom = b.capacity >= 0 ? b.capacity : 1024;
        this.magCapacity = nom == 0 ? 0 : Math.max(1, Math.min(MAX_MAGAZINE, nom / ((NCPU + 1) * 2)));
        this.depotMax = magCapacity == 0 ? 0 : Math.max(2, nom / magCapacity);
        this.explicitSize = b.objectSize;
        this.objectSize = Math.max(0, b.objectSize);
        if (magCapacity == 0) {
            magazineBytes = 0; // caches nothing: no magazine is ever made
        } else if (explicitSize > 0) {
            magazineBytes = magazineBytes(explicitSize);
        }
        this.pipe = b.reserve > 0
                ? MPipe.<T>builder(name + ".mpipe", b.constructor).reserve(b.reserve).onLimit(LimitPolicy.FAIL)
                        .destructor(this::destruct).unloadable(b.unloadable).build()
                : null;
        int n = Integer.highestOneBit(Math.max(2, NCPU) * 4 - 1); // next power of two >= 2 * ncpu
        this.stripes = new Local[n];
        for (int i = 0; i < n; i++) {
            stripes[i] = new Local(depot, null, new ReentrantLock());
        }
        this.virtualLocal = new Local(depot, null, null);
        this.local = new LocalHolder(this);
        if (register) {
            arena.addReclaimer(reclaimer); // held weakly by the arena; this.reclaimer keeps it
            if (b.unloadable) {
                Registries.OBJ_CACHES.registerWeakly(this);
            } else {
                Registries.OBJ_CACHES.register(this);
            }
            ReclaimDaemon.ensureStarted();
        }
    }

    /**
     * Starts building a cache.
     *
     * @param name a non-blank name shown in stats
     * @param constructor makes a new object on a miss; must not return {@code null}
     * @param <T> object type
     * @return a builder: capacity 1024, no limit, policy ALLOCATE, timeout 1 s, no reserve,
     *     the global arena, object size estimated
     * @throws IllegalArgumentException if the name is blank
     */
    public static <T> Builder<T> builder(String name, Supplier<? extends T> constructor) {
        return new Builder<>(name, constructor);
    }

    /** @return the cache's name */
    public String name() {
        return name;
    }

    /** Whether this cache keeps {@code o}'s slot: a {@link Recyclable}, unless the cache holds plain objects only. */
    private boolean recyclable(Object o) {
        return !plainObjects && o instanceof Recyclable;
    }

    /**
     * Takes an object: from the thread's magazines, else from the depot, else newly
     * constructed (a magazine's worth at once), else per the {@link LimitPolicy}.
     *
     * @return an object, constructed or recycled
     * @throws PoolExhaustedException at the limit under FAIL, or BLOCK after the timeout
     * @throws IllegalStateException if the cache was destroyed
     */
    @SuppressWarnings("unchecked")
    public T get() {
        Local l = local.current();
        Magazine m = l.loaded;
        int n = m.count - 1;
        if (n >= 0 && state == 0) {
            Object o = m.objs[n];
            m.objs[n] = null;
            m.count = n;
            l.hits++;
            if (recyclable(o)) {
                ((Recyclable) o).dragonpool$slot(l);
            } else {
                l.lent++;
            }
            return (T) o;
        }
        return getSlow(l);
    }

    /**
     * Gives an object back for reuse. On the thread that took a {@link Recyclable} object
     * this needs no thread-local lookup; on another thread the object goes into that
     * thread's magazines. Objects that do not implement {@link Recyclable} always pay a
     * second thread-local lookup here (measured at about 13 ns against 9 ns per get+put in
     * {@code docs/benchmarks.md}) and get no double-put detection: implement it in classes
     * pooled programmatically on a hot path (the agent does so for every {@code @Pooled} class).
     *
     * <p>Objects that did not come from {@link #get()} belong in {@link #adopt}. A put of one
     * still keeps the counts right: a new {@link Recyclable} (empty slot) is adopted, a plain
     * object that the counts cannot attribute to a {@code get} is adopted too (see "Plain
     * objects" above); either is left to the GC, uncounted, when the limit has no room.
     *
     * @param obj an object from {@link #get()}
     * @throws NullPointerException if {@code obj} is null
     * @throws IllegalStateException if the cache was destroyed, or a {@link Recyclable} object
     *     is already in a cache (double put)
     * @throws IllegalArgumentException if a {@link Recyclable} object belongs to another cache
     */
    public void put(T obj) {
        if (recyclable(obj)) {
            Recyclable r = (Recyclable) obj;
            Object s = r.dragonpool$slot();
            if (s instanceof Local) {
                Local l = (Local) s;
                if (l.owner == Thread.currentThread() && l.home == depot) {
                    Magazine m = l.loaded;
                    int n = m.count;
                    if (n < m.objs.length && state == 0) {
                        m.objs[n] = obj;
                        m.count = n + 1;
                        r.dragonpool$slot(IN_POOL);
                        return;
                    }
                    putSlow(obj, l);
                    return;
                }
            }
        } else if (obj != null) {
            Local l = local.current();
            Magazine m = l.loaded;
            int n = m.count;
            long lent = l.lent;
            if (n < m.objs.length && lent > 0 && state == 0) {
                m.objs[n] = obj;
                m.count = n + 1;
                l.lent = lent - 1;
                return;
            }
            putSlow(obj, l);
            return;
        }
        putSlow(obj, null);
    }

    /**
     * Puts an object this cache did not make (built by a plain {@code new}, by reflection, by
     * deserialization): when the cluster limit leaves room it is counted as created and then
     * put exactly as {@link #put} would; at the limit it is left to the garbage collector,
     * uncounted and without running the destructor (the cache never constructed it), and
     * {@code false} is returned whatever the {@link LimitPolicy}: adoption never blocks and
     * never throws for lack of room.
     *
     * @param obj a new object of the right type that this cache never handed out
     * @return {@code true} if the object was adopted, {@code false} if it was left to the GC
     * @throws NullPointerException if {@code obj} is null
     * @throws IllegalStateException if the cache was destroyed, or a {@link Recyclable} object
     *     is already cached
     * @throws IllegalArgumentException if a {@link Recyclable} object was handed out by this
     *     cache (put it back with {@link #put}) or belongs to another cache
     */
    public boolean adopt(T obj) {
        if (obj == null) {
            throw new NullPointerException("objcache '" + name + "': adopt of null; pass the object to adopt");
        }
        if ((state & DEAD) != 0) {
            throw deadPath(local.current());
        }
        if (recyclable(obj)) {
            Object s = ((Recyclable) obj).dragonpool$slot();
            if (s != null) {
                throw notAdoptable(obj, s);
            }
        }
        Local l = local.current();
        try {
            if (!adoptCounted()) {
                return false;
            }
            if (recyclable(obj)) {
                ((Recyclable) obj).dragonpool$slot(IN_POOL);
            }
            store(l, obj, false);
        } catch (IllegalStateException e) {
            throw diedMeanwhile(e, l);
        }
        return true;
    }

    private RuntimeException notAdoptable(Object obj, Object slot) {
        String type = obj.getClass().getName();
        if (slot == IN_POOL) {
            return new IllegalStateException("objcache '" + name + "': " + type
                    + " is already cached; adopt only objects no cache has seen");
        }
        if (slot instanceof Local && ((Local) slot).home == depot) {
            return new IllegalArgumentException("objcache '" + name + "': " + type
                    + " was handed out by this cache's get(); give it back with put, not adopt");
        }
        String owner = slot instanceof Local ? "objcache '" + ((Local) slot).home.name + "'" : String.valueOf(slot);
        return new IllegalArgumentException("objcache '" + name + "': " + type + " belongs to " + owner
                + "; put it into that cache");
    }

    /**
     * Forgets an object handed out by {@link #get()} that will never come back, typically
     * because its constructor body threw and the half-built instance must not be reused. It
     * stops counting against the cluster limit at once: {@code created} stays, {@code destroyed}
     * grows by one, and a waiter under {@link LimitPolicy#BLOCK} is woken. The destructor is
     * <em>not</em> run: it is written for objects in the state the constructor leaves, which a
     * failed construction did not reach, and the object may still be reachable from the
     * exception that is propagating. A {@link Recyclable} object's slot is cleared, so putting
     * it later adopts it like a new object. A destroyed cache still counts the object out and
     * does not throw, so that this call never hides the exception being handled. A plain object
     * (see "Plain objects" above) pays back a lent count: the caller's, else the depot's spare,
     * else one still held by another thread (owed until it settles); when the counts show no
     * plain object handed out at all, nothing is counted and nothing is thrown.
     *
     * <p>Cost: one depot lock; a plain object discarded by a virtual thread also takes a stripe.
     *
     * @param obj an object from {@link #get()} that was not put back
     * @throws NullPointerException if {@code obj} is null
     * @throws IllegalStateException if a {@link Recyclable} object is cached (it was put back)
     * @throws IllegalArgumentException if a {@link Recyclable} object was not handed out by
     *     this cache
     */
    public void discard(T obj) {
        if (obj == null) {
            throw new NullPointerException("objcache '" + name + "': discard of null; pass the object get() returned");
        }
        if (recyclable(obj)) {
            Recyclable r = (Recyclable) obj;
            Object s = r.dragonpool$slot();
            if (s == IN_POOL) {
                throw new IllegalStateException("objcache '" + name + "': " + obj.getClass().getName()
                        + " is cached (it was put back); discard only objects from get() that were not put back");
            }
            if (!(s instanceof Local) || ((Local) s).home != depot) {
                throw new IllegalArgumentException("objcache '" + name + "': " + obj.getClass().getName()
                        + " was not handed out by this cache; discard only objects from its get()");
            }
            r.dragonpool$slot(null);
            forget(null, obj);
            return;
        }
        Local l = local.current();
        if (l.owner != null || (state & DEAD) != 0) {
            forget(l.owner == Thread.currentThread() ? l : null, obj);
            return;
        }
        Local s = lockStripe();
        try {
            forget(s, obj);
        } finally {
            s.lock.unlock();
        }
    }

    /**
     * Counts out an object that will never come back. For a plain object, {@code l} is the
     * caller's own {@code Local} or a locked stripe whose lent count pays for it first; else
     * the depot's spare count; else a lent count elsewhere (another thread's, not settled yet)
     * is claimed as owed; with none anywhere the call is refused.
     */
    private void forget(Local l, Object obj) {
        boolean plain = !recyclable(obj);
        boolean dead = (state & DEAD) != 0;
        Depot d = depot;
        d.lock.lock();
        try {
            if (plain) {
                if (l != null && l.lent > 0) {
                    l.lent--;
                } else if (d.spare > 0) {
                    d.spare--;
                } else {
                    long claimed = d.owed + d.provisional;
                    if (dead || d.live <= 0 || lentElsewhere(l, claimed) <= claimed) {
                        return; // counted as handed out nowhere (never from get(), or its count went to a foreign put)
                    }
                    d.owed++;
                }
            }
            if (d.live <= 0) {
                return; // nothing left to count out (a destroyed cache): never hide the exception being handled
            }
            d.countDestroyed(1);
            d.available.signal();
        } finally {
            d.lock.unlock();
        }
    }

    // ---------------------------------------------------------------- get slow paths

    private T getSlow(Local l) {
        if ((state & DEAD) != 0) {
            throw deadPath(l);
        }
        long deadline = 0;
        try {
            for (boolean retry = false; ; retry = true) {
                Object o;
                if (l.owner == null) {
                    Local s = lockStripe();
                    try {
                        o = acquire(s, retry);
                    } finally {
                        s.lock.unlock();
                    }
                } else {
                    o = acquire(l, retry);
                }
                if (o != null) {
                    return castOut(o);
                }
                if (deadline == 0) {
                    deadline = System.nanoTime() + timeoutNanos;
                }
                awaitAvailable(deadline);
            }
        } catch (IllegalStateException e) {
            throw diedMeanwhile(e, l);
        }
    }

    /**
     * A slow path threw, possibly because {@link #destroy()} ran meanwhile: the caller then
     * drops its own magazines now, as {@link #deadPath} does, since it may never call again.
     */
    private IllegalStateException diedMeanwhile(IllegalStateException e, Local l) {
        if ((state & DEAD) != 0 && l != null && l.owner == Thread.currentThread()) {
            deadPath(l);
        }
        return e;
    }

    @SuppressWarnings("unchecked")
    private T castOut(Object o) {
        return (T) o;
    }

    /**
     * The magazine-layer miss, run by the owner of {@code l} (or with the stripe locked).
     * Returns an object, or {@code null} when the caller must wait (BLOCK at the limit).
     * A {@code retry} after waiting was already counted as a miss.
     */
    private Object acquire(Local l, boolean retry) {
        Magazine m = l.loaded;
        if (m.count > 0) {
            l.hits += retry ? 0 : 1;
            return handOut(l, m.pop());
        }
        Magazine p = l.previous;
        if (p.count > 0) {
            l.previous = l.loaded;
            l.loaded = p;
            l.hits += retry ? 0 : 1;
            return handOut(l, p.pop());
        }
        l.misses += retry ? 0 : 1;
        if ((l.loaded == Magazine.ZERO || l.previous == Magazine.ZERO) && magazineBytes > 0) {
            upgrade(l);
        }
        Depot d = depot;
        int k;
        boolean atLimit = false;
        long out = 0;
        d.lock.lock();
        try {
            checkLive();
            settle(d, l);
            Magazine f = d.popFull();
            if (f != null) {
                d.exchanges++;
                if (l.loaded == Magazine.ZERO) {
                    l.loaded = f; // keep a real (empty) previous rather than give it away
                } else {
                    if (l.previous != Magazine.ZERO) {
                        d.pushEmpty(l.previous);
                    }
                    l.previous = l.loaded;
                    l.loaded = f;
                }
                assert d.isValid() : d.problem();
                return handOut(l, f.pop());
            }
            long room = limit - (d.live - d.provisional);
            if (room > 0) {
                k = (int) Math.min(room, Math.max(1, l.loaded.capacity() - l.loaded.count + 1));
                reserve(d, k);
            } else {
                k = 0;
                atLimit = true;
                d.exhausted++;
                if (policy == LimitPolicy.ALLOCATE) {
                    reserve(d, 1);
                } else if (policy == LimitPolicy.FAIL) {
                    d.failed++;
                    out = outLocked();
                }
            }
        } finally {
            d.lock.unlock();
        }
        if (atLimit) {
            boolean wait;
            try {
                wait = limitReached(retry, out);
            } catch (RuntimeException | Error e) {
                unreserve(policy == LimitPolicy.ALLOCATE ? 1 : 0); // the plain object reserved above
                throw e;
            }
            if (wait) {
                return null;
            }
        }
        return refill(l, Math.max(k, 1));
    }

    /**
     * The cluster limit was reached (counted under the depot lock, now released): reports it to
     * JFR once per request, then applies the policy. Returns {@code true} when the caller must
     * wait (BLOCK), {@code false} to allocate plainly (ALLOCATE, one object already reserved).
     */
    private boolean limitReached(boolean retry, long out) {
        if (!retry) {
            DragonpoolEvents.exhausted("objcache", name, limit, outcome);
        }
        if (policy == LimitPolicy.FAIL) {
            throw new PoolExhaustedException(exhaustedMessage(" (policy FAIL)", out));
        }
        return policy == LimitPolicy.BLOCK;
    }

    /**
     * The message of a {@link PoolExhaustedException} at the limit: how many instances are out
     * and what to do. {@code how} says the policy (and the wait).
     */
    private String exhaustedMessage(String how, long out) {
        return "objcache '" + name + "' exhausted: cluster limit " + limit + " reached" + how + ": " + out
                + (out == 1 ? " instance was" : " instances were") + " handed out and never released, and they"
                + " count against the limit until released, even after the GC collected them; release every"
                + " instance (Pooling.release, a @Release method or ObjCache.put), raise the limit, or choose"
                + " LimitPolicy.ALLOCATE; with the agent, leaks=sample reports where they were acquired";
    }

    /**
     * Objects known to exist that are handed out now: {@code live - provisional} minus the
     * cached ones, the magazines of running threads read racily. Depot lock held.
     */
    private long outLocked() {
        Depot d = depot;
        long cached = d.objects;
        for (int i = 0, n = locals.size(); i < n; i++) {
            Local l = locals.get(i);
            cached += l.loaded.count + l.previous.count;
        }
        for (Local s : stripes) {
            cached += s.loaded.count + s.previous.count;
        }
        return Math.max(0, d.live - d.provisional - cached);
    }

    private void reserve(Depot d, int k) {
        d.live += k;
        d.created += k;
        long exist = d.live - d.provisional;
        if (exist > d.highWater) {
            d.highWater = exist;
        }
    }

    private void unreserve(int k) {
        if (k <= 0) {
            return;
        }
        depot.lock.lock();
        try {
            depot.live -= k;
            depot.created -= k;
            depot.clampProvisional();
            depot.available.signal();
        } finally {
            depot.lock.unlock();
        }
    }

    /**
     * Slab refill: constructs {@code k} reserved objects, returns one, caches the rest. Every
     * way out gives back the reservations it did not use: a {@link RuntimeException} from a
     * batch object is logged and the objects built so far are kept; an {@link Error} (assertion,
     * stack overflow, out of memory) keeps them too, caches the first object as well when the
     * magazine has room (else drops it, counted), and propagates.
     */
    private Object refill(Local l, int k) {
        Object first;
        try {
            first = create();
        } catch (RuntimeException | Error e) {
            unreserve(k);
            throw e;
        }
        Magazine m = l.loaded;
        int built = 1;
        try {
            if (objectSize == 0) {
                learnSize(first); // once: objectSize is known from then on (and sized magazines with it)
            }
            while (built < k && m.count < m.capacity()) {
                Object o = create();
                if (recyclable(o)) {
                    ((Recyclable) o).dragonpool$slot(IN_POOL);
                }
                m.push(o);
                built++;
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "objcache ''{0}'': constructor failed during a batch refill;"
                    + " kept {1} of {2} objects", name, built, k, e);
        } catch (Error e) {
            unreserve(k - built);
            if (m.count < m.capacity()) {
                if (recyclable(first)) {
                    ((Recyclable) first).dragonpool$slot(IN_POOL);
                }
                m.push(first);
            } else {
                ArrayList<Object> drop = new ArrayList<>(1);
                drop.add(first);
                dropAll(drop);
            }
            throw e;
        }
        unreserve(k - built);
        assert m.isValid();
        return handOut(l, first);
    }

    private Object handOut(Local l, Object o) {
        if (recyclable(o)) {
            ((Recyclable) o).dragonpool$slot(l);
        } else {
            l.lent++;
        }
        return o;
    }

    private Object create() {
        Object o = pipe != null ? pipe.get() : constructor.get();
        if (o == null) {
            throw new NullPointerException("objcache '" + name + "': constructor returned null; the constructor"
                    + " given to ObjCache.builder must return a new object");
        }
        return o;
    }

    /** Waits under BLOCK until a magazine or room appears; throws at the deadline. */
    private void awaitAvailable(long deadline) {
        Depot d = depot;
        d.lock.lock();
        try {
            d.waiters++;
            state |= WAITERS;
            try {
                while (d.nfull == 0 && d.live - d.provisional >= limit && (state & DEAD) == 0) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        d.failed++;
                        throw new PoolExhaustedException(exhaustedMessage(", nothing came back within "
                                + Duration.ofNanos(timeoutNanos) + " (policy BLOCK)", outLocked()));
                    }
                    try {
                        d.available.awaitNanos(left);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        d.failed++;
                        throw new PoolExhaustedException("objcache '" + name
                                + "': interrupted while waiting at cluster limit " + limit
                                + " (the thread's interrupt status is set again); retry, or raise the limit");
                    }
                }
                checkLive();
            } finally {
                if (--d.waiters == 0) {
                    state &= ~WAITERS;
                }
            }
        } finally {
            d.lock.unlock();
        }
    }

    // ---------------------------------------------------------------- put slow paths

    private void putSlow(T obj, Local l) {
        if (obj == null) {
            throw new NullPointerException("objcache '" + name + "': put of null; put the object get() returned");
        }
        if ((state & DEAD) != 0) {
            throw deadPath(l != null ? l : local.current());
        }
        boolean plain = true;
        if (recyclable(obj)) {
            plain = false;
            Recyclable r = (Recyclable) obj;
            Object s = r.dragonpool$slot();
            if (s == IN_POOL) {
                DragonpoolEvents.guardViolation(obj.getClass().getName(), "double-release", null);
                throw new IllegalStateException("objcache '" + name + "': " + obj.getClass().getName()
                        + " put twice (it is already cached); put each object once per get()");
            }
            if (s instanceof Local && ((Local) s).home != depot) {
                DragonpoolEvents.guardViolation(obj.getClass().getName(), "foreign-release", null);
                throw new IllegalArgumentException("objcache '" + name + "': " + obj.getClass().getName()
                        + " belongs to objcache '" + ((Local) s).home.name + "'; put it into that cache");
            }
        }
        if (l == null) {
            l = local.current();
        }
        try {
            if (!plain) {
                Recyclable r = (Recyclable) obj;
                if (r.dragonpool$slot() == null && !adoptCounted()) {
                    return; // a new object at the limit: left to the GC, as adopt() would
                }
                r.dragonpool$slot(IN_POOL);
            }
            store(l, obj, plain);
        } catch (IllegalStateException e) {
            throw diedMeanwhile(e, l);
        }
    }

    /**
     * Puts a counted object into the magazines of {@code l} (the caller's own {@code Local}), or
     * of a stripe for a virtual thread. A plain object ({@code lentBack}) first pays its lent
     * count back ({@link #takeLent}), which may leave it to the GC. A stripe found dead after
     * locking it may already be drained by {@link #destroy()}: the object is dropped here.
     */
    private void store(Local l, Object obj, boolean lentBack) {
        if (l.owner != null) {
            if (!lentBack || takeLent(l)) {
                release(l, obj);
            }
            return;
        }
        boolean late = false;
        Local s = lockStripe();
        try {
            if ((state & DEAD) != 0) {
                late = true;
                if (lentBack && s.lent > 0) {
                    s.lent--;
                }
            } else if (!lentBack || takeLent(s)) {
                release(s, obj);
            }
        } finally {
            s.lock.unlock();
        }
        if (late) {
            ArrayList<Object> drop = new ArrayList<>(1);
            drop.add(obj);
            dropAll(drop);
        }
    }

    /** Counts a new object in if the limit allows; for {@link #adopt} and new {@link Recyclable}s. */
    private boolean adoptCounted() {
        Depot d = depot;
        d.lock.lock();
        try {
            checkLive();
            if (d.live - d.provisional >= limit) {
                return false;
            }
            reserve(d, 1);
            return true;
        } finally {
            d.lock.unlock();
        }
    }

    /**
     * A plain object comes back through {@code l} (its owner, or the stripe locked): pays one of
     * {@code l}'s lent count, else {@link #unlentPut}. Returns {@code false} when the object is
     * to be left to the GC.
     */
    private boolean takeLent(Local l) {
        long lent = l.lent;
        if (lent > 0) {
            l.lent = lent - 1;
            return true;
        }
        return unlentPut(l);
    }

    /**
     * A plain object comes back through a {@code Local} that lent none: it was taken through
     * another {@code Local} (released on another thread, or a virtual thread on another stripe),
     * or it never came from {@link #get()}. In order: take a batch of the depot's spare count;
     * else, while other {@code Local}s hold more lent objects than earlier such puts claimed,
     * count it <em>provisionally</em> (it may be one of theirs: {@link #settle} cancels it when
     * their count reaches the depot); else adopt it if the limit leaves room; else refuse it.
     */
    private boolean unlentPut(Local l) {
        Depot d = depot;
        d.lock.lock();
        try {
            checkLive();
            if (d.spare > 0) {
                long take = Math.min(d.spare, Math.max(1, magCapacity));
                d.spare -= take;
                l.lent += take - 1;
                return true;
            }
            long claimed = d.provisional + d.owed;
            if (lentElsewhere(l, claimed) > claimed) {
                d.provisional++;
                reserve(d, 1);
                return true;
            }
            if (d.live - d.provisional < limit) {
                reserve(d, 1);
                return true;
            }
            return false;
        } finally {
            d.lock.unlock();
        }
    }

    /**
     * Sum of the lent counts of every {@code Local} but {@code l}, read racily (each is written
     * by its owner or its stripe's lock holder; a thread that passed an object on did its
     * increment before, so the receiver sees it), stopping once above {@code enough}. Depot
     * lock held.
     */
    private long lentElsewhere(Local l, long enough) {
        long sum = 0;
        for (int i = 0, n = locals.size(); i < n && sum <= enough; i++) {
            Local o = locals.get(i);
            if (o != l) {
                sum += o.lent;
            }
        }
        for (int i = 0; i < stripes.length && sum <= enough; i++) {
            if (stripes[i] != l) {
                sum += stripes[i].lent;
            }
        }
        return sum;
    }

    /**
     * Moves {@code l}'s lent count to the depot (its owner or stripe holder, or a dead owner's
     * recovery, with the depot lock held): it pays owed discards first, then cancels provisional
     * counts (each was an object also counted here), and the rest becomes spare.
     */
    private void settle(Depot d, Local l) {
        long t = l.lent;
        if (t <= 0) {
            return;
        }
        l.lent = 0;
        long paid = Math.min(t, d.owed);
        d.owed -= paid;
        t -= paid;
        long cancel = Math.min(t, d.provisional);
        if (cancel > 0) {
            d.provisional -= cancel;
            d.live -= cancel;
            d.created -= cancel;
            t -= cancel;
            d.available.signalAll();
        }
        d.spare += t;
    }

    /** The magazine-layer put, run by the owner of {@code l} (or with the stripe locked). */
    private void release(Local l, Object obj) {
        boolean waiters = (state & WAITERS) != 0;
        Magazine m = l.loaded;
        if (!m.isFull()) {
            m.push(obj);
            if (waiters) {
                handToWaiters(l);
            }
            return;
        }
        Magazine p = l.previous;
        if (!p.isFull()) {
            l.previous = m;
            l.loaded = p;
            p.push(obj);
            if (waiters) {
                handToWaiters(l);
            }
            return;
        }
        if ((m == Magazine.ZERO || p == Magazine.ZERO) && magazineBytes != 0) {
            if (magazineBytes < 0) {
                learnSize(obj);
            }
            if (upgrade(l)) {
                release(l, obj);
                return;
            }
        }
        Magazine e = null;
        Depot d = depot;
        d.lock.lock();
        try {
            if (d.live - d.provisional <= limit) {
                e = d.popEmpty();
            }
        } finally {
            d.lock.unlock();
        }
        if (e == null) {
            e = newMagazine();
        }
        d.lock.lock();
        try {
            boolean dead = (state & DEAD) != 0;
            if (e == null || d.live - d.provisional > limit || dead) {
                if (e != null && !dead) {
                    d.pushEmpty(e); // a dead depot keeps nothing: destroy() uncharged its magazines
                }
                d.countDestroyed(1);
                d.available.signal();
            } else {
                d.exchanges++;
                if (p != Magazine.ZERO) {
                    d.pushFull(p);
                }
                l.previous = l.loaded;
                l.loaded = e;
                e.push(obj);
                obj = null;
            }
            assert d.isValid() : d.problem();
        } finally {
            d.lock.unlock();
        }
        if (obj != null) {
            drop(obj);
        }
    }

    /** With waiters present, moves the caller's non-empty loaded magazine to the depot. */
    private void handToWaiters(Local l) {
        Depot d = depot;
        d.lock.lock();
        try {
            Magazine m = l.loaded;
            if (m.count == 0 || d.waiters == 0 || (state & DEAD) != 0) {
                return; // a dead depot takes nothing: the magazine is dropped with its Local or stripe
            }
            Magazine e = d.popEmpty();
            d.exchanges++;
            d.pushFull(m);
            l.loaded = e != null ? e : Magazine.ZERO;
            d.available.signalAll();
        } finally {
            d.lock.unlock();
        }
    }

    // ---------------------------------------------------------------- magazines and budget

    private long magazineBytes(long objectSize) {
        return 16 + 4L * magCapacity + 24 + objectSize * magCapacity;
    }

    private void learnSize(Object sample) {
        long sz = explicitSize > 0 ? explicitSize : ObjectSizer.sizeOf(sample);
        magazineBytes = magCapacity == 0 ? 0 : magazineBytes(sz);
        objectSize = sz; // after magazineBytes: a thread that sees the size known sees the magazine size too
    }

    /**
     * Gives a {@code Local} real magazines in place of {@link Magazine#ZERO}, from the depot's
     * empties or newly charged; backs off after the arena refuses.
     */
    private boolean upgrade(Local l) {
        if (magCapacity == 0 || l.backoff > 0 && --l.backoff > 0) {
            return false;
        }
        boolean any = false;
        while (l.loaded == Magazine.ZERO || l.previous == Magazine.ZERO) {
            Magazine e;
            depot.lock.lock();
            try {
                e = depot.popEmpty();
            } finally {
                depot.lock.unlock();
            }
            if (e == null) {
                e = newMagazine();
            }
            if (e == null) {
                l.backoff = CHARGE_BACKOFF;
                return any;
            }
            if (l.loaded == Magazine.ZERO) {
                l.loaded = e;
            } else {
                l.previous = e;
            }
            any = true;
        }
        return any;
    }

    /**
     * A new empty magazine charged to the arena, or {@code null} when the arena refuses or
     * the cache already has its most magazines: two per platform thread and stripe, plus
     * {@code depotMax} in the depot. That bound, times the capacity, bounds the idle objects.
     */
    private Magazine newMagazine() {
        long bytes = magazineBytes;
        if (bytes <= 0 || magCapacity == 0 || (state & DEAD) != 0) {
            return null;
        }
        Depot d = depot;
        d.lock.lock();
        try {
            if (d.magazines >= 2 * (locals.size() + stripes.length) + depotMax) {
                return null;
            }
            d.magazines++;
        } finally {
            d.lock.unlock();
        }
        Magazine m = null;
        try {
            if (charge(bytes)) {
                try {
                    m = new Magazine(magCapacity);
                } catch (OutOfMemoryError e) {
                    d.lock.lock();
                    try {
                        forgetMagazines(1, true); // counts it out and uncharges its pages again
                        d.magazines++; // the finally below counts it out once
                    } finally {
                        d.lock.unlock();
                    }
                    throw e;
                }
            }
            return m;
        } finally {
            if (m == null) {
                d.lock.lock();
                try {
                    d.magazines--;
                } finally {
                    d.lock.unlock();
                }
            }
        }
    }

    /**
     * Accounts one magazine's bytes, charging the arena for the missing whole pages. Loops
     * because a reclaim triggered by our own charge may lower {@code reservedBytes} meanwhile.
     */
    private boolean charge(long bytes) {
        Depot d = depot;
        for (;;) {
            long need;
            d.lock.lock();
            try {
                if ((state & DEAD) != 0) {
                    return false;
                }
                if (d.usedBytes + bytes <= d.reservedBytes) {
                    d.usedBytes += bytes;
                    return true;
                }
                need = Arena.roundUp(d.usedBytes + bytes - d.reservedBytes);
            } finally {
                d.lock.unlock();
            }
            if (!arena.tryCharge(need)) {
                return false;
            }
            d.lock.lock();
            try {
                if ((state & DEAD) != 0) {
                    // destroy() zeroed and uncharged reservedBytes meanwhile: these pages are not its to give back
                    need = -need;
                } else {
                    d.reservedBytes += need;
                }
            } finally {
                d.lock.unlock();
            }
            if (need < 0) {
                arena.uncharge(-need);
                return false;
            }
        }
    }

    /**
     * Forgets {@code count} magazines; uncharges whole pages no longer needed (keeping one
     * page of slack unless {@code tight}). Call with the depot lock held. Returns bytes uncharged.
     */
    private long forgetMagazines(int count, boolean tight) {
        Depot d = depot;
        assert d.lock.isHeldByCurrentThread();
        if (count == 0 || (state & DEAD) != 0) {
            return 0;
        }
        d.magazines -= count;
        d.usedBytes -= count * magazineBytes;
        long spare = d.reservedBytes - d.usedBytes - (tight ? 0 : Arena.PAGE_SIZE);
        long give = spare > 0 ? spare & -Arena.PAGE_SIZE : 0;
        if (give > 0) {
            d.reservedBytes -= give;
            arena.uncharge(give);
        }
        return give;
    }

    // ---------------------------------------------------------------- stripes (virtual threads)

    private Local lockStripe() {
        Local[] s = stripes;
        int mask = s.length - 1;
        @SuppressWarnings("deprecation")
        long id = Thread.currentThread().getId();
        int h = (int) (id * 0x9E3779B97F4A7C15L >>> 32);
        for (int i = 0; i <= mask; i++) {
            Local l = s[(h + i) & mask];
            if (l.lock.tryLock()) {
                return l;
            }
        }
        Local l = s[h & mask];
        l.lock.lock();
        return l;
    }

    // ---------------------------------------------------------------- destroy, death, reclaim

    private void checkLive() {
        if ((state & DEAD) != 0) {
            throw destroyedException();
        }
    }

    private IllegalStateException destroyedException() {
        return new IllegalStateException("objcache '" + name + "' is destroyed; build a new cache to pool again");
    }

    /**
     * The caller found the cache destroyed: drops its own magazines, settles its lent count,
     * leaves the list of {@code Local}s and points its {@code ThreadLocal} entry at the shared
     * slot-less sentinel (so that later calls create nothing), and returns the exception to throw.
     */
    private IllegalStateException deadPath(Local l) {
        if (l != null && l.owner == Thread.currentThread()) {
            ArrayList<Object> drop = new ArrayList<>();
            drain(l.loaded, drop);
            drain(l.previous, drop);
            l.loaded = Magazine.ZERO;
            l.previous = Magazine.ZERO;
            depot.lock.lock();
            try {
                settle(depot, l);
                locals.remove(l);
            } finally {
                depot.lock.unlock();
            }
            local.forget(l);
            local.set(new WeakReference<>(virtualLocal)); // virtualLocal is held by this cache
            dropAll(drop);
        }
        return destroyedException();
    }

    private static void drain(Magazine m, ArrayList<Object> into) {
        while (m.count > 0) {
            into.add(m.pop());
        }
    }

    private void dropAll(ArrayList<Object> objs) {
        if (objs.isEmpty()) {
            return;
        }
        depot.lock.lock();
        try {
            depot.countDestroyed(objs.size());
            depot.available.signalAll();
        } finally {
            depot.lock.unlock();
        }
        Error first = null;
        for (Object o : objs) {
            try {
                drop(o);
            } catch (Error e) { // every object was counted out: destruct the others before it propagates
                if (first == null) {
                    first = e;
                } else if (first != e) {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /**
     * Hands a dropped object to the backing: the MPIPE's reserve, else the destructor. A
     * {@link Recyclable} keeps its in-pool slot, so putting a dropped object again is still
     * caught as a double put.
     */
    @SuppressWarnings("unchecked")
    private void drop(Object o) {
        if (pipe != null && pipe.putIfOut((T) o)) {
            return;
        }
        destruct((T) o);
    }

    private void destruct(T o) {
        if (destructor != null) {
            try {
                destructor.accept(o);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "objcache ''{0}'': destructor threw; object dropped", name, e);
            }
        }
    }

    /**
     * Destroys the cache: drops the depot, the stripes and the calling thread's magazines
     * (destructor run on each), gives its budget back and unregisters it. Later calls on
     * any thread throw {@link IllegalStateException}; a thread that still holds magazines
     * drops them on that call. Objects still handed out are simply collected by the GC.
     *
     * <p>Order: the cache is marked dead under the depot lock first, and only then is each
     * stripe drained under its lock. A virtual thread that refills a stripe does so holding the
     * stripe's lock, so it either finishes before that stripe is drained, or finds the mark when
     * it locks the stripe and drops what it would have cached (see {@code store}); no object
     * can be left in a stripe after this returns. Magazine charges racing this call give their
     * pages back themselves ({@code charge}).
     */
    public void destroy() {
        ArrayList<Object> drop = new ArrayList<>();
        Depot d = depot;
        long give;
        d.lock.lock();
        try {
            if ((state & DEAD) != 0) {
                return;
            }
            state = DEAD;
            Thread me = Thread.currentThread();
            for (Local l : locals) {
                if (l.owner == me || !l.owner.isAlive()) {
                    drain(l.loaded, drop);
                    drain(l.previous, drop);
                    l.loaded = Magazine.ZERO;
                    l.previous = Magazine.ZERO;
                    settle(d, l);
                }
            }
            for (Magazine m; (m = d.popFull()) != null; ) {
                drain(m, drop);
            }
            while (d.popEmpty() != null) {
                d.magazines--;
            }
            give = d.reservedBytes;
            d.reservedBytes = 0;
            d.usedBytes = 0;
            d.available.signalAll();
        } finally {
            d.lock.unlock();
        }
        for (Local s : stripes) {
            s.lock.lock();
            try {
                drain(s.loaded, drop);
                drain(s.previous, drop);
                s.loaded = Magazine.ZERO;
                s.previous = Magazine.ZERO;
                d.lock.lock();
                try {
                    settle(d, s);
                } finally {
                    d.lock.unlock();
                }
            } finally {
                s.lock.unlock();
            }
        }
        if (give > 0) {
            arena.uncharge(give);
        }
        arena.removeReclaimer(reclaimer);
        Registries.OBJ_CACHES.unregister(this);
        try {
            dropAll(drop);
        } finally {
            if (pipe != null) {
                pipe.destroy();
            }
        }
    }

    /**
     * Gives idle memory back now: recovers the magazines of threads that ended, then drops
     * every magazine in the depot (destructor run on each object) and uncharges it.
     *
     * @return the number of objects dropped
     */
    public long reclaim() {
        long start = System.nanoTime();
        ArrayList<Object> drop = new ArrayList<>();
        long bytes;
        depot.lock.lock();
        try {
            if ((state & DEAD) != 0) {
                return 0;
            }
            recoverDeadLocals();
            bytes = takeDepot(Integer.MAX_VALUE, Integer.MAX_VALUE, drop, true);
        } finally {
            depot.lock.unlock();
        }
        dropAll(drop);
        DragonpoolEvents.reclaimed("objcache", name, "reclaim", drop.size(), bytes, start);
        return drop.size();
    }

    /** Arena pressure: frees depot magazines until about {@code wanted} bytes are uncharged. */
    long reclaimBytes(long wanted) {
        long start = System.nanoTime();
        ArrayList<Object> drop = new ArrayList<>();
        long got = 0;
        if (!depot.lock.tryLock()) {
            return 0;
        }
        try {
            if ((state & DEAD) != 0) {
                return 0;
            }
            while (got < wanted && (depot.nfull > 0 || depot.nempty > 0)) {
                got += takeDepot(1, 1, drop, true);
            }
        } finally {
            depot.lock.unlock();
        }
        dropAll(drop);
        if (got > 0 || !drop.isEmpty()) {
            DragonpoolEvents.reclaimed("objcache", name, "budget", drop.size(), got, start);
        }
        return got;
    }

    /**
     * Periodic maintenance by the reclaim daemon: recover dead threads' magazines, then free
     * half of the depot magazines the working set did not touch since the last call.
     */
    void maintain() {
        long start = System.nanoTime();
        ArrayList<Object> drop = new ArrayList<>();
        long bytes;
        Depot d = depot;
        d.lock.lock();
        try {
            if ((state & DEAD) != 0) {
                return;
            }
            recoverDeadLocals();
            // Magazines beyond the bound (a dead thread's pair now sits in the depot) go first,
            // empty ones before full ones; then half of what the working set left untouched.
            int excess = Math.max(0, d.magazines - (2 * (locals.size() + stripes.length) + depotMax));
            int excessEmpty = Math.min(excess, d.nempty);
            int dropEmpty = Math.max((d.minEmpty + 1) / 2, excessEmpty);
            int dropFull = Math.max((d.minFull + 1) / 2, excess - excessEmpty);
            bytes = takeDepot(dropFull, dropEmpty, drop, false);
            d.resetMarks();
            assert d.isValid() : d.problem();
        } finally {
            d.lock.unlock();
        }
        dropAll(drop);
        if (!drop.isEmpty() || bytes > 0) {
            DragonpoolEvents.reclaimed("objcache", name, "trim", drop.size(), bytes, start);
        }
    }

    /** Takes up to the given numbers of full and empty magazines out of the depot; returns bytes uncharged. */
    private long takeDepot(int fullCount, int emptyCount, ArrayList<Object> drop, boolean tight) {
        Depot d = depot;
        int forgotten = 0;
        for (int i = 0; i < fullCount; i++) {
            Magazine m = d.popFull();
            if (m == null) {
                break;
            }
            drain(m, drop);
            forgotten++;
        }
        for (int i = 0; i < emptyCount; i++) {
            if (d.popEmpty() == null) {
                break;
            }
            forgotten++;
        }
        return forgetMagazines(forgotten, tight);
    }

    /** Moves the magazines of {@code Local}s whose thread ended into the depot. Depot lock held. */
    private void recoverDeadLocals() {
        Depot d = depot;
        for (int i = locals.size() - 1; i >= 0; i--) {
            Local l = locals.get(i);
            if (l.owner.isAlive()) {
                continue;
            }
            // The owner's termination happens-before isAlive() returned false: its magazines are ours.
            locals.remove(i);
            for (Magazine m : new Magazine[] {l.loaded, l.previous}) {
                if (m == Magazine.ZERO) {
                    continue;
                }
                if (m.count > 0) {
                    d.pushFull(m);
                } else {
                    d.pushEmpty(m);
                }
            }
            l.loaded = Magazine.ZERO;
            l.previous = Magazine.ZERO;
            settle(d, l);
            d.retiredHits += l.hits;
            d.retiredMisses += l.misses;
        }
    }

    Local newLocal() {
        Thread t = Thread.currentThread();
        if (Threads.isVirtual(t)) {
            return virtualLocal;
        }
        Local l = new Local(depot, t, null);
        depot.lock.lock();
        try {
            if ((state & DEAD) != 0) {
                return virtualLocal; // a destroyed cache gives no thread magazines any more
            }
            locals.add(l);
        } finally {
            depot.lock.unlock();
        }
        return l;
    }

    // ---------------------------------------------------------------- stats

    /**
     * Returns a snapshot of the counters. Depot counters are exact; per-thread counters and
     * magazine fill levels of running threads are read racily (approximate by design).
     *
     * @return an immutable snapshot
     */
    public ObjCacheStats stats() {
        Depot d = depot;
        d.lock.lock();
        try {
            long hits = d.retiredHits;
            long misses = d.retiredMisses;
            long cached = d.objects;
            for (Local l : locals) {
                hits += l.hits;
                misses += l.misses;
                cached += l.loaded.count + l.previous.count;
            }
            for (Local s : stripes) {
                hits += s.hits;
                misses += s.misses;
                cached += s.loaded.count + s.previous.count;
            }
            long inUse = Math.max(0, d.live - cached);
            return new ObjCacheStats(name, hits + misses, hits, d.exchanges, d.created, d.destroyed, inUse, cached,
                    d.highWater, d.exhausted, d.failed, statsLimit, magCapacity, d.reservedBytes, objectSize);
        } finally {
            d.lock.unlock();
        }
    }

    /**
     * Lowers the high-water mark to the number of objects that exist now (handed out or
     * cached), so that a later {@link #stats()} shows the peak of a new period.
     */
    public void resetHighWater() {
        depot.lock.lock();
        try {
            depot.highWater = depot.live;
        } finally {
            depot.lock.unlock();
        }
    }

    /** @return rounds per magazine */
    int magazineCapacity() {
        return magCapacity;
    }

    /** @return the number of virtual-thread stripes */
    int stripeCount() {
        return stripes.length;
    }

    /** @return platform threads holding a {@code Local} now */
    int localCount() {
        depot.lock.lock();
        try {
            return locals.size();
        } finally {
            depot.lock.unlock();
        }
    }

    /** @return the most magazines the depot keeps beyond the per-thread ones */
    int depotMax() {
        return depotMax;
    }

    /** @return the backing MPIPE, or {@code null} */
    MPipe<T> pipe() {
        return pipe;
    }

    /** Invariant check over the depot and every quiescent magazine; for tests under {@code -ea}. */
    boolean isValid() {
        depot.lock.lock();
        try {
            if (!depot.isValid()) {
                return false;
            }
            for (Local s : stripes) {
                if (!s.loaded.isValid() || !s.previous.isValid()) {
                    return false;
                }
            }
            return true;
        } finally {
            depot.lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "ObjCache[" + name + "]";
    }

    /** Padding before a {@code Local}'s fields: stripes are allocated side by side and written by many threads. */
    abstract static class LocalPad {
        int p0; // fills the gap after a 12-byte header, where the layout would put a small hot field
        long p00, p01, p02, p03, p04, p05, p06, p07;
    }

    /** The fields of a {@code Local}, between two pads (fields of a superclass are laid out first). */
    abstract static class LocalFields extends LocalPad {
        final Depot home;
        final Thread owner;
        final ReentrantLock lock;
        Magazine loaded = Magazine.ZERO;
        Magazine previous = Magazine.ZERO;
        long hits;
        long misses;
        /**
         * Plain (not {@link Recyclable}) objects handed out through this {@code Local} and not yet
         * paid back by a put or discard through it or moved to the depot by {@code settle}; never
         * negative. Written by the owner (or the stripe's lock holder), read racily by others.
         */
        long lent;
        int backoff;

        LocalFields(Depot home, Thread owner, ReentrantLock lock) {
            this.home = home;
            this.owner = owner;
            this.lock = lock;
        }
    }

    /**
     * The per-thread pair of magazines ({@code struct percpu_objcache} in [2]), or one
     * lock-guarded stripe when {@code lock != null}. {@code owner} is the platform thread
     * that owns it, {@code null} for stripes and for the virtual-thread sentinel. Fields are
     * plain: only the owner (or the stripe's lock holder) writes them; the depot reads them
     * after the owner ended, or racily for stats. {@code home} identifies the cache through
     * its depot, which does not reach the cache's {@code ThreadLocal}: a thread's map entry
     * therefore does not keep a dropped cache alive.
     *
     * <p>Memory layout: the fields sit between 64-byte pads ({@code LocalPad}, trailing
     * {@code q..} fields) so that stripes, which are allocated together and written by
     * different virtual threads, never share a cache line; {@code LocalLayoutTest} checks
     * it with JOL. A platform thread's {@code Local} pays 128 bytes for nothing, once.
     */
    static final class Local extends LocalFields {
        long q00, q01, q02, q03, q04, q05, q06, q07;

        Local(Depot home, Thread owner, ReentrantLock lock) {
            super(home, owner, lock);
        }
    }

    /** The cache's {@link ThreadLocal}: a new {@code Local} per platform thread, the sentinel for virtual ones. */
    /**
     * The per-thread {@code Local}, reached through a {@link ThreadLocal} whose value is a weak
     * reference: the cache holds its {@code Local}s strongly (in {@code locals}, in
     * {@code virtualLocal}), the thread only weakly. A thread's map holding the {@code Local}
     * strongly would keep its magazines' objects, their class, that class's pool handle, this
     * cache and so the {@code ThreadLocal} key itself alive for as long as the thread lives: the
     * classic thread-local leak that pins an undeployed application's class loader.
     */
    private static final class LocalHolder extends ThreadLocal<WeakReference<Local>> {
        /** Slots of the thread-id table in front of the {@code ThreadLocal}. */
        static final int TABLE = 256;
        private final ObjCache<?> cache;
        /**
         * A cache of {@code Local}s indexed by thread id, in front of the {@code ThreadLocal}
         * (as kmalloc's heaps have one): a slot is trusted only when its {@code Local}'s final
         * {@code owner} is the calling thread, so a racy plain read or write of a slot is safe
         * (the final field is seen initialised) and two threads sharing a slot only cost each
         * other the slow path. Thread ids are never reused, so a dead thread's {@code Local}
         * left in a slot never matches. Virtual threads' sentinel has no owner and never matches.
         */
        private final Local[] byThread = new Local[TABLE];

        LocalHolder(ObjCache<?> cache) {
            this.cache = cache;
        }

        @Override
        protected WeakReference<Local> initialValue() {
            return new WeakReference<>(cache.newLocal());
        }

        /** The calling thread's {@code Local}; made anew if the cache dropped the old one. */
        @SuppressWarnings("deprecation") // Thread.getId(): threadId() is JDK 19+; same value
        Local current() {
            Thread t = Thread.currentThread();
            int i = (int) t.getId() & (TABLE - 1);
            Local l = byThread[i];
            if (l != null && l.owner == t) {
                return l;
            }
            return slow(t, i);
        }

        private Local slow(Thread t, int i) {
            Local l = get().get();
            if (l == null) {
                remove();
                l = get().get();
            }
            if (l.owner == t) {
                byThread[i] = l;
            }
            return l;
        }

        /** The caller's {@code Local} leaves the table (the cache was destroyed under it). */
        @SuppressWarnings("deprecation")
        void forget(Local l) {
            int i = (int) Thread.currentThread().getId() & (TABLE - 1);
            if (byThread[i] == l) {
                byThread[i] = null;
            }
        }
    }

    /**
     * Configures an {@link ObjCache}; every setter validates its argument with a message
     * naming the cache and the bad value.
     *
     * @param <T> the object type
     */
    public static final class Builder<T> {
        final String name;
        final Supplier<? extends T> constructor;
        Consumer<? super T> destructor;
        int capacity = -1;
        int limit = MAX_LIMIT;
        boolean limited;
        LimitPolicy policy = LimitPolicy.ALLOCATE;
        Duration timeout = Duration.ofSeconds(1);
        int reserve;
        Arena arena;
        long objectSize = -1;
        boolean unloadable;
        boolean plainObjects;

        Builder(String name, Supplier<? extends T> constructor) {
            Objects.requireNonNull(name, "objcache name");
            if (name.isBlank()) {
                throw new IllegalArgumentException("objcache name must not be blank");
            }
            this.name = name;
            this.constructor = Objects.requireNonNull(constructor, "constructor");
        }

        private IllegalArgumentException bad(String what, Object value) {
            return new IllegalArgumentException("objcache '" + name + "': " + what + ", got " + value);
        }

        /**
         * @param d run on an object when the cache drops it
         * @return this
         */
        public Builder<T> destructor(Consumer<? super T> d) {
            this.destructor = Objects.requireNonNull(d, "destructor");
            return this;
        }

        /**
         * @param nomCache nominal number of idle objects to keep, {@code 0..2^28}; sizes the
         *     magazines ({@code 0} caches nothing: every get constructs, every put drops)
         * @return this
         */
        public Builder<T> capacity(int nomCache) {
            if (nomCache < 0 || nomCache > MAX_LIMIT) {
                throw bad("capacity must be in [0, " + MAX_LIMIT + "]", nomCache);
            }
            this.capacity = nomCache;
            return this;
        }

        /**
         * @param clusterLimit the most objects that may exist at once, {@code 1..2^28}
         * @return this
         */
        public Builder<T> limit(int clusterLimit) {
            if (clusterLimit <= 0 || clusterLimit > MAX_LIMIT) {
                throw bad("limit must be in [1, " + MAX_LIMIT + "]", clusterLimit);
            }
            this.limit = clusterLimit;
            this.limited = true;
            return this;
        }

        /**
         * @param p what a get does at the limit
         * @return this
         */
        public Builder<T> onLimit(LimitPolicy p) {
            this.policy = Objects.requireNonNull(p, "policy");
            return this;
        }

        /**
         * @param t how long a get waits at the limit under BLOCK, {@code > 0}
         * @return this
         */
        public Builder<T> timeout(Duration t) {
            Objects.requireNonNull(t, "timeout");
            if (t.isNegative() || t.isZero()) {
                throw bad("timeout must be > 0", t);
            }
            this.timeout = t;
            return this;
        }

        /**
         * @param nnom objects constructed up front into a backing {@link MPipe}, {@code 0..limit}
         * @return this
         */
        public Builder<T> reserve(int nnom) {
            if (nnom < 0 || nnom > MAX_LIMIT) {
                throw bad("reserve must be in [0, " + MAX_LIMIT + "]", nnom);
            }
            this.reserve = nnom;
            return this;
        }

        /**
         * @param a the arena idle objects are charged to (default {@link Arena#global()})
         * @return this
         */
        public Builder<T> arena(Arena a) {
            this.arena = Objects.requireNonNull(a, "arena");
            return this;
        }

        /**
         * Declares that the objects never implement {@link Recyclable} (the agent's pools: an
         * enhanced class implements nothing), so {@code get} and {@code put} skip the interface
         * check on every call. A {@code Recyclable} object put anyway is handled as a plain one.
         *
         * @return this builder
         */
        public Builder<T> plainObjects() {
            this.plainObjects = true;
            return this;
        }

        /**
         * Makes the cache live only as long as its owner holds it: the registry (so JMX and
         * {@code stat}), the arena and the threads' caches hold it weakly. For the cache of a
         * class that an unloadable class loader defined (the agent's pools): when the class goes,
         * the cache goes with it.
         *
         * @return this builder
         */
        public Builder<T> unloadable() {
            this.unloadable = true;
            return this;
        }

        /**
         * @param bytes the bytes one idle object holds, {@code 1..2^30}, in place of the
         *     {@link ObjectSizer} estimate (count what the object owns: its buffers too)
         * @return this
         */
        public Builder<T> objectSize(long bytes) {
            if (bytes <= 0 || bytes > MAX_OBJECT_SIZE) {
                throw bad("objectSize must be in [1, 2^30] bytes", bytes);
            }
            this.objectSize = bytes;
            return this;
        }

        /**
         * Builds the cache (and its MPIPE reserve, constructed now).
         *
         * @return the cache, registered in {@link Pools#objCaches()}
         * @throws IllegalArgumentException if {@code reserve > limit}
         */
        public ObjCache<T> build() {
            return build(true);
        }

        /**
         * Builds a cache left out of {@link Pools}, the arena's reclaimers and the reclaim
         * daemon, for stress tests that make millions of caches.
         */
        ObjCache<T> buildDetached() {
            return build(false);
        }

        private ObjCache<T> build(boolean register) {
            if (reserve > limit) {
                throw new IllegalArgumentException("objcache '" + name + "': reserve " + reserve
                        + " exceeds limit " + limit);
            }
            return new ObjCache<>(this, register);
        }
    }
}
