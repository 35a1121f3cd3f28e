package dev.dragonpool.runtime.jmx;

/**
 * JMX view of one zone ({@code dev.dragonpool:type=Zone,name=...}), a {@code vmstat -z} line: the
 * {@link PoolMXBean} columns, where {@code Limit} is the fixed capacity and {@code Cached} the free
 * records.
 */
public interface ZoneMXBean extends PoolMXBean {
}
