package dev.dragonpool.runtime.internal;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A registry of live pools of one kind, for enumeration by JMX and the stat command.
 * Registration happens when a pool is built and removal when it is destroyed, both rare;
 * readers get an immutable snapshot. A new kind (KMALLOC's malloc types) adds one
 * {@code Registry} constant to {@link Registries} and one accessor to {@code Pools}.
 *
 * <p>Listeners: a {@link Listener} hears of every pool registered or unregistered after it was
 * added, so JMX publishes pools as they come and go rather than polling. Concurrency: a
 * listener runs on the thread that builds or destroys the pool, after the registry changed,
 * and the pools call {@code register}/{@code unregister} with none of their own locks held
 * (never under a depot or pipe lock, never on a get/put path). A listener must therefore be
 * quick and must not block: JMX's sets a flag and wakes its own thread. With no listener the
 * cost is one {@code isEmpty()} read. A listener that throws is logged and ignored; the pool
 * is registered all the same.
 *
 * @param <T> the pool type
 */
public final class Registry<T> {
    /** Entries: the pool itself, or a {@link Weak} reference to a pool whose owner decides its life. */
    private final CopyOnWriteArrayList<Object> live = new CopyOnWriteArrayList<>();
    private final CopyOnWriteArrayList<Listener<? super T>> listeners = new CopyOnWriteArrayList<>();

    /**
     * Hears of pools registered and unregistered. Called on the pool's building or destroying
     * thread with no pool lock held; must return quickly and must not block.
     *
     * @param <T> the pool type
     */
    public interface Listener<T> {
        /**
         * A pool was registered.
         *
         * @param pool the pool
         */
        void registered(T pool);

        /**
         * A pool was unregistered (destroyed).
         *
         * @param pool the pool
         */
        void unregistered(T pool);
    }

    /** The logger, created only when a listener fails: registration happens in premain too. */
    private static final class Log {
        static final System.Logger LOG = System.getLogger(Registry.class.getName());
    }

    /** A weakly held pool: compares by the identity of its referent. */
    private static final class Weak<T> extends WeakReference<T> {
        Weak(T referent) {
            super(referent);
        }
    }

    /**
     * Adds a pool (once, by identity of {@code equals}) and tells the listeners when it is new.
     *
     * @param pool the pool
     */
    public void register(T pool) {
        Objects.requireNonNull(pool, "pool");
        if (indexOf(pool) < 0 && live.add(pool) && !listeners.isEmpty()) {
            notifyListeners(pool, true);
        }
    }

    /**
     * Adds a pool that the registry must not keep alive: the pool of a class that an unloadable
     * class loader defined lives as long as that class, and goes from the registry (and from
     * every listener's view, at its next {@link #snapshot()}) when the collector takes it.
     *
     * @param pool the pool
     */
    public void registerWeakly(T pool) {
        Objects.requireNonNull(pool, "pool");
        if (indexOf(pool) < 0 && live.add(new Weak<>(pool)) && !listeners.isEmpty()) {
            notifyListeners(pool, true);
        }
    }

    /**
     * Removes a pool and tells the listeners; unknown ones are ignored.
     *
     * @param pool the pool
     */
    public void unregister(T pool) {
        int i = indexOf(pool);
        if (i >= 0 && live.remove(live.get(i)) && !listeners.isEmpty()) {
            notifyListeners(pool, false);
        }
    }

    private int indexOf(Object pool) {
        Object[] a = live.toArray();
        for (int i = 0; i < a.length; i++) {
            Object e = a[i];
            if (e == pool || (e instanceof Weak && ((Weak<?>) e).get() == pool) || (!(e instanceof Weak) && e.equals(pool))) {
                return i;
            }
        }
        return -1;
    }

    private void notifyListeners(T pool, boolean added) {
        for (Listener<? super T> l : listeners) {
            try {
                if (added) {
                    l.registered(pool);
                } else {
                    l.unregistered(pool);
                }
            } catch (RuntimeException | LinkageError e) {
                Log.LOG.log(System.Logger.Level.WARNING, "pool registry listener " + l + " failed on "
                        + (added ? "registration" : "removal") + " of " + pool + "; ignored", e);
            }
        }
    }

    /**
     * Adds a listener (once, even if added twice); it hears of changes made from now on, so a
     * caller that also reads {@link #snapshot()} adds the listener first.
     *
     * @param listener the listener
     */
    public void addListener(Listener<? super T> listener) {
        listeners.addIfAbsent(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Removes a listener; unknown ones are ignored.
     *
     * @param listener the listener
     */
    public void removeListener(Listener<? super T> listener) {
        listeners.remove(listener);
    }

    /**
     * Returns the pools registered now; weakly held pools the collector took are dropped.
     *
     * @return an immutable snapshot of the pools registered now, in registration order
     */
    @SuppressWarnings("unchecked")
    public List<T> snapshot() {
        List<T> out = new ArrayList<>();
        boolean dead = false;
        for (Object e : live) {
            Object p = e instanceof Weak ? ((Weak<?>) e).get() : e;
            if (p == null) {
                dead = true;
            } else {
                out.add((T) p);
            }
        }
        if (dead) {
            live.removeIf(e -> e instanceof Weak && ((Weak<?>) e).get() == null);
        }
        return Collections.unmodifiableList(out);
    }
}
