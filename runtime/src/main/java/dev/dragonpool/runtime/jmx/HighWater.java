package dev.dragonpool.runtime.jmx;

/**
 * Conventions shared by the pool beans. Limits: JMX shows -1 for "unlimited", as the snapshots do
 * ({@code ObjCacheStats.UNLIMITED}, {@code MPipeStats.UNLIMITED}), so clients test one value. High-water resets:
 * every pool kind and the arena offer {@code resetHighWater()}, and their beans call it directly.
 */
final class HighWater {

    private HighWater() {
    }

    /** Maps a pool's limit to the JMX convention: -1 when unlimited (negative or {@code >= Integer.MAX_VALUE}). */
    static long limit(long limit) {
        return limit < 0 || limit >= Integer.MAX_VALUE ? -1 : limit;
    }
}
