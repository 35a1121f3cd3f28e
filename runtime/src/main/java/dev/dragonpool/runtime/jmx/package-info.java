/**
 * JMX for Dragonpool: {@link dev.dragonpool.runtime.jmx.DragonpoolJmx} publishes one MXBean per
 * object cache, MPIPE, zone and arena, plus the agent's counters, under the domain
 * {@code dev.dragonpool}. The MXBean interfaces use open types only, so any JMX client shows them
 * without Dragonpool's classes; their implementations are package-private views over the pools'
 * stats snapshots.
 */
package dev.dragonpool.runtime.jmx;
