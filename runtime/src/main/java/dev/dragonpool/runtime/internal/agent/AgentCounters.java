package dev.dragonpool.runtime.internal.agent;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the agent's transformer did, counted where both the agent (which writes) and JMX or the
 * stat command (which read, through {@link #snapshot()}) can see it: this class lives in the
 * runtime, on the bootstrap class path.
 *
 * <p>Concurrency: class loading happens on many threads, so counters are atomic {@link Counter}s
 * (not {@code LongAdder}s: see {@link Counter} for the start-up cost) and the refusal table a
 * concurrent map; a snapshot is a racy read, approximate while classes are
 * still loading (by design). The refusal table keeps at most {@value #MAX_REFUSALS} entries; the
 * counter keeps counting past it.
 */
public final class AgentCounters {
    static final int MAX_REFUSALS = 4096;

    /** Classes handed to the transformer. */
    public static final Counter CLASSES_SEEN = new Counter();
    /** Classes parsed with ASM (those that mention a pooled type or are pooled). */
    public static final Counter CLASSES_PARSED = new Counter();
    /** Classes enhanced as pooled. */
    public static final Counter CLASSES_ENHANCED = new Counter();
    /** Classes asked to be pooled that the agent refused. */
    public static final Counter CLASSES_REFUSED = new Counter();
    /** Allocation sites rewritten into factory calls. */
    public static final Counter SITES_REWRITTEN = new Counter();
    /** Allocation sites of pooled classes left as plain {@code new} because their shape was unsafe. */
    public static final Counter SITES_SKIPPED = new Counter();
    /** {@code Pooling.release} calls turned into direct calls. */
    public static final Counter RELEASES_DIRECT = new Counter();
    /** Transformations that failed with an exception (the class was left unchanged). */
    public static final Counter ERRORS = new Counter();
    /** Pooled instances found garbage-collected without a release ({@code leaks=sample|paranoid}). */
    public static final Counter LEAKS = new Counter();
    /** Nanoseconds spent in the transformer. */
    public static final Counter TRANSFORM_NANOS = new Counter();

    private static final Map<String, String> REFUSALS = new ConcurrentHashMap<>();

    private AgentCounters() {
    }

    /**
     * Records that a class was refused.
     *
     * @param className binary name of the class
     * @param reason why, in a few words
     */
    public static void refused(String className, String reason) {
        CLASSES_REFUSED.increment();
        if (REFUSALS.size() < MAX_REFUSALS) {
            REFUSALS.putIfAbsent(className, reason);
        }
    }

    /**
     * Returns why a class was refused, if it was.
     *
     * @param className binary name
     * @return the reason or {@code null}
     */
    public static String refusal(String className) {
        return REFUSALS.get(className);
    }

    /** @return an immutable copy of the refusal table (class name to reason) */
    public static Map<String, String> refusals() {
        return Map.copyOf(REFUSALS);
    }

    /** @return a snapshot of the counters */
    public static AgentStats snapshot() {
        return new AgentStats(CLASSES_SEEN.sum(), CLASSES_PARSED.sum(), CLASSES_ENHANCED.sum(),
                CLASSES_REFUSED.sum(), SITES_REWRITTEN.sum(), SITES_SKIPPED.sum(), RELEASES_DIRECT.sum(),
                ERRORS.sum(), TRANSFORM_NANOS.sum(), LEAKS.sum());
    }
}
