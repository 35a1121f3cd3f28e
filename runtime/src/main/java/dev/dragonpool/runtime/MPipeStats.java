package dev.dragonpool.runtime;

/**
 * An immutable snapshot of one {@link MPipe}'s counters, named like {@code vmstat} columns.
 * Read under the pipe's lock, so one snapshot is self-consistent.
 *
 * @param name pipe name
 * @param requested calls to allocate
 * @param reserveHits allocations served from the reserve
 * @param created objects constructed (the reserve included)
 * @param destroyed objects destructed above the reserve, or at {@code destroy}
 * @param inUse objects handed out and not yet freed
 * @param free objects waiting in the reserve
 * @param nnom the reserve size
 * @param nmax the most objects that may exist at once, or {@link #UNLIMITED} when the pipe was
 *     built without a maximum (it then still stops at 2^28 objects)
 * @param highWater the most objects that existed at once
 * @param exhausted allocations that found {@code nmax} objects out
 * @param failed allocations that gave up (fail policy or timeout)
 * @param waits allocations that had to wait
 */
public record MPipeStats(
        String name,
        long requested,
        long reserveHits,
        long created,
        long destroyed,
        long inUse,
        long free,
        long nnom,
        long nmax,
        long highWater,
        long exhausted,
        long failed,
        long waits) {

    /** The {@link #nmax()} of a pipe built without a maximum. */
    public static final long UNLIMITED = -1;
}
