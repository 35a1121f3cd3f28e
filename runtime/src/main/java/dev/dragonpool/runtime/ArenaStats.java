package dev.dragonpool.runtime;

/**
 * An immutable snapshot of one {@link Arena}'s budget and counters.
 *
 * @param name arena name
 * @param budget bytes the arena allows to be charged (a multiple of {@link Arena#PAGE_SIZE})
 * @param charged bytes charged now (a multiple of {@link Arena#PAGE_SIZE})
 * @param highWater the most bytes charged at once
 * @param charges successful {@code tryCharge} calls
 * @param failures {@code tryCharge} calls refused even after reclaiming
 * @param reclaims times the reclaimers were asked to give memory back
 * @param reclaimedBytes bytes the reclaimers reported given back
 * @param reclaimers reclaimers registered now
 */
public record ArenaStats(
        String name,
        long budget,
        long charged,
        long highWater,
        long charges,
        long failures,
        long reclaims,
        long reclaimedBytes,
        int reclaimers) {
}
