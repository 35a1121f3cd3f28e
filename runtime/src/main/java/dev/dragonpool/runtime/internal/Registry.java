package dev.dragonpool.runtime.internal;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A registry of live pools of one kind, for enumeration by JMX and the stat command.
 * Registration happens when a pool is built and removal when it is destroyed, both rare;
 * readers get an immutable snapshot. A new kind (KMALLOC's malloc types) adds one
 * {@code Registry} constant to {@link Registries} and one accessor to {@code Pools}.
 *
 * @param <T> the pool type
 */
public final class Registry<T> {
    private final CopyOnWriteArrayList<T> live = new CopyOnWriteArrayList<>();

    /**
     * Adds a pool (once, by identity of {@code equals}).
     *
     * @param pool the pool
     */
    public void register(T pool) {
        live.addIfAbsent(Objects.requireNonNull(pool, "pool"));
    }

    /**
     * Removes a pool; unknown ones are ignored.
     *
     * @param pool the pool
     */
    public void unregister(T pool) {
        live.remove(pool);
    }

    /** @return an immutable snapshot of the pools registered now, in registration order */
    public List<T> snapshot() {
        return List.copyOf(live);
    }
}
