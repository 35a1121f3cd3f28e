package dev.dragonpool.runtime.internal.agent;

import dev.dragonpool.runtime.jfr.DragonpoolEvents;
import java.lang.ref.PhantomReference;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Sampled tracking of pooled instances that were acquired and never released before the garbage
 * collector took them ({@code leaks=sample|paranoid}), in the manner of Netty's leak detector.
 *
 * <p>At acquire, one instance in {@value #SAMPLE_INTERVAL} ({@code sample}) or every instance
 * ({@code paranoid}) gets a {@link PhantomReference} recording the class and the acquiring stack
 * trace, kept in the instance's synthetic {@code $dp$leak} field (which exists only when leak tracking
 * is on) and in a
 * concurrent set that keeps the reference itself reachable. Release clears it. A reference the
 * collector enqueues therefore belongs to a leaked instance: it is reported (one log line with the
 * acquisition site, a JFR {@code dev.dragonpool.Leak} event, {@link AgentCounters#LEAKS}) when a
 * later acquire polls the queue. Forgetting to release costs pooling, never correctness, so this
 * is a diagnostic, off by default: it allocates a stack trace per tracked acquire.
 */
public final class LeakTracker {
    static final int SAMPLE_INTERVAL = 128;
    private static final ReferenceQueue<Object> QUEUE = new ReferenceQueue<>();
    private static final Set<Leak> LIVE = ConcurrentHashMap.newKeySet();
    private static volatile System.Logger logger;

    private LeakTracker() {
    }

    /** The phantom reference of one tracked instance. */
    static final class Leak extends PhantomReference<Object> {
        final String className;
        final Throwable acquiredAt;

        Leak(Object referent, Throwable acquiredAt) {
            super(referent, QUEUE);
            this.className = referent.getClass().getName();
            this.acquiredAt = acquiredAt;
        }
    }

    /**
     * Starts tracking an acquired instance (one in {@value #SAMPLE_INTERVAL}, or every one when
     * paranoid).
     *
     * @return the reference the instance keeps in its {@code $dp$leak} field, or {@code null}
     */
    static Object acquired(Object obj, boolean paranoid) {
        poll();
        if (!paranoid && ThreadLocalRandom.current().nextInt(SAMPLE_INTERVAL) != 0) {
            return null;
        }
        Leak l = new Leak(obj, new Throwable("acquired here"));
        LIVE.add(l);
        return l;
    }

    /** Stops tracking a released instance: {@code ref} is what {@link #acquired} returned. */
    static void released(Object ref) {
        if (ref instanceof Leak) {
            ((Leak) ref).clear();
            LIVE.remove(ref);
        }
    }

    /** Reports every leak the collector has found since the last poll. */
    public static void poll() {
        for (Reference<?> r; (r = QUEUE.poll()) != null;) {
            Leak l = (Leak) r;
            if (!LIVE.remove(l)) {
                continue;
            }
            AgentCounters.LEAKS.increment();
            String site = site(l.acquiredAt);
            DragonpoolEvents.leak(l.className, site);
            System.Logger log = logger;
            if (log == null) {
                log = System.getLogger("dev.dragonpool.agent");
                logger = log;
            }
            log.log(System.Logger.Level.WARNING, "dragonpool: LEAK: an instance of " + l.className + " acquired at "
                    + site + " was garbage-collected without being released (pooling lost it, nothing else)");
        }
    }

    private static String site(Throwable t) {
        for (StackTraceElement e : t.getStackTrace()) {
            String c = e.getClassName();
            if (!c.startsWith("dev.dragonpool.runtime.") && !e.getMethodName().startsWith("$dp$")) {
                return e.toString();
            }
        }
        return "an unknown place";
    }
}
