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
     * Gives idle cached objects back (they are destructed and their arena charge released).
     *
     * @return objects given back
     */
    long reclaim();
}
