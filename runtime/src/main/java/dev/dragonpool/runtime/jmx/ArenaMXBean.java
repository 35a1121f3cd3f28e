package dev.dragonpool.runtime.jmx;

/**
 * JMX view of one arena ({@code dev.dragonpool:type=Arena,name=...}): the page-granular budget that
 * every pool charges, how much of it is charged, and how often it had to reclaim or refuse. The
 * {@code Budget} attribute is writable: lowering it below {@code Charged} asks the caches for memory
 * back at once. The page attributes sum the off-heap pages that the kmalloc allocators carve on
 * this arena (pages total, in use, free; chunks), read afresh on each call.
 */
public interface ArenaMXBean {

    /** @return the arena's name */
    String getName();

    /** @return the budget in bytes */
    long getBudget();

    /**
     * Changes the budget (rounded up to pages).
     *
     * @param bytes the new budget
     * @throws IllegalArgumentException when out of range, with the arena's message
     */
    void setBudget(long bytes);

    /** @return bytes charged now */
    long getCharged();

    /** @return the most bytes charged at once */
    long getHighWater();

    /** Resets the high-water mark to the bytes charged now. */
    void resetHighWater();

    /** @return charged divided by budget, 0 for a zero budget */
    double getUsedRatio();

    /** @return successful charges */
    long getCharges();

    /** @return charges refused even after reclaiming */
    long getFailures();

    /** @return times the reclaimers were asked for memory */
    long getReclaims();

    /** @return bytes the reclaimers gave back */
    long getReclaimedBytes();

    /** @return reclaimers registered now */
    int getReclaimers();

    /** @return direct-memory chunks the buffer allocators hold on this arena */
    long getChunks();

    /** @return off-heap pages in those chunks */
    long getPagesTotal();

    /** @return pages handed out (slabs and page runs) */
    long getPagesInUse();

    /** @return pages held but not handed out */
    long getPagesFree();

    /** @return bytes of direct memory held (charged to the budget with the idle objects) */
    long getDirectBytes();
}
