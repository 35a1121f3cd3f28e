package dev.dragonpool.runtime;

/**
 * An object that carries one field owned by the {@link ObjCache} it is pooled in.
 *
 * <p>The cache stores in that slot whatever it needs to make {@code put} cheap: while the
 * object is out, the per-thread magazine pair that handed it out (so {@code put} on the same
 * thread needs no thread-local lookup), while it is cached, an in-pool marker (so a second
 * {@code put} is detected at once with an {@link IllegalStateException} naming the class).
 * The agent makes every enhanced {@code @Pooled} class implement this interface through a
 * synthetic field {@code $dp$slot}; hand-written classes may implement it with a plain
 * field. Application code must never read or write the slot. Objects that do not implement
 * it can be pooled too, without double-put detection.
 */
public interface Recyclable {

    /**
     * Returns the cache-owned slot; {@code null} for an object no cache has seen yet.
     *
     * @return the slot value
     */
    Object dragonpool$slot();

    /**
     * Replaces the cache-owned slot (a plain field write; the cache orders it).
     *
     * @param slot the new slot value
     */
    void dragonpool$slot(Object slot);
}
