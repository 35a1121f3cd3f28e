package dev.dragonpool.examples.harness;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Counts what the garbage collectors did during one measured phase, from the GC MXBeans: per
 * collector bean the collections and the accumulated time, and (from the beans' notifications)
 * each collection's start and duration, for the pause timeline of the charts.
 *
 * <p>Classification: a bean whose name ends in {@code Cycles} (ZGC, Shenandoah) counts
 * concurrent cycles, whose time is mostly spent beside the application, not a pause; every other
 * bean counts stop-the-world pauses ({@code G1 Young Generation}, {@code PS Scavenge},
 * {@code ZGC Pauses}, {@code G1 Concurrent GC}'s remark and cleanup, ...). A bean is "young" when
 * its name says Young, Scavenge, Minor or Copy, "old" when it says Old, MarkSweep, Major or
 * Concurrent, and "whole heap" otherwise (non-generational ZGC).
 *
 * <p>Precision: bean times are what the JVM accumulated (milliseconds, summed from precise
 * timers); a notification's duration is whole milliseconds, so sub-millisecond pauses appear as
 * 0 in the timeline while still counted in the totals.
 */
public final class GcWatch implements NotificationListener {
    private final List<GarbageCollectorMXBean> beans = ManagementFactory.getGarbageCollectorMXBeans();
    private final long[] count0 = new long[beans.size()];
    private final long[] time0 = new long[beans.size()];
    private final long[] count1 = new long[beans.size()];
    private final long[] time1 = new long[beans.size()];
    /** Every notification seen, as {@code name|cause|id|startUptimeMs|durationMs}. */
    private final List<String> events = new ArrayList<>();
    private volatile long startUptimeMs;

    /** Registers for the collectors' notifications. */
    public GcWatch() {
        for (GarbageCollectorMXBean b : beans) {
            if (b instanceof NotificationEmitter) {
                ((NotificationEmitter) b).addNotificationListener(this, null, null);
            }
        }
    }

    /** Begins the measured phase: takes the beans' counters and records collections from now on. */
    public void start() {
        for (int i = 0; i < beans.size(); i++) {
            count0[i] = beans.get(i).getCollectionCount();
            time0[i] = beans.get(i).getCollectionTime();
        }
        startUptimeMs = ManagementFactory.getRuntimeMXBean().getUptime();
    }

    /**
     * Ends the measured phase: takes the beans' counters, then waits (up to two seconds) for the
     * notifications of the phase's collections, which the JVM delivers asynchronously.
     */
    public void stop() {
        int expected = 0;
        for (int i = 0; i < beans.size(); i++) {
            count1[i] = beans.get(i).getCollectionCount();
            time1[i] = beans.get(i).getCollectionTime();
            expected += (int) (count1[i] - count0[i]);
        }
        long giveUp = System.nanoTime() + 2_000_000_000L;
        while (inPhase().size() < expected && System.nanoTime() < giveUp) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * The notifications of the phase's collections: those whose collection number (per collector,
     * {@code GcInfo.getId()}) lies between the counts taken at start and at stop. Exact, where
     * timestamps would need the GC clock and the uptime clock to agree.
     */
    private List<String[]> inPhase() {
        List<String[]> in = new ArrayList<>();
        synchronized (events) {
            for (String e : events) {
                String[] f = e.split("\\|");
                for (int i = 0; i < beans.size(); i++) {
                    long id = Long.parseLong(f[2]);
                    if (beans.get(i).getName().equals(f[0]) && id > count0[i] && id <= count1[i]) {
                        in.add(f);
                    }
                }
            }
        }
        return in;
    }

    @Override
    public void handleNotification(Notification n, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
        String e = String.format(Locale.ROOT, "%s|%s|%d|%d|%d", info.getGcName(), info.getGcCause(), info.getGcInfo().getId(),
                info.getGcInfo().getStartTime(), info.getGcInfo().getDuration());
        synchronized (events) {
            events.add(e);
        }
    }

    /**
     * Writes the phase's results: per bean {@code gc.bean.N.name/count/timeMs/kind}, the totals
     * {@code gc.young.*}, {@code gc.old.*}, {@code gc.heap.*} (pauses: count and ms),
     * {@code gc.concurrent.*} (cycles), {@code gc.pause.count/totalMs/maxMs} and the event list
     * {@code gc.events} ({@code name|cause|startMs|durationMs;...}, start relative to the phase).
     *
     * @param out where to put the keys
     */
    public void writeTo(Map<String, String> out) {
        long[] youngC = new long[1], youngT = new long[1], oldC = new long[1], oldT = new long[1];
        long[] heapC = new long[1], heapT = new long[1], concC = new long[1], concT = new long[1];
        StringBuilder names = new StringBuilder();
        for (int i = 0; i < beans.size(); i++) {
            String name = beans.get(i).getName();
            long c = count1[i] - count0[i];
            long t = time1[i] - time0[i];
            String kind = kind(name);
            out.put("gc.bean." + i + ".name", name);
            out.put("gc.bean." + i + ".kind", kind);
            out.put("gc.bean." + i + ".count", Long.toString(c));
            out.put("gc.bean." + i + ".timeMs", Long.toString(t));
            names.append(i == 0 ? "" : ", ").append(name);
            switch (kind) {
                case "young": youngC[0] += c; youngT[0] += t; break;
                case "old": oldC[0] += c; oldT[0] += t; break;
                case "heap": heapC[0] += c; heapT[0] += t; break;
                default: concC[0] += c; concT[0] += t; break;
            }
        }
        out.put("gc.beans", Integer.toString(beans.size()));
        out.put("gc.names", names.toString());
        out.put("gc.young.count", Long.toString(youngC[0]));
        out.put("gc.young.timeMs", Long.toString(youngT[0]));
        out.put("gc.old.count", Long.toString(oldC[0]));
        out.put("gc.old.timeMs", Long.toString(oldT[0]));
        out.put("gc.heap.count", Long.toString(heapC[0]));
        out.put("gc.heap.timeMs", Long.toString(heapT[0]));
        out.put("gc.concurrent.count", Long.toString(concC[0]));
        out.put("gc.concurrent.timeMs", Long.toString(concT[0]));
        out.put("gc.pause.count", Long.toString(youngC[0] + oldC[0] + heapC[0]));
        out.put("gc.pause.totalMs", Long.toString(youngT[0] + oldT[0] + heapT[0]));
        long max = 0;
        StringBuilder ev = new StringBuilder();
        for (String[] f : inPhase()) {
            long duration = Long.parseLong(f[4]);
            if (!kind(f[0]).equals("concurrent")) {
                max = Math.max(max, duration);
            }
            ev.append(ev.length() == 0 ? "" : ";").append(f[0]).append('|').append(f[1]).append('|')
                    .append(Long.parseLong(f[3]) - startUptimeMs).append('|').append(duration);
        }
        out.put("gc.pause.maxMs", Long.toString(max));
        out.put("gc.events", ev.toString());
    }

    /**
     * Classifies a collector bean by its name (see the class comment).
     *
     * @param bean the bean's name
     * @return {@code young}, {@code old}, {@code heap} (stop-the-world pauses) or {@code concurrent}
     */
    public static String kind(String bean) {
        if (bean.endsWith("Cycles")) {
            return "concurrent";
        }
        if (bean.contains("Young") || bean.contains("Scavenge") || bean.contains("Minor") || bean.equals("Copy")) {
            return "young";
        }
        if (bean.contains("Old") || bean.contains("MarkSweep") || bean.contains("Major") || bean.contains("Concurrent")) {
            return "old";
        }
        return "heap";
    }
}
