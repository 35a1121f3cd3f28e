package dev.dragonpool.runtime.internal.agent;

import dev.dragonpool.runtime.internal.Threads;
import dev.dragonpool.runtime.jfr.DragonpoolEvents;
import java.lang.ref.PhantomReference;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Sampled tracking of pooled instances that were acquired and never released before the garbage
 * collector took them ({@code leaks=sample|paranoid}), in the manner of Netty's leak detector.
 *
 * <p>Tracking: at acquire, one instance in {@value #SAMPLE_INTERVAL} ({@code sample}) or every
 * instance ({@code paranoid}) gets a {@link PhantomReference} recording the class and the
 * acquiring stack trace, kept in the instance's synthetic {@code $dp$leak} field (which exists
 * only when leak tracking is on) and in a concurrent set that keeps the reference itself
 * reachable. Release (and the discard of an instance whose constructor threw) clears it. A
 * reference the collector enqueues therefore belongs to a leaked instance.
 *
 * <p>Reporting: a daemon thread ({@code dragonpool-leaks}, started with the first tracked
 * acquire) blocks on the reference queue and reports each leak as the collector finds it, so a
 * leak is reported even if nothing is acquired afterwards: it is counted in total
 * ({@link AgentCounters#LEAKS}, JMX {@code Agent.Leaks}) and per class name (JMX
 * {@code ObjCache.Leaks}, {@link #leaks(String)}), emitted as a JFR {@code dev.dragonpool.Leak}
 * event, and logged in one line the first time each acquisition site leaks (later leaks from that
 * site are counted, not logged, so a leak in a loop does not flood the log). At JVM exit the
 * agent calls {@link #atExit(long)}: while tracked instances are still unreleased it runs at
 * most two {@link System#gc()} rounds and drains the queue for a bounded time, then returns one
 * summary line (count per class, the top acquisition sites) for the agent to print.
 *
 * <p>Counts are per class name: same-named classes of different class loaders share one count
 * (their caches are told apart in JMX by {@code instance=N}, their leaks are not). The per-class
 * and per-site tables keep at most {@value #MAX_KEYS} entries each; the totals keep counting.
 *
 * <p>Concurrency: the daemon and the exit round may both take references from the queue; the
 * queue hands each out once, and removal from the live set decides who reports it, so each leak
 * is counted once. The counts are racy reads while leaks are being found (approximate by design).
 * Forgetting to release costs pooling, never correctness, so this is a diagnostic, off by
 * default: it allocates a stack trace per tracked acquire.
 */
public final class LeakTracker {
    static final int SAMPLE_INTERVAL = 128;
    static final int MAX_KEYS = 4096;
    /** Sites named in the exit summary. */
    static final int TOP_SITES = 3;
    /** How long the exit round waits for the collector to enqueue references after a {@code System.gc()}. */
    static final long SETTLE_MILLIS = 20;
    private static final ReferenceQueue<Object> QUEUE = new ReferenceQueue<>();
    private static final Set<Leak> LIVE = ConcurrentHashMap.newKeySet();
    private static final Map<String, Counter> BY_CLASS = new ConcurrentHashMap<>();
    private static final Map<String, Site> BY_SITE = new ConcurrentHashMap<>();
    private static volatile String mode = "off";
    private static volatile Thread reporter;

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

    /** One acquisition site of one class that leaked. */
    static final class Site {
        final String className;
        final String where;
        final Counter count = new Counter();

        Site(String className, String where) {
            this.className = className;
            this.where = where;
        }
    }

    /**
     * Says which mode the agent runs in, for JMX and the summary lines. Which classes are tracked
     * is decided per class when it is registered ({@link PoolHandle#track}); leak lines go through
     * {@link AgentLines}.
     *
     * @param leakMode {@code off}, {@code sample} or {@code paranoid}
     */
    public static void configure(String leakMode) {
        mode = leakMode;
    }

    /** @return the mode the agent configured: {@code off}, {@code sample} or {@code paranoid} */
    public static String mode() {
        return mode;
    }

    /**
     * Starts tracking an acquired instance (one in {@value #SAMPLE_INTERVAL}, or every one when
     * paranoid).
     *
     * @return the reference the instance keeps in its {@code $dp$leak} field, or {@code null}
     */
    static Object acquired(Object obj, boolean paranoid) {
        if (!paranoid && ThreadLocalRandom.current().nextInt(SAMPLE_INTERVAL) != 0) {
            return null;
        }
        if (reporter == null) {
            startReporter();
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

    private static synchronized void startReporter() {
        if (reporter != null) {
            return;
        }
        Thread t = Threads.daemon(new Runnable() {
            @Override
            public void run() {
                for (;;) {
                    Reference<?> r;
                    try {
                        r = QUEUE.remove();
                    } catch (InterruptedException e) {
                        return;
                    }
                    report(r);
                }
            }
        }, "dragonpool-leaks");
        t.start();
        reporter = t;
    }

    /** Reports every leak the collector has found and nobody reported yet, without waiting. */
    public static void poll() {
        for (Reference<?> r; (r = QUEUE.poll()) != null;) {
            report(r);
        }
    }

    private static void report(Reference<?> r) {
        Leak l = (Leak) r;
        if (!LIVE.remove(l)) {
            return; // released (cleared) meanwhile, or reported by the other reader
        }
        AgentCounters.LEAKS.increment();
        counter(BY_CLASS, l.className).increment();
        String where = site(l.acquiredAt);
        DragonpoolEvents.leak(l.className, where);
        String key = l.className + ' ' + where;
        Site s = BY_SITE.get(key);
        boolean first = false;
        if (s == null && BY_SITE.size() < MAX_KEYS) {
            Site fresh = new Site(l.className, where);
            s = BY_SITE.putIfAbsent(key, fresh);
            if (s == null) {
                s = fresh;
                first = true;
            }
        }
        if (s != null) {
            s.count.increment();
        }
        if (first) {
            AgentLines.log(System.Logger.Level.WARNING, "LEAK: an instance of " + l.className + " acquired at " + where + " was garbage-collected without"
                    + " being released: pooling lost it, nothing else; release every instance (Pooling.release or a"
                    + " @Release method) (later leaks from this site are counted, not logged)");
        }
    }

    private static Counter counter(Map<String, Counter> m, String key) {
        Counter c = m.get(key);
        if (c == null) {
            if (m.size() >= MAX_KEYS) {
                return new Counter(); // table full: the total still counts
            }
            Counter fresh = new Counter();
            c = m.putIfAbsent(key, fresh);
            if (c == null) {
                c = fresh;
            }
        }
        return c;
    }

    /**
     * Leaked instances of a class found so far.
     *
     * @param className binary name
     * @return the count, 0 when none (or leak tracking is off)
     */
    public static long leaks(String className) {
        Counter c = BY_CLASS.get(className);
        return c == null ? 0 : c.sum();
    }

    /** @return leaked instances found so far per class name, sorted by name */
    public static Map<String, Long> leaksByClass() {
        Map<String, Long> m = new TreeMap<>();
        for (Map.Entry<String, Counter> e : BY_CLASS.entrySet()) {
            m.put(e.getKey(), e.getValue().sum());
        }
        return m;
    }

    /**
     * The last chance to find leaks, run by the agent when the JVM exits: while tracked instances
     * are unreleased, at most two rounds of {@link System#gc()} followed by draining the queue
     * until it stays empty for {@value #SETTLE_MILLIS} ms, all within {@code budgetMillis} (a
     * collection already running is not interrupted). Does nothing when nothing is tracked.
     *
     * @param budgetMillis how long to wait for the collector at most
     * @return the summary line ({@link #summary()}), or {@code null} when no leak was found
     */
    public static String atExit(long budgetMillis) {
        long deadline = System.nanoTime() + budgetMillis * 1_000_000L;
        poll();
        for (int round = 0; round < 2 && !LIVE.isEmpty() && System.nanoTime() < deadline; round++) {
            System.gc();
            try {
                for (;;) {
                    long left = (deadline - System.nanoTime()) / 1_000_000L;
                    if (left <= 0) {
                        break;
                    }
                    Reference<?> r = QUEUE.remove(Math.min(left, SETTLE_MILLIS));
                    if (r == null) {
                        break;
                    }
                    report(r);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return summary();
    }

    /**
     * One line: how many leaked instances were found, per class, and the acquisition sites that
     * leaked most.
     *
     * @return the line, or {@code null} when no leak was found
     */
    public static String summary() {
        long total = AgentCounters.LEAKS.sum();
        if (total == 0) {
            return null;
        }
        StringBuilder sb = new StringBuilder("leaks: ").append(total)
                .append(total == 1 ? " pooled instance was" : " pooled instances were")
                .append(" garbage-collected without a release (");
        String sep = "";
        for (Map.Entry<String, Long> e : leaksByClass().entrySet()) {
            sb.append(sep).append(e.getKey()).append(' ').append(e.getValue());
            sep = ", ";
        }
        sb.append("); top acquisition sites: ");
        List<Site> sites = new ArrayList<>(BY_SITE.values());
        sites.sort(Comparator.comparingLong((Site s) -> -s.count.sum()).thenComparing(s -> s.where));
        sep = "";
        for (int i = 0; i < sites.size() && i < TOP_SITES; i++) {
            Site s = sites.get(i);
            sb.append(sep).append(s.where).append(' ').append(s.count.sum()).append(" (").append(s.className).append(')');
            sep = ", ";
        }
        sb.append("; release every instance (Pooling.release or a @Release method)");
        if ("sample".equals(mode)) {
            sb.append("; leaks=sample tracks one acquire in ").append(SAMPLE_INTERVAL)
                    .append(": each leak found stands for about ").append(SAMPLE_INTERVAL);
        }
        return sb.toString();
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
