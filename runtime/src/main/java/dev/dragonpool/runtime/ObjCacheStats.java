package dev.dragonpool.runtime;

/**
 * An immutable snapshot of one {@link ObjCache}'s counters, named like {@code vmstat}
 * columns; this is what JMX and the stat command read.
 *
 * <p>The counters are read racily from plain per-thread fields while threads keep working:
 * each counter is monotonic and exact once the cache is quiescent, but the fields of one
 * snapshot need not be mutually consistent while it is busy (approximate by design).
 *
 * @param name cache name
 * @param requested calls to {@code get}
 * @param magazineHits gets served from the calling thread's own magazines
 * @param depotExchanges magazines exchanged with the depot (full for empty or empty for full)
 * @param created objects constructed (including plain objects made beyond the limit)
 * @param destroyed objects destructed or dropped to the GC
 * @param inUse objects handed out and not yet put back ({@code created - destroyed - cached})
 * @param cached idle objects in magazines and in the depot
 * @param highWater the highest {@code created - destroyed} seen
 * @param exhausted gets that found the cluster limit reached
 * @param failed gets that threw {@link PoolExhaustedException}
 * @param limit the cluster limit, or {@link #UNLIMITED} when the cache was built without one
 *     (it then still stops at 2^28 objects, the largest limit a builder accepts)
 * @param magazineCapacity rounds per magazine
 * @param chargedBytes bytes this cache holds charged to its {@link Arena}
 * @param objectSize estimated bytes per object: the builder's {@code objectSize}, else the
 *     {@link ObjectSizer} estimate of the first object the cache made; 0 until one is made
 */
public record ObjCacheStats(
        String name,
        long requested,
        long magazineHits,
        long depotExchanges,
        long created,
        long destroyed,
        long inUse,
        long cached,
        long highWater,
        long exhausted,
        long failed,
        long limit,
        int magazineCapacity,
        long chargedBytes,
        long objectSize) {

    /** The {@link #limit()} of a cache built without a cluster limit. */
    public static final long UNLIMITED = -1;
}
