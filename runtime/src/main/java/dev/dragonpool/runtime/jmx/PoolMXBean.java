package dev.dragonpool.runtime.jmx;

/**
 * The columns every pool shows in JMX, named like {@code vmstat -z}: the attributes shared by
 * {@link ObjCacheMXBean}, {@link MPipeMXBean} and {@link ZoneMXBean}, and the ones the {@code stat}
 * command prints. All values are open types (numbers and strings), so JConsole, VisualVM and JDK
 * Mission Control show them without Dragonpool's classes. Counters are read from the pool's stats
 * snapshot: approximate while the pool is busy, exact once it is quiescent.
 */
public interface PoolMXBean {

    /** @return the pool's name (for a pooled class, the class name) */
    String getName();

    /** @return {@code objcache}, {@code mpipe} or {@code zone} */
    String getKind();

    /** @return estimated bytes per object, 0 when unknown */
    long getObjectSize();

    /** @return the most objects that may exist at once, -1 when unlimited */
    long getLimit();

    /** @return objects handed out and not yet given back */
    long getInUse();

    /** @return idle objects held ready (magazines and depot, reserve, free records) */
    long getCached();

    /** @return the most objects that existed (or were in use, for a zone) at once */
    long getHighWater();

    /** @return requests for an object */
    long getRequests();

    /** @return requests served from already constructed objects on the fast path (magazine, reserve, zone record) */
    long getHits();

    /** @return objects constructed */
    long getCreated();

    /** @return objects destructed or dropped to the GC */
    long getDestroyed();

    /** @return requests that found the limit reached */
    long getExhausted();

    /** @return requests that failed (exception or {@code null}) */
    long getFailures();

    /** @return bytes this pool holds: charged to its arena, or for a zone its preallocated records; 0 when unknown */
    long getMemoryHeld();

    /** Resets the high-water mark to the current level (objects that exist now, or records in use for a zone). */
    void resetHighWater();
}
