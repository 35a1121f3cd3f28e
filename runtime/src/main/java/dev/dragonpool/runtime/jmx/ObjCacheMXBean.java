package dev.dragonpool.runtime.jmx;

/**
 * JMX view of one object cache ({@code dev.dragonpool:type=ObjCache,name=...}): the
 * {@link PoolMXBean} columns plus the magazine counters, and a {@link #reclaim()} operation that gives
 * the idle objects back as the arena would under pressure.
 */
public interface ObjCacheMXBean extends PoolMXBean {

    /** @return gets served from the calling thread's own magazines */
    long getMagazineHits();

    /** @return magazines exchanged with the depot */
    long getDepotExchanges();

    /** @return rounds per magazine */
    int getMagazineCapacity();

    /** @return magazine hits divided by requests, 0 before the first request */
    double getHitRatio();

    /**
     * @return instances of the pooled class of this cache's name found garbage-collected without
     *     a release (agent option {@code leaks=sample|paranoid}, tracked instances only); 0 for
     *     caches the agent did not make. Same-named classes of different class loaders share
     *     the count.
     */
    long getLeaks();

    /**
     * Gives idle cached objects back (they are destructed and their arena charge released).
     *
     * @return objects given back
     */
    long reclaim();
}
