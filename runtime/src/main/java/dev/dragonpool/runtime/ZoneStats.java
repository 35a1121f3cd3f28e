package dev.dragonpool.runtime;

/**
 * An immutable snapshot of one {@link Zone}'s counters, like a {@code vmstat -z} line.
 *
 * @param name zone name
 * @param size estimated bytes per record
 * @param limit capacity (the zone never grows)
 * @param used records allocated now
 * @param free records available now
 * @param requests calls to {@code alloc}
 * @param highWater the most records used at once
 * @param failed allocations refused because the zone was exhausted
 */
public record ZoneStats(
        String name,
        long size,
        int limit,
        int used,
        int free,
        long requests,
        int highWater,
        long failed) {
}
