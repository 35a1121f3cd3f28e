package dev.dragonpool.runtime.jfr;

import java.util.Optional;

/**
 * Static entry points through which the runtime and the agent emit Dragonpool's JDK Flight Recorder
 * events, so that JDK Mission Control shows exhaustion, reclaims, a full arena budget, classes the
 * agent refused, leaks and guard violations next to GC and allocation events.
 *
 * <p>Cost: each method first reads a {@code static final} flag that is false when the {@code jdk.jfr}
 * module is absent from the runtime image, then creates the event and asks {@code shouldCommit()};
 * when no recording enables the event, that is a few instructions and the event object is removed by
 * escape analysis. Fields are filled only when
 * the event will be written. The event classes are package-private and only touched by
 * {@link Emitter}, so a JDK without {@code jdk.jfr} never loads them. No method throws.
 *
 * <p>Event names (for {@code jfr print --events} and recording settings) are the {@code String}
 * constants below; all events sit in the "Dragonpool" category.
 */
public final class DragonpoolEvents {

    /** Name of the event emitted by {@link #exhausted}. */
    public static final String POOL_EXHAUSTED = "dev.dragonpool.PoolExhausted";
    /** Name of the event emitted by {@link #reclaimed}. */
    public static final String RECLAIM = "dev.dragonpool.Reclaim";
    /** Name of the event emitted by {@link #budgetReached}. */
    public static final String ARENA_BUDGET_REACHED = "dev.dragonpool.ArenaBudgetReached";
    /** Name of the event emitted by {@link #classRefused}. */
    public static final String CLASS_REFUSED = "dev.dragonpool.ClassRefused";
    /** Name of the event emitted by {@link #leak}. */
    public static final String LEAK = "dev.dragonpool.Leak";
    /** Name of the event emitted by {@link #guardViolation}. */
    public static final String GUARD_VIOLATION = "dev.dragonpool.GuardViolation";

    /** False when the runtime image has no jdk.jfr module (jlinked without it): every method is then a no-op. */
    private static final boolean JFR_PRESENT = jfrPresent();

    private DragonpoolEvents() {
    }

    private static boolean jfrPresent() {
        try {
            Optional<Module> jfr = ModuleLayer.boot().findModule("jdk.jfr");
            return jfr.isPresent();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /** Whether events can be emitted at all in this JVM (the jdk.jfr module is present). */
    public static boolean available() {
        return JFR_PRESENT;
    }

    /**
     * A pool reached its limit. Call it where the limit policy takes over (once per refused request).
     *
     * @param kind    {@code objcache}, {@code mpipe}, {@code zone} or {@code malloc}
     * @param pool    the pool's name as shown in JMX
     * @param limit   the limit that was reached
     * @param outcome what the policy did: {@code allocate}, {@code block}, {@code fail}, {@code null}
     */
    public static void exhausted(String kind, String pool, long limit, String outcome) {
        if (JFR_PRESENT) {
            Emitter.exhausted(kind, pool, limit, outcome);
        }
    }

    /**
     * A pool gave objects or memory back.
     *
     * @param kind       kind of the pool, as for {@link #exhausted}
     * @param pool       the pool's name
     * @param cause      why: {@code budget}, {@code jmx}, {@code trim}, {@code destroy}, {@code thread-exit} ...
     * @param objects    objects destroyed or handed back
     * @param bytes      bytes given back to the arena (0 when unknown)
     * @param startNanos {@link System#nanoTime()} read when the reclaim began, for the event's duration field
     */
    public static void reclaimed(String kind, String pool, String cause, long objects, long bytes, long startNanos) {
        if (JFR_PRESENT) {
            Emitter.reclaimed(kind, pool, cause, objects, bytes, startNanos);
        }
    }

    /**
     * An arena refused a charge: the budget was still full after its reclaimers ran.
     *
     * @param arena     the arena's name
     * @param budget    its budget in bytes
     * @param charged   bytes charged when the request was refused
     * @param requested bytes the refused request asked for
     * @param reclaimed bytes the reclaimers gave back before the refusal
     */
    public static void budgetReached(String arena, long budget, long charged, long requested, long reclaimed) {
        if (JFR_PRESENT) {
            Emitter.budgetReached(arena, budget, charged, requested, reclaimed);
        }
    }

    /**
     * The agent did not enhance a class it was asked to pool.
     *
     * @param className the class, binary name with dots
     * @param reason    the reason, as in the agent's log line
     */
    public static void classRefused(String className, String reason) {
        if (JFR_PRESENT) {
            Emitter.classRefused(className, reason);
        }
    }

    /**
     * A sampled pooled instance was collected without having been released.
     *
     * @param className      the class of the leaked instance
     * @param allocationSite where it was acquired, as recorded by the leak tracker (may be null)
     */
    public static void leak(String className, String allocationSite) {
        if (JFR_PRESENT) {
            Emitter.leak(className, allocationSite);
        }
    }

    /**
     * Guard mode detected a misuse; call it just before the exception is thrown so the event's stack
     * trace is the offending access.
     *
     * @param className  the class of the misused instance
     * @param violation  {@code use-after-release}, {@code double-release}, {@code foreign-release} ...
     * @param releasedAt where the instance was released, when known (may be null)
     */
    public static void guardViolation(String className, String violation, String releasedAt) {
        if (JFR_PRESENT) {
            Emitter.guardViolation(className, violation, releasedAt);
        }
    }
}
