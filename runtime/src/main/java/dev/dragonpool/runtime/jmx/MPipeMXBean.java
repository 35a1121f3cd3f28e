package dev.dragonpool.runtime.jmx;

/**
 * JMX view of one MPIPE ({@code dev.dragonpool:type=MPipe,name=...}): the {@link PoolMXBean}
 * columns, where {@code Limit} is {@code nmax} and {@code Cached} the objects waiting in the reserve,
 * plus the reserve size and how often callers had to wait.
 */
public interface MPipeMXBean extends PoolMXBean {

    /** @return the reserve size {@code nnom}: objects always available without blocking */
    long getReserve();

    /** @return allocations that had to wait for a free */
    long getWaits();
}
