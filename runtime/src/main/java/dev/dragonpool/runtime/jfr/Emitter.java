package dev.dragonpool.runtime.jfr;

/**
 * The only class that touches the event classes; {@link DragonpoolEvents} calls it only when the
 * jdk.jfr module is present, so the event classes are never loaded on a JVM without it.
 *
 * <p>Each method creates the event and asks {@code shouldCommit()} first (false unless a recording
 * enables the event, cheap, and the allocation is scalar-replaced by C2), then fills the fields and
 * commits.
 */
final class Emitter {

    private Emitter() {
    }

    static void exhausted(String kind, String pool, long limit, String outcome) {
        PoolExhaustedEvent e = new PoolExhaustedEvent();
        if (e.shouldCommit()) {
            e.kind = kind;
            e.pool = pool;
            e.limit = limit;
            e.outcome = outcome;
            e.commit();
        }
    }

    static void reclaimed(String kind, String pool, String cause, long objects, long bytes, long startNanos) {
        ReclaimEvent e = new ReclaimEvent();
        if (e.shouldCommit()) {
            e.kind = kind;
            e.pool = pool;
            e.cause = cause;
            e.objects = objects;
            e.bytes = bytes;
            e.durationNanos = Math.max(0L, System.nanoTime() - startNanos);
            e.commit();
        }
    }

    static void budgetReached(String arena, long budget, long charged, long requested, long reclaimed) {
        ArenaBudgetEvent e = new ArenaBudgetEvent();
        if (e.shouldCommit()) {
            e.arena = arena;
            e.budget = budget;
            e.charged = charged;
            e.requested = requested;
            e.reclaimed = reclaimed;
            e.commit();
        }
    }

    static void classRefused(String className, String reason) {
        ClassRefusedEvent e = new ClassRefusedEvent();
        if (e.shouldCommit()) {
            e.className = className;
            e.reason = reason;
            e.commit();
        }
    }

    static void leak(String className, String allocationSite) {
        LeakEvent e = new LeakEvent();
        if (e.shouldCommit()) {
            e.className = className;
            e.allocationSite = allocationSite;
            e.commit();
        }
    }

    static void guardViolation(String className, String violation, String releasedAt) {
        GuardViolationEvent e = new GuardViolationEvent();
        if (e.shouldCommit()) {
            e.className = className;
            e.violation = violation;
            e.releasedAt = releasedAt;
            e.commit();
        }
    }
}
