package dev.dragonpool.runtime.jmx;

/**
 * JMX view of one malloc type ({@code dev.dragonpool:type=MallocType,name=...}), a {@code vmstat -m}
 * line: allocations and bytes in use, the byte high-water mark, the limit, requests and failures.
 */
public interface MallocTypeMXBean {

    /** @return the type's name */
    String getName();

    /** @return {@code malloc} */
    String getKind();

    /** @return allocations live now */
    long getInUse();

    /** @return bytes live now (charged sizes: chunk or page run) */
    long getMemUse();

    /** @return the most bytes charged to the type at once (an upper bound) */
    long getHighUse();

    /** @return the type's limit in bytes */
    long getLimit();

    /** @return successful allocations */
    long getRequests();

    /** @return allocations refused (type limit or arena budget) */
    long getFailures();

    /** @return bytes live now divided by the limit */
    double getUsedRatio();

    /**
     * Resets the high-water mark to the current use.
     *
     * @throws UnsupportedOperationException when this runtime's malloc type cannot reset it
     */
    void resetHighWater();
}
