package dev.dragonpool.runtime.internal.agent;

/**
 * An immutable snapshot of {@link AgentCounters}.
 *
 * @param seen classes handed to the transformer
 * @param parsed classes parsed (they mention a pooled type)
 * @param enhanced classes enhanced as pooled
 * @param refused classes asked to be pooled and refused
 * @param sitesRewritten allocation sites rewritten into factory calls
 * @param sitesSkipped allocation sites of pooled classes left plain (unsafe shape)
 * @param releasesDirect {@code Pooling.release} calls made direct
 * @param errors transformations that failed and left the class unchanged
 * @param transformNanos time spent in the transformer
 * @param leaks pooled instances collected without a release (leak tracking on)
 */
public record AgentStats(long seen, long parsed, long enhanced, long refused, long sitesRewritten,
        long sitesSkipped, long releasesDirect, long errors, long transformNanos, long leaks) {
}
