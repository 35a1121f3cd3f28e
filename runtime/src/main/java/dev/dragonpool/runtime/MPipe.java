package dev.dragonpool.runtime;

import dev.dragonpool.runtime.internal.Registries;
import dev.dragonpool.runtime.jfr.DragonpoolEvents;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A guaranteed reserve of constructed objects in front of plain allocation (DragonFly's
 * {@code kern_mpipe}). {@code nnom} objects are constructed when the pipe is built and can
 * always be had without blocking or constructing; beyond the reserve new objects are
 * constructed while fewer than {@code nmax} exist; then {@link #get()} waits up to the
 * timeout ({@link LimitPolicy#BLOCK}) or fails at once ({@link LimitPolicy#FAIL}) with a
 * {@link PoolExhaustedException}, and {@link #tryGet()} returns {@code null}. {@link #put}
 * refills the reserve first; above {@code nnom} objects are destructed and dropped. An
 * {@link ObjCache} built with {@code reserve(n)} uses an MPipe as its backing allocator.
 *
 * <p>Concurrency: one {@link ReentrantLock} guards the reserve and the counts, with a
 * {@link Condition} for waiters; constructors and destructors run outside the lock. Stats
 * are read under the lock and so are consistent.
 *
 * <p>Memory layout: the reserve is an array of {@code nnom} slots used as a stack; nothing
 * is allocated on {@code get}/{@code put} apart from objects constructed beyond the reserve.
 *
 * @param <T> the object type
 */
public final class MPipe<T> {
    /** The largest {@code nmax} accepted. */
    static final int MAX_OBJECTS = 1 << 28;

    private final String name;
    private final Supplier<? extends T> constructor;
    private final Consumer<? super T> destructor;
    private final int nnom;
    private final int nmax;
    /** {@code nmax} as stats report it: {@link MPipeStats#UNLIMITED} when none was set. */
    private final long statsMax;
    private final LimitPolicy policy;
    private final long timeoutNanos;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition freed = lock.newCondition();
    private final Object[] reserve;
    private int nfree;
    /** Objects that exist now (in the reserve, handed out, or being constructed). */
    private int total;
    private boolean destroyed;

    private long requested;
    private long reserveHits;
    private long created;
    private long destroyedCount;
    private long highWater;
    private long exhausted;
    private long failed;
    private long waits;

    private MPipe(Builder<T> b) {
        this.name = b.name;
        this.constructor = b.constructor;
        this.destructor = b.destructor;
        this.nnom = b.nnom;
        this.nmax = b.nmax;
        this.statsMax = b.bounded ? b.nmax : MPipeStats.UNLIMITED;
        this.policy = b.policy;
        this.timeoutNanos = b.timeout.toNanos();
        this.reserve = new Object[nnom];
        for (int i = 0; i < nnom; i++) {
            reserve[i] = construct();
        }
        nfree = nnom;
        total = nnom;
        created = nnom;
        highWater = nnom;
        assert isValid();
        if (b.unloadable) {
            Registries.MPIPES.registerWeakly(this);
        } else {
            Registries.MPIPES.register(this);
        }
    }

    /**
     * Starts building a pipe.
     *
     * @param name a non-blank name
     * @param constructor makes an object; must not return {@code null}
     * @param <T> object type
     * @return a builder with reserve 0, no maximum, policy BLOCK and a 1 s timeout
     */
    public static <T> Builder<T> builder(String name, Supplier<? extends T> constructor) {
        return new Builder<>(name, constructor);
    }

    private T construct() {
        T o = constructor.get();
        if (o == null) {
            throw new NullPointerException("mpipe '" + name + "': constructor returned null");
        }
        return o;
    }

    /** @return the pipe's name */
    public String name() {
        return name;
    }

    /**
     * Takes an object: from the reserve, else a new one below {@code nmax}, else per the policy.
     *
     * @return an object
     * @throws PoolExhaustedException if {@code nmax} objects are out and the policy is FAIL,
     *     or BLOCK timed out
     * @throws IllegalStateException if the pipe was destroyed
     */
    public T get() {
        return get(policy == LimitPolicy.FAIL ? 0 : timeoutNanos, true);
    }

    /**
     * Takes an object, waiting at most {@code timeout} when {@code nmax} are out
     * ({@code mpipe_alloc_waitok} with a bound).
     *
     * @param timeout the longest wait, {@code >= 0}
     * @return an object
     * @throws PoolExhaustedException if none came back in time
     * @throws IllegalArgumentException if the timeout is negative
     */
    public T get(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("mpipe '" + name + "': timeout must be >= 0, got " + timeout);
        }
        return get(saturatedNanos(timeout), true);
    }

    /**
     * Takes an object without waiting ({@code mpipe_alloc_nowait}).
     *
     * @return an object, or {@code null} if {@code nmax} objects are out
     */
    public T tryGet() {
        return get(0, false);
    }

    /** Pops the top of the reserve and counts the hit. Under {@code lock}, with {@code nfree > 0}. */
    private Object takeReserved() {
        reserveHits++;
        Object o = reserve[--nfree];
        reserve[nfree] = null;
        return o;
    }

    @SuppressWarnings("unchecked")
    private T get(long nanos, boolean fail) {
        boolean create;
        lock.lock();
        try {
            checkLive();
            requested++;
            if (nfree > 0) {
                return (T) takeReserved();
            }
            if (total >= nmax) {
                exhausted++;
                // Under the lock, on the path that waits or fails anyway; a no-op unless JFR records it.
                DragonpoolEvents.exhausted("mpipe", name, nmax, nanos > 0 ? "block" : fail ? "fail" : "null");
                if (nanos > 0) {
                    waits++;
                    long left = nanos;
                    while (nfree == 0 && total >= nmax && !destroyed && left > 0) {
                        try {
                            left = freed.awaitNanos(left);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            break;
                        }
                    }
                    checkLive();
                    if (nfree > 0) {
                        return (T) takeReserved();
                    }
                }
                if (total >= nmax) {
                    failed++;
                    if (!fail) {
                        return null;
                    }
                    throw new PoolExhaustedException("mpipe '" + name + "' exhausted: nmax=" + nmax
                            + " objects in use" + (nanos > 0 ? " after waiting " + Duration.ofNanos(nanos) : "")
                            + "; put objects back when done, raise nmax, or call tryGet() to get null instead");
                }
            }
            total++;
            created++;
            if (total > highWater) {
                highWater = total;
            }
            create = true;
        } finally {
            lock.unlock();
        }
        assert create;
        try {
            return construct();
        } catch (RuntimeException | Error e) {
            lock.lock();
            try {
                total--;
                created--;
                freed.signal();
            } finally {
                lock.unlock();
            }
            throw e;
        }
    }

    /**
     * Gives an object back: into the reserve if it is short, else destructed and dropped.
     *
     * @param obj an object from {@link #get()}
     * @throws NullPointerException if {@code obj} is null
     * @throws IllegalStateException if the pipe was destroyed, or more objects come back than went out
     */
    public void put(T obj) {
        if (obj == null) {
            throw new NullPointerException("mpipe '" + name + "': put of null; put the object get() returned");
        }
        boolean kept;
        lock.lock();
        try {
            checkLive();
            if (nfree + 1 > total) {
                throw new IllegalStateException("mpipe '" + name + "': put of " + obj.getClass().getName()
                        + " but no object is out (double put?); put each object once per get()");
            }
            kept = keepOrRetire(obj);
        } finally {
            lock.unlock();
        }
        if (!kept) {
            destruct(obj);
        }
    }

    /**
     * The backing path of an {@link ObjCache}: gives an object back if the pipe has objects
     * out, as {@link #put}; returns {@code false} (and does nothing) when none is out or the
     * pipe is destroyed, so the cache destructs the object itself.
     */
    boolean putIfOut(T obj) {
        boolean kept;
        lock.lock();
        try {
            if (destroyed || nfree + 1 > total) {
                return false;
            }
            kept = keepOrRetire(obj);
        } finally {
            lock.unlock();
        }
        if (!kept) {
            destruct(obj);
        }
        return true;
    }

    /**
     * Takes back an object that was out: into the reserve while it holds fewer than {@code nnom}
     * (true), else it stops counting (false: the caller destructs it after unlocking). Wakes one
     * waiter either way. Under {@code lock}.
     */
    private boolean keepOrRetire(Object obj) {
        boolean kept = nfree < nnom;
        if (kept) {
            reserve[nfree++] = obj;
        } else {
            total--;
            destroyedCount++;
        }
        freed.signal();
        return kept;
    }

    private void destruct(T obj) {
        if (destructor != null) {
            destructor.accept(obj);
        }
    }

    private void checkLive() {
        if (destroyed) {
            throw new IllegalStateException("mpipe '" + name + "' is destroyed; build a new mpipe to use one again");
        }
    }

    /**
     * Destructs the reserve and unregisters the pipe ({@code mpipe_done}); later calls throw.
     *
     * @return the objects still handed out (0 when every one came back)
     */
    @SuppressWarnings("unchecked")
    public int destroy() {
        Object[] drop;
        int out;
        lock.lock();
        try {
            if (destroyed) {
                return 0;
            }
            destroyed = true;
            drop = new Object[nfree];
            System.arraycopy(reserve, 0, drop, 0, nfree);
            java.util.Arrays.fill(reserve, null);
            destroyedCount += nfree;
            total -= nfree;
            nfree = 0;
            out = total;
            freed.signalAll();
        } finally {
            lock.unlock();
            Registries.MPIPES.unregister(this);
        }
        for (Object o : drop) {
            destruct((T) o);
        }
        return out;
    }

    /** @return a consistent snapshot of the counters */
    public MPipeStats stats() {
        lock.lock();
        try {
            return new MPipeStats(name, requested, reserveHits, created, destroyedCount, total - nfree, nfree, nnom,
                    statsMax, highWater, exhausted, failed, waits);
        } finally {
            lock.unlock();
        }
    }

    /** Lowers the high-water mark to the number of objects that exist now (reserve included). */
    public void resetHighWater() {
        lock.lock();
        try {
            highWater = total;
        } finally {
            lock.unlock();
        }
    }

    /** Invariant: {@code 0 <= nfree <= nnom}, {@code nfree <= total <= nmax}, reserve slots filled exactly below nfree. */
    boolean isValid() {
        if (nfree < 0 || nfree > nnom || nfree > total || total > nmax) {
            return false;
        }
        for (int i = 0; i < reserve.length; i++) {
            if ((reserve[i] != null) != (i < nfree)) {
                return false;
            }
        }
        return created - destroyedCount == total;
    }

    static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    @Override
    public String toString() {
        return "MPipe[" + name + ", nnom=" + nnom + ", nmax=" + nmax + "]";
    }

    /**
     * Configures an {@link MPipe}; every setter validates its argument with a message naming
     * the pipe and the bad value.
     *
     * @param <T> the object type
     */
    public static final class Builder<T> {
        private final String name;
        private final Supplier<? extends T> constructor;
        private Consumer<? super T> destructor;
        private int nnom;
        private int nmax = MAX_OBJECTS;
        private boolean bounded;
        private boolean unloadable;
        private LimitPolicy policy = LimitPolicy.BLOCK;
        private Duration timeout = Duration.ofSeconds(1);

        Builder(String name, Supplier<? extends T> constructor) {
            Objects.requireNonNull(name, "mpipe name");
            if (name.isBlank()) {
                throw new IllegalArgumentException("mpipe name must not be blank");
            }
            this.name = name;
            this.constructor = Objects.requireNonNull(constructor, "constructor");
        }

        /**
         * @param d run on an object when it is dropped (above the reserve, or at destroy)
         * @return this
         */
        public Builder<T> destructor(Consumer<? super T> d) {
            this.destructor = Objects.requireNonNull(d, "destructor");
            return this;
        }

        /**
         * @param nnom objects constructed up front and always obtainable, {@code 0..2^28}
         * @return this
         */
        public Builder<T> reserve(int nnom) {
            if (nnom < 0 || nnom > MAX_OBJECTS) {
                throw new IllegalArgumentException("mpipe '" + name + "': reserve (nnom) must be in [0, "
                        + MAX_OBJECTS + "], got " + nnom);
            }
            this.nnom = nnom;
            return this;
        }

        /**
         * @param nmax the most objects that may exist at once, {@code 1..2^28}, {@code >= reserve}
         * @return this
         */
        public Builder<T> max(int nmax) {
            if (nmax <= 0 || nmax > MAX_OBJECTS) {
                throw new IllegalArgumentException("mpipe '" + name + "': max (nmax) must be in [1, " + MAX_OBJECTS
                        + "], got " + nmax);
            }
            this.nmax = nmax;
            this.bounded = true;
            return this;
        }

        /**
         * @param p BLOCK (wait up to the timeout) or FAIL (at once) when {@code nmax} are out
         * @return this
         */
        public Builder<T> onLimit(LimitPolicy p) {
            Objects.requireNonNull(p, "policy");
            if (p == LimitPolicy.ALLOCATE) {
                throw new IllegalArgumentException("mpipe '" + name
                        + "': policy ALLOCATE is not supported, an mpipe never exceeds nmax (use BLOCK or FAIL)");
            }
            this.policy = p;
            return this;
        }

        /**
         * @param t how long {@link #get()} waits under BLOCK, {@code > 0}
         * @return this
         */
        public Builder<T> timeout(Duration t) {
            Objects.requireNonNull(t, "timeout");
            if (t.isNegative() || t.isZero()) {
                throw new IllegalArgumentException("mpipe '" + name + "': timeout must be > 0, got " + t);
            }
            this.timeout = t;
            return this;
        }

        /**
         * Whether the registry holds the pipe weakly (the pipe of an unloadable class's cache).
         *
         * @param weak {@code true} to let the pipe go with its owner
         * @return this builder
         */
        public Builder<T> unloadable(boolean weak) {
            this.unloadable = weak;
            return this;
        }

        /**
         * Builds the pipe, constructing the reserve now.
         *
         * @return the pipe, registered in {@link Pools#mpipes()}
         * @throws IllegalArgumentException if {@code reserve > max}
         */
        public MPipe<T> build() {
            if (nnom > nmax) {
                throw new IllegalArgumentException("mpipe '" + name + "': reserve (nnom=" + nnom
                        + ") exceeds max (nmax=" + nmax + ")");
            }
            return new MPipe<>(this);
        }
    }

}
