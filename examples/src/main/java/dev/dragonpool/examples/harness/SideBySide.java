package dev.dragonpool.examples.harness;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Two runs of one example, without and with the agent: prints them as a table side by side and
 * turns them into the JSON that the chart program reads ({@code docs/examples.md} describes
 * both).
 */
public final class SideBySide {
    /** How a row's values are shown. */
    public enum Format {
        /** An integer with thousands separators. */
        COUNT,
        /** One decimal. */
        ONE,
        /** Two decimals. */
        TWO,
        /** As recorded. */
        TEXT
    }

    /**
     * One line of the table.
     *
     * @param label what the line shows
     * @param key the recorded key
     * @param format how to show it
     * @param optional hide the line when both runs have 0 or nothing
     */
    public record Row(String label, String key, Format format, boolean optional) {
    }

    private final Properties without;
    private final Properties with;

    /**
     * @param without the run without the agent
     * @param with the run with the agent
     */
    public SideBySide(Properties without, Properties with) {
        this.without = without;
        this.with = with;
    }

    /**
     * Formats the table.
     *
     * @param rows the lines to show
     * @return the table, one line per row, then the pool lines of the run with the agent
     */
    public String table(List<Row> rows) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%-40s %18s %18s %12s%n", "", "without agent", "with agent", "with/without"));
        for (Row r : rows) {
            String a = without.getProperty(r.key());
            String b = with.getProperty(r.key());
            if (r.optional() && isZero(a) && isZero(b)) {
                continue;
            }
            out.append(String.format(Locale.ROOT, "%-40s %18s %18s %12s%n", r.label(), show(a, r.format()),
                    show(b, r.format()), ratio(a, b, r.format())));
        }
        for (Properties p : List.of(with, without)) {
            int pools = Integer.parseInt(p.getProperty("pools", "0"));
            for (int i = 0; i < pools; i++) {
                String k = "pool." + i + ".";
                long req = Long.parseLong(p.getProperty(k + "requested"));
                long reused = Long.parseLong(p.getProperty(k + "reused"));
                out.append(String.format(Locale.ROOT,
                        "pool %-12s acquired %,13d  reused %,13d  created %,9d  hit rate %6.2f%%  in use %,9d  cached %,7d%n",
                        p.getProperty(k + "name"), req, reused, Long.parseLong(p.getProperty(k + "created")),
                        req == 0 ? 0.0 : 100.0 * reused / req, Long.parseLong(p.getProperty(k + "inUse")),
                        Long.parseLong(p.getProperty(k + "cached"))));
            }
        }
        for (Properties p : List.of(without, with)) {
            int types = Integer.parseInt(p.getProperty("mallocs", "0"));
            String side = p == with ? "with agent" : "without agent";
            for (int i = 0; i < types; i++) {
                String k = "malloc." + i + ".";
                out.append(String.format(Locale.ROOT,
                        "kmalloc %-12s (%s) requests %,12d  in use %,6d  mem use %,10d B  high %,10d B  failures %d%n",
                        p.getProperty(k + "name"), side, Long.parseLong(p.getProperty(k + "requests")),
                        Long.parseLong(p.getProperty(k + "inUse")), Long.parseLong(p.getProperty(k + "memUse")),
                        Long.parseLong(p.getProperty(k + "highUse")), Long.parseLong(p.getProperty(k + "failures"))));
            }
        }
        return out.toString();
    }

    private static boolean isZero(String v) {
        if (v == null || v.isEmpty()) {
            return true;
        }
        try {
            return Double.parseDouble(v) == 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String show(String v, Format f) {
        if (v == null) {
            return "-";
        }
        try {
            double d = Double.parseDouble(v);
            switch (f) {
                case COUNT: return String.format(Locale.ROOT, "%,d", Math.round(d));
                case ONE: return String.format(Locale.ROOT, "%,.1f", d);
                case TWO: return String.format(Locale.ROOT, "%,.2f", d);
                default: return v;
            }
        } catch (NumberFormatException e) {
            return v;
        }
    }

    private static String ratio(String a, String b, Format f) {
        if (a == null || b == null) {
            return "";
        }
        if (f == Format.TEXT) {
            return a.equals(b) ? "same" : "DIFFERENT";
        }
        try {
            double x = Double.parseDouble(a);
            double y = Double.parseDouble(b);
            if (x == 0) {
                return y == 0 ? "" : "-";
            }
            if (y == 0) {
                return "0";
            }
            double r = y / x;
            return r < 0.01 ? String.format(Locale.ROOT, "1/%,.0f", 1 / r)
                    : String.format(Locale.ROOT, r < 10 ? "%.2fx" : "%,.0fx", r);
        } catch (NumberFormatException e) {
            return "";
        }
    }

    /**
     * Builds the JSON of both runs for the chart program.
     *
     * @param example the example's name ({@code orderbook}, {@code network})
     * @param title a one-line description of the workload
     * @param command the command that produced the runs
     * @param gc the collector as asked for ({@code G1 (default)}, {@code ZGC}, ...)
     * @return the JSON text
     */
    public String json(String example, String title, String command, String gc) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("example", example);
        root.put("title", title);
        root.put("command", command);
        root.put("machine", without.getProperty("machine.cpu") + ", " + without.getProperty("machine.cpus") + " CPUs, "
                + without.getProperty("machine.os"));
        root.put("load", "load average " + without.getProperty("machine.load.start") + " to "
                + with.getProperty("machine.load.end"));
        root.put("jdk", without.getProperty("jvm.version") + " (" + without.getProperty("jvm.vendor") + ")");
        root.put("gc", gc);
        root.put("heapMb", number(without.getProperty("heap.max.mb")));
        Map<String, Object> workload = new LinkedHashMap<>();
        for (String k : new java.util.TreeSet<>(without.stringPropertyNames())) {
            if (k.startsWith("workload.")) {
                workload.put(k.substring("workload.".length()), without.getProperty(k));
            }
        }
        root.put("workload", workload);
        List<Object> runs = new ArrayList<>();
        for (Properties p : List.of(without, with)) {
            Map<String, Object> run = new LinkedHashMap<>();
            run.put("agent", p == with);
            run.put("jvmArgs", p.getProperty("jvm.args"));
            Map<String, Object> metrics = new LinkedHashMap<>();
            for (String k : new java.util.TreeSet<>(p.stringPropertyNames())) {
                if (k.startsWith("workload.") || k.endsWith(".curve") || k.equals("gc.events")) {
                    continue;
                }
                metrics.put(k, k.equals("checksum") ? p.getProperty(k) : number(p.getProperty(k)));
            }
            run.put("metrics", metrics);
            List<Object> curve = new ArrayList<>();
            for (String point : p.getProperty("latency.curve", "").split(";")) {
                if (!point.isEmpty()) {
                    String[] pv = point.split(":");
                    curve.add(List.of(Double.parseDouble(pv[0]), Double.parseDouble(pv[1])));
                }
            }
            run.put("latencyCurve", curve);
            List<Object> pauses = new ArrayList<>();
            for (String e : p.getProperty("gc.events", "").split(";")) {
                if (!e.isEmpty()) {
                    String[] f = e.split("\\|");
                    Map<String, Object> ev = new LinkedHashMap<>();
                    ev.put("collector", f[0]);
                    ev.put("kind", GcWatch.kind(f[0]));
                    ev.put("cause", f[1]);
                    ev.put("startMs", Long.parseLong(f[2]));
                    ev.put("durationMs", Long.parseLong(f[3]));
                    pauses.add(ev);
                }
            }
            run.put("gcEvents", pauses);
            runs.add(run);
        }
        root.put("runs", runs);
        return Json.write(root);
    }

    private static Object number(String v) {
        if (v == null) {
            return null;
        }
        try {
            double d = Double.parseDouble(v);
            return Double.isFinite(d) ? (Object) d : v;
        } catch (NumberFormatException e) {
            return v;
        }
    }
}
