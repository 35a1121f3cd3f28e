package dev.dragonpool.runtime.internal.agent;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the agent's transformer did, counted where both the agent (which writes) and JMX or the
 * stat command (which read, through {@link #snapshot()}) can see it: this class lives in the
 * runtime, on the bootstrap class path.
 *
 * <p>Concurrency: class loading happens on many threads, so counters are {@link LongAdder}s and
 * the refusal table a concurrent map; a snapshot is a racy read, approximate while classes are
 * still loading (by design). The refusal table keeps at most {@value #MAX_REFUSALS} entries; the
 * counter keeps counting past it.
 */
public final class AgentCounters {
    static final int MAX_REFUSALS = 4096;

    /** Classes handed to the transformer. */
    public static final LongAdder CLASSES_SEEN = new LongAdder();
    /** Classes parsed with ASM (those that mention a pooled type or are pooled). */
    public static final LongAdder CLASSES_PARSED = new LongAdder();
    /** Classes enhanced as pooled. */
    public static final LongAdder CLASSES_ENHANCED = new LongAdder();
    /** Classes asked to be pooled that the agent refused. */
    public static final LongAdder CLASSES_REFUSED = new LongAdder();
    /** Allocation sites rewritten into factory calls. */
    public static final LongAdder SITES_REWRITTEN = new LongAdder();
    /** Allocation sites of pooled classes left as plain {@code new} because their shape was unsafe. */
    public static final LongAdder SITES_SKIPPED = new LongAdder();
    /** {@code Pooling.release} calls turned into direct calls. */
    public static final LongAdder RELEASES_DIRECT = new LongAdder();
    /** Transformations that failed with an exception (the class was left unchanged). */
    public static final LongAdder ERRORS = new LongAdder();
    /** Nanoseconds spent in the transformer. */
    public static final LongAdder TRANSFORM_NANOS = new LongAdder();

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
                ERRORS.sum(), TRANSFORM_NANOS.sum());
    }
}
