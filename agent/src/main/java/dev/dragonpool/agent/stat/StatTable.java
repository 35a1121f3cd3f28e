package dev.dragonpool.agent.stat;

import dev.dragonpool.runtime.jmx.DragonpoolJmx;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.System.Logger.Level;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.MBeanServerConnection;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;

/**
 * Formats Dragonpool's MXBeans as {@code vmstat}-like text: one table of arenas, one line per pool
 * (object caches, MPIPEs, zones: {@code vmstat -z}), one line per malloc type ({@code vmstat -m}),
 * and the agent's counters. Used by {@link StatCommand} over a remote JMX connection and by the
 * agent in-process ({@link #printLocal(PrintStream)}, the {@code report=exit} option), so both show
 * the same table.
 *
 * <p>It reads beans generically (query {@code dev.dragonpool:*}, read every readable attribute), so
 * it needs none of the MXBean interfaces and tolerates beans with fewer or more attributes than it
 * knows. Sizes are printed human-readable (K, M, G), counts exactly; a limit of -1 prints as
 * {@code -}. Given a previous snapshot, the counters become per-second rates over the interval
 * ({@code REQ/s}, {@code EXH/s}, {@code FAIL/s}, and the hit ratio of the interval).
 */
public final class StatTable {

    private static final System.Logger LOG = System.getLogger("dev.dragonpool.stat");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());
    private static final List<String> POOL_KINDS = List.of("ObjCache", "MPipe", "Zone");

    /** One bean: its type and name keys and its attribute values. */
    static final class Bean {
        final String type;
        final String name;
        final Map<String, Object> attrs;

        Bean(String type, String name, Map<String, Object> attrs) {
            this.type = type;
            this.name = name;
            this.attrs = attrs;
        }

        String key() {
            return type + '\u0000' + name;
        }

        /** A numeric attribute, or {@code missing} when absent or not a number. */
        long num(String attr, long missing) {
            Object v = attrs.get(attr);
            return v instanceof Number ? ((Number) v).longValue() : missing;
        }

        String str(String attr) {
            Object v = attrs.get(attr);
            return v == null ? "" : v.toString();
        }
    }

    /** Every Dragonpool bean of one JVM at one moment. */
    static final class Snapshot {
        final long wallMillis;
        final long nanos;
        final List<Bean> beans;

        Snapshot(long wallMillis, long nanos, List<Bean> beans) {
            this.wallMillis = wallMillis;
            this.nanos = nanos;
            this.beans = beans;
        }

        List<Bean> ofType(String type) {
            List<Bean> out = new ArrayList<>();
            for (Bean b : beans) {
                if (b.type.equals(type)) {
                    out.add(b);
                }
            }
            out.sort(Comparator.comparing(b -> b.name));
            return out;
        }

        List<Bean> pools() {
            List<Bean> out = new ArrayList<>();
            for (String kind : POOL_KINDS) {
                out.addAll(ofType(kind));
            }
            return out;
        }

        boolean isEmpty() {
            return beans.isEmpty();
        }
    }

    private StatTable() {
    }

    /**
     * Prints the table of the Dragonpool beans a connection sees (totals, no rates).
     *
     * @param connection an MBean server connection, local or remote
     * @param out where to print
     * @throws IOException when the connection fails
     */
    public static void print(MBeanServerConnection connection, PrintStream out) throws IOException {
        out.print(format(read(connection), null));
        out.flush();
    }

    /**
     * Prints the table for this JVM's pools, for the agent's report at exit: from the platform MBean
     * server when the beans are published, otherwise from a private snapshot of the live pools. Never
     * throws; a failure is logged ({@code dev.dragonpool.stat}) and nothing printed.
     *
     * @param out where to print
     */
    public static void printLocal(PrintStream out) {
        try {
            MBeanServer server = DragonpoolJmx.isStarted()
                    ? ManagementFactory.getPlatformMBeanServer() : DragonpoolJmx.snapshotServer();
            print(server, out);
        } catch (IOException | RuntimeException | LinkageError e) {
            LOG.log(Level.WARNING, "dragonpool: cannot print the pool report: " + e, e);
        }
    }

    /** Reads every {@code dev.dragonpool} bean; beans that vanish meanwhile are skipped. */
    static Snapshot read(MBeanServerConnection c) throws IOException {
        long wall = System.currentTimeMillis();
        long nanos = System.nanoTime();
        Set<ObjectName> names;
        try {
            names = c.queryNames(new ObjectName(DragonpoolJmx.DOMAIN + ":*"), null);
        } catch (MalformedObjectNameException e) {
            throw new IllegalStateException(e);
        }
        List<Bean> beans = new ArrayList<>();
        for (ObjectName n : names) {
            try {
                MBeanAttributeInfo[] infos = c.getMBeanInfo(n).getAttributes();
                List<String> readable = new ArrayList<>();
                for (MBeanAttributeInfo ai : infos) {
                    if (ai.isReadable()) {
                        readable.add(ai.getName());
                    }
                }
                AttributeList values = c.getAttributes(n, readable.toArray(new String[0]));
                Map<String, Object> attrs = new LinkedHashMap<>();
                for (Attribute a : values.asList()) {
                    attrs.put(a.getName(), a.getValue());
                }
                String type = n.getKeyProperty("type");
                String name = unquote(n.getKeyProperty("name"));
                if (name == null) {
                    name = attrs.containsKey("Name") ? String.valueOf(attrs.get("Name")) : "";
                }
                beans.add(new Bean(type == null ? "" : type, name, attrs));
            } catch (InstanceNotFoundException e) {
                // Destroyed between query and read: not part of this snapshot.
            } catch (JMException e) {
                LOG.log(Level.DEBUG, "dragonpool stat: cannot read " + n + ": " + e);
            }
        }
        return new Snapshot(wall, nanos, beans);
    }

    private static String unquote(String v) {
        if (v != null && v.length() >= 2 && v.startsWith("\"")) {
            try {
                return ObjectName.unquote(v);
            } catch (IllegalArgumentException e) {
                return v;
            }
        }
        return v;
    }

    /**
     * The text of one report.
     *
     * @param now  the snapshot to print
     * @param prev an earlier snapshot of the same JVM for rates, or {@code null} for totals
     */
    static String format(Snapshot now, Snapshot prev) {
        StringBuilder sb = new StringBuilder();
        double seconds = prev == null ? 0 : Math.max(1e-3, (now.nanos - prev.nanos) / 1e9);
        Map<String, Bean> before = new HashMap<>();
        if (prev != null) {
            for (Bean b : prev.beans) {
                before.put(b.key(), b);
            }
        }

        List<Bean> arenas = now.ofType("Arena");
        if (!arenas.isEmpty()) {
            Table t = new Table("ARENA", "BUDGET", "CHARGED", "HIGH", "USED%", "RECLAIMS", "RECLAIMED", "FAILURES",
                    "PAGES", "DIRECT");
            for (Bean a : arenas) {
                long budget = a.num("Budget", 0);
                long charged = a.num("Charged", 0);
                long pagesTotal = a.num("PagesTotal", 0);
                t.row(a.name, size(budget), size(charged), size(a.num("HighWater", 0)),
                        budget == 0 ? "-" : percent((double) charged / budget), count(a.num("Reclaims", -1)),
                        size(a.num("ReclaimedBytes", 0)), count(a.num("Failures", -1)),
                        pagesTotal == 0 ? "-" : a.num("PagesInUse", 0) + "/" + pagesTotal,
                        size(a.num("DirectBytes", 0)));
            }
            t.appendTo(sb);
            sb.append('\n');
        }

        boolean rates = prev != null;
        Table pools = new Table("KIND", "NAME", "SIZE", "LIMIT", "INUSE", "CACHED", "HIGH",
                rates ? "REQ/s" : "REQUESTS", "HIT%", rates ? "EXH/s" : "EXHAUST", rates ? "FAIL/s" : "FAIL", "MEMORY");
        for (Bean p : now.pools()) {
            Bean q = before.get(p.key());
            long requests = p.num("Requests", 0);
            long hits = p.num("Hits", 0);
            String reqCol;
            String exhCol;
            String failCol;
            String hitCol;
            if (rates) {
                long dReq = q == null ? requests : requests - q.num("Requests", 0);
                long dHits = q == null ? hits : hits - q.num("Hits", 0);
                reqCol = rate(dReq / seconds);
                exhCol = rate(delta(p, q, "Exhausted") / seconds);
                failCol = rate(delta(p, q, "Failures") / seconds);
                hitCol = dReq <= 0 ? "-" : percent((double) dHits / dReq);
            } else {
                reqCol = count(requests);
                exhCol = count(p.num("Exhausted", 0));
                failCol = count(p.num("Failures", 0));
                hitCol = requests <= 0 ? "-" : percent((double) hits / requests);
            }
            long objSize = p.num("ObjectSize", 0);
            pools.row(kind(p), p.name, objSize <= 0 ? "-" : size(objSize), limit(p.num("Limit", -1)),
                    count(p.num("InUse", 0)), count(p.num("Cached", 0)), count(p.num("HighWater", 0)),
                    reqCol, hitCol, exhCol, failCol, size(p.num("MemoryHeld", 0)));
        }
        if (pools.isEmpty()) {
            sb.append("no pools\n");
        } else {
            pools.appendTo(sb);
        }

        List<Bean> types = now.ofType("MallocType");
        if (!types.isEmpty()) {
            sb.append('\n');
            Table t = new Table("TYPE", "INUSE", "MEMUSE", "HIGHUSE", "LIMIT", rates ? "REQ/s" : "REQUESTS",
                    rates ? "FAIL/s" : "FAIL");
            for (Bean m : types) {
                Bean q = before.get(m.key());
                long limit = m.num("Limit", -1);
                t.row(m.name, count(m.num("InUse", 0)), size(m.num("MemUse", 0)), size(m.num("HighUse", 0)),
                        limit < 0 ? "-" : size(limit),
                        rates ? rate(delta(m, q, "Requests") / seconds) : count(m.num("Requests", 0)),
                        rates ? rate(delta(m, q, "Failures") / seconds) : count(m.num("Failures", 0)));
            }
            t.appendTo(sb);
        }

        for (Bean a : now.ofType("Agent")) {
            sb.append('\n');
            String version = a.str("Version");
            sb.append("agent").append(version.isEmpty() ? "" : " " + version).append(": ")
                    .append(count(a.num("ClassesEnhanced", 0))).append(" classes enhanced, ")
                    .append(count(a.num("ClassesRefused", 0))).append(" refused, ")
                    .append(count(a.num("CallSitesRewritten", 0))).append(" call sites rewritten, ")
                    .append(count(a.num("CallSitesSkipped", 0))).append(" skipped");
            String leaks = a.str("LeakDetection");
            if (!leaks.isEmpty() && !leaks.equals("off")) {
                sb.append(", ").append(count(a.num("Leaks", 0))).append(" leaked (leaks=").append(leaks).append(')');
            }
            sb.append('\n');
            Object refused = a.attrs.get("RefusedClasses");
            if (refused instanceof TabularData) {
                List<String[]> rows = new ArrayList<>();
                for (Object row : ((TabularData) refused).values()) {
                    CompositeData c = (CompositeData) row;
                    rows.add(new String[] {String.valueOf(c.get("key")), String.valueOf(c.get("value"))});
                }
                rows.sort(Comparator.comparing(r -> r[0]));
                for (String[] r : rows) {
                    sb.append("  refused ").append(r[0]).append(": ").append(r[1]).append('\n');
                }
            }
        }
        return sb.toString();
    }

    /** A heading line for one report of a repeated ({@code -w}) run. */
    static String heading(Snapshot now, Snapshot prev) {
        String at = TIME.format(Instant.ofEpochMilli(now.wallMillis));
        if (prev == null) {
            return "--- " + at + " totals\n";
        }
        return String.format(Locale.ROOT, "--- %s rates over %.1f s%n", at, (now.nanos - prev.nanos) / 1e9);
    }

    /**
     * The snapshot as one line of JSON: {@code pid}, {@code time} (epoch ms), arrays {@code arenas},
     * {@code pools}, {@code mallocTypes} of objects holding {@code type}, {@code name} and every
     * attribute (lower camel case, sorted), then {@code agent} (an object or null).
     */
    static String json(Snapshot s, long pid) {
        StringBuilder sb = new StringBuilder();
        sb.append("{\"pid\":").append(pid).append(",\"time\":").append(s.wallMillis);
        section(sb, "arenas", s.ofType("Arena"));
        section(sb, "pools", s.pools());
        section(sb, "mallocTypes", s.ofType("MallocType"));
        List<Bean> agent = s.ofType("Agent");
        sb.append(",\"agent\":");
        if (agent.isEmpty()) {
            sb.append("null");
        } else {
            beanJson(sb, agent.get(0));
        }
        sb.append("}\n");
        return sb.toString();
    }

    private static void section(StringBuilder sb, String key, List<Bean> beans) {
        sb.append(",\"").append(key).append("\":[");
        for (int i = 0; i < beans.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            beanJson(sb, beans.get(i));
        }
        sb.append(']');
    }

    private static void beanJson(StringBuilder sb, Bean b) {
        Map<String, Object> sorted = new TreeMap<>();
        for (Map.Entry<String, Object> e : b.attrs.entrySet()) {
            String k = e.getKey();
            sorted.put(k.isEmpty() ? k : Character.toLowerCase(k.charAt(0)) + k.substring(1), e.getValue());
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", b.type);
        m.put("name", b.name);
        sorted.forEach(m::putIfAbsent);
        Json.object(sb, m);
    }

    private static long delta(Bean now, Bean before, String attr) {
        long n = now.num(attr, 0);
        return before == null ? n : n - before.num(attr, 0);
    }

    private static String kind(Bean b) {
        String k = b.str("Kind");
        return k.isEmpty() ? b.type.toLowerCase(Locale.ROOT) : k;
    }

    static String count(long n) {
        return n < 0 ? "-" : Long.toString(n);
    }

    static String limit(long n) {
        return n < 0 ? "-" : Long.toString(n);
    }

    static String percent(double ratio) {
        return String.format(Locale.ROOT, "%.1f%%", ratio * 100);
    }

    static String rate(double perSecond) {
        if (perSecond < 0) {
            perSecond = 0;
        }
        if (perSecond < 10) {
            return String.format(Locale.ROOT, "%.1f", perSecond);
        }
        if (perSecond < 100_000) {
            return Long.toString(Math.round(perSecond));
        }
        return scaled(perSecond, 1000, "KMGTPE");
    }

    /**
     * A byte count for people: below 1 KiB exact ({@code 512}), then one decimal below 10 units
     * ({@code 4.0K}, {@code 1.5M}) and whole units above ({@code 12M}, {@code 256M}); negative prints as {@code -}.
     */
    static String size(long bytes) {
        if (bytes < 0) {
            return "-";
        }
        if (bytes < 1024) {
            return Long.toString(bytes);
        }
        return scaled(bytes, 1024, "KMGTPE");
    }

    private static String scaled(double v, int base, String units) {
        int u = -1;
        while (v >= base && u < units.length() - 1) {
            v /= base;
            u++;
        }
        // Rounding may carry into the next unit (1023.96K prints as 1024K, acceptable and honest).
        return v < 10 ? String.format(Locale.ROOT, "%.1f%c", v, units.charAt(u))
                : String.format(Locale.ROOT, "%d%c", Math.round(v), units.charAt(u));
    }

    /** Aligned columns: the first and any NAME or MAIN column left-aligned, the rest right-aligned. */
    static final class Table {
        private final String[] header;
        private final List<String[]> rows = new ArrayList<>();

        Table(String... header) {
            this.header = header;
        }

        void row(String... cells) {
            rows.add(cells);
        }

        boolean isEmpty() {
            return rows.isEmpty();
        }

        void appendTo(StringBuilder sb) {
            int[] w = new int[header.length];
            for (int i = 0; i < header.length; i++) {
                w[i] = header[i].length();
            }
            for (String[] r : rows) {
                for (int i = 0; i < r.length; i++) {
                    w[i] = Math.max(w[i], r[i].length());
                }
            }
            line(sb, header, w);
            for (String[] r : rows) {
                line(sb, r, w);
            }
        }

        private void line(StringBuilder sb, String[] cells, int[] w) {
            StringBuilder l = new StringBuilder();
            for (int i = 0; i < cells.length; i++) {
                if (i > 0) {
                    l.append("  ");
                }
                boolean left = i == 0 || "NAME".equals(header[i]) || "MAIN".equals(header[i]);
                String c = cells[i];
                if (left) {
                    l.append(c).append(" ".repeat(w[i] - c.length()));
                } else {
                    l.append(" ".repeat(w[i] - c.length())).append(c);
                }
            }
            int end = l.length();
            while (end > 0 && l.charAt(end - 1) == ' ') {
                end--;
            }
            sb.append(l, 0, end).append('\n');
        }
    }
}
