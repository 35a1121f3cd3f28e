package dev.dragonpool.runtime.internal.agent;

import dev.dragonpool.runtime.Recyclable;

/**
 * Implemented by every class the agent enhances (through its topmost pooled class), so that
 * {@code Pooling.release(Object)} dispatches without reflection. Application code never
 * implements or calls it.
 */
public interface PooledObject extends Recyclable {

    /**
     * Releases this instance into the cache of its exact class: checks that the exact class is
     * pooled and that the instance is not already released, runs the {@code @OnRelease}
     * methods, clears the non-{@code @Retained} fields and puts the instance back.
     *
     * @throws IllegalStateException on a double release
     * @throws IllegalArgumentException if the exact class is an unpooled subclass of a pooled one
     */
    void dragonpool$release();

    /**
     * Returns the leak tracker's reference for this instance ({@code leaks=} mode), else {@code null}.
     *
     * @return the tracker's reference
     */
    Object dragonpool$leak();

    /**
     * Sets the leak tracker's reference for this instance.
     *
     * @param ref the reference, or {@code null}
     */
    void dragonpool$leak(Object ref);
}
