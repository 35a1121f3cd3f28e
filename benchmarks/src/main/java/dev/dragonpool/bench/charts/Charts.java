package dev.dragonpool.bench.charts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns results into SVG charts for {@code docs/}: the examples' result files (written by
 * {@code dev.dragonpool.examples.Compare --json}) into latency percentile curves and GC pause
 * bars, without versus with the agent, and JMH's {@code -rf json} files into ns/op bars per
 * peer. Every chart states the machine, the JDK, the collector (or JVM arguments) and the
 * command that produced its numbers. Standard library only.
 *
 * <pre>
 * java -cp benchmarks/target/classes dev.dragonpool.bench.charts.Charts examples OUT_DIR RESULT.json...
 * java -cp benchmarks/target/classes dev.dragonpool.bench.charts.Charts jmh OUT_DIR NAME JMH.json \
 *     [--machine TEXT] [--command TEXT] [--ours objcache,kmalloc,on]
 * </pre>
 *
 * {@code examples} writes {@code NAME-latency.svg} per result file {@code NAME.json} and
 * {@code EXAMPLE-gc.svg} per example (all its result files as rows); {@code jmh} writes
 * {@code jmh-NAME.svg}, or {@code jmh-NAME-METHOD.svg} per benchmark method when the results have
 * a {@code size} parameter.
 */
public final class Charts {
    static final String WITHOUT = "#4477aa";
    static final String WITH = "#ee7733";
    static final String GRID = "#dddddd";
    static final String INK = "#222222";
    static final String MUTED = "#555555";
    static final int WIDTH = 900;
    static final String USAGE = "Charts examples OUT_DIR RESULT.json... | Charts jmh OUT_DIR NAME JMH.json"
            + " [--machine TEXT] [--command TEXT] [--ours objcache,kmalloc,on]";

    private Charts() {
    }

    /**
     * Writes the charts.
     *
     * @param args see the class comment
     * @throws IOException when a file cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 3) {
            System.err.println("charts: usage: " + USAGE);
            System.exit(2);
        }
        Path out = Path.of(args[1]);
        Files.createDirectories(out);
        List<Path> written;
        if (args[0].equals("examples")) {
            Map<String, Map<String, Object>> results = new LinkedHashMap<>();
            for (int i = 2; i < args.length; i++) {
                String file = Path.of(args[i]).getFileName().toString().replaceFirst("\\.json$", "");
                results.put(file, object(JsonReader.parse(Files.readString(Path.of(args[i]))), args[i]));
            }
            written = examples(out, results);
        } else if (args[0].equals("jmh") && args.length >= 4) {
            String machine = "(machine not given: pass --machine)";
            String command = "(command not given: pass --command)";
            String ours = "objcache,kmalloc,on";
            for (int i = 4; i + 1 < args.length; i += 2) {
                switch (args[i]) {
                    case "--machine": machine = args[i + 1]; break;
                    case "--command": command = args[i + 1]; break;
                    case "--ours": ours = args[i + 1]; break;
                    default:
                        System.err.println("charts: unknown option " + args[i] + "; usage: " + USAGE);
                        System.exit(2);
                }
            }
            written = jmh(out, args[2], JsonReader.parse(Files.readString(Path.of(args[3]))), machine, command,
                    List.of(ours.split(",")));
        } else {
            System.err.println("charts: unknown chart kind '" + args[0] + "'; usage: " + USAGE);
            System.exit(2);
            return;
        }
        for (Path p : written) {
            System.out.println("wrote " + p);
        }
    }

    // ---------------------------------------------------------------- examples

    /**
     * Writes the example charts.
     *
     * @param out the folder
     * @param results result files by name (their file names without {@code .json})
     * @return the files written: {@code NAME-latency.svg} per result, {@code EXAMPLE-gc.svg} per example
     */
    static List<Path> examples(Path out, Map<String, Map<String, Object>> results) throws IOException {
        List<Path> written = new ArrayList<>();
        Map<String, List<Map<String, Object>>> byExample = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, Object>> named : results.entrySet()) {
            Map<String, Object> r = named.getValue();
            Path p = out.resolve(named.getKey() + "-latency.svg");
            Files.writeString(p, latencyChart(r));
            written.add(p);
            byExample.computeIfAbsent(str(r, "example"), k -> new ArrayList<>()).add(r);
        }
        for (Map.Entry<String, List<Map<String, Object>>> e : byExample.entrySet()) {
            Path p = out.resolve(e.getKey() + "-gc.svg");
            Files.writeString(p, gcChart(e.getKey(), e.getValue()));
            written.add(p);
        }
        return written;
    }

    /** Latency percentile curves of one result file: x = percentile (log of 1/(1-p)), y = latency (log). */
    static String latencyChart(Map<String, Object> r) {
        Svg svg = new Svg(WIDTH);
        List<Map<String, Object>> runs = objects(r.get("runs"));
        double top = title(svg, str(r, "title"));
        String unit = str(r, "example").equals("orderbook") ? "order" : "request";
        Map<String, Object> w = object(r.get("workload"), "workload");
        String how = "corrected".equals(w.get("pacing"))
                ? "service time, coordinated omission corrected with recordValueWithExpectedInterval"
                : "from each " + unit + "'s due time on a fixed schedule (open loop: no coordinated omission)";
        double below = svg.paragraph(16, top, "Latency per " + unit + " by percentile, " + how + "; HdrHistogram; log-log;"
                + " lower is better", 12, MUTED, 125);
        double x0 = 100;
        double x1 = WIDTH - 30;
        double y0 = below + 2;
        double y1 = y0 + 380;
        double maxP = 0;
        double lo = Double.MAX_VALUE;
        double hi = 0;
        for (Map<String, Object> run : runs) {
            for (Object o : list(run.get("latencyCurve"))) {
                List<Object> pv = list(o);
                double p = dbl(pv.get(0));
                double v = dbl(pv.get(1));
                if (p < 100) {
                    maxP = Math.max(maxP, p);
                }
                if (v > 0) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        if (hi == 0) {
            lo = 1;
            hi = 10;
        }
        int decadesX = (int) Math.max(3, Math.min(6, Math.ceil(Math.log10(1 / (1 - maxP / 100)) - 1e-9)));
        int yLo = (int) Math.floor(Math.log10(lo));
        int yHi = (int) Math.ceil(Math.log10(hi));
        if (yHi == yLo) {
            yHi++;
        }
        final double fx0 = x0;
        final double fx1 = x1;
        final double fy1 = y1;
        final int fyLo = yLo;
        final int fyHi = yHi;
        final double span = decadesX;
        java.util.function.DoubleUnaryOperator px = p -> fx0 + (fx1 - fx0) * Math.min(span, Math.log10(1 / (1 - p / 100))) / span;
        java.util.function.DoubleUnaryOperator py = v -> fy1 - (fy1 - y0) * (Math.log10(Math.max(v, Math.pow(10, fyLo))) - fyLo)
                / (fyHi - fyLo);
        for (int d = 0; d <= decadesX; d++) {
            double p = 100 * (1 - Math.pow(10, -d));
            double x = px.applyAsDouble(p);
            svg.line(x, y0, x, y1, GRID, 1, null);
            svg.text(x, y1 + 18, percentLabel(d), 12, "middle", INK, false);
        }
        for (int e = yLo; e <= yHi; e++) {
            double y = py.applyAsDouble(Math.pow(10, e));
            svg.line(x0, y, x1, y, GRID, 1, null);
            svg.text(x0 - 8, y + 4, micros(Math.pow(10, e)), 12, "end", INK, false);
        }
        svg.line(x0, y1, x1, y1, INK, 1, null);
        svg.line(x0, y0, x0, y1, INK, 1, null);
        svg.text((x0 + x1) / 2, y1 + 38, "percentile", 13, "middle", INK, false);
        svg.textRotated(26, (y0 + y1) / 2, "latency", 13, INK);
        double ly = y1 + 62;
        for (Map<String, Object> run : runs) {
            boolean agent = Boolean.TRUE.equals(run.get("agent"));
            String color = agent ? WITH : WITHOUT;
            List<double[]> pts = new ArrayList<>();
            for (Object o : list(run.get("latencyCurve"))) {
                List<Object> pv = list(o);
                double p = dbl(pv.get(0));
                if (p < 100) {
                    pts.add(new double[] {px.applyAsDouble(p), py.applyAsDouble(dbl(pv.get(1)))});
                }
            }
            svg.polyline(pts, color, agent ? 2.5 : 2);
            Map<String, Object> m = object(run.get("metrics"), "metrics");
            svg.rect(x0, ly - 9, 26, 5, color, null);
            svg.text(x0 + 34, ly, (agent ? "with the agent" : "without the agent") + ":  p50 " + micros(dbl(m.get("latency.p50")))
                    + ",  p99 " + micros(dbl(m.get("latency.p99"))) + ",  p99.9 " + micros(dbl(m.get("latency.p999")))
                    + ",  max " + micros(dbl(m.get("latency.max"))), 12, "start", INK, false);
            ly += 20;
        }
        footer(svg, ly + 14, r);
        return svg.toString();
    }

    static String percentLabel(int decades) {
        if (decades <= 1) {
            return decades == 0 ? "0%" : "90%";
        }
        return String.format(Locale.ROOT, "%." + (decades - 2) + "f%%", 100 * (1 - Math.pow(10, -decades)));
    }

    /** Writes a bold title, wrapped, and returns the baseline for the subtitle. */
    static double title(Svg svg, String title) {
        double y = 26;
        for (String line : Svg.wrap(title, 100)) {
            svg.text(16, y, line.trim(), 15, "start", INK, true);
            y += 20;
        }
        return y;
    }

    static String micros(double us) {
        if (us >= 1_000_000) {
            return trim(us / 1_000_000) + " s";
        }
        if (us >= 1000) {
            return trim(us / 1000) + " ms";
        }
        return trim(us) + " \u00b5s";
    }

    private static String trim(double v) {
        String s = v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : v >= 10 ? String.format(Locale.ROOT, "%.1f", v)
                : String.format(Locale.ROOT, "%.2f", v);
        if (s.contains(".")) {
            s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return s;
    }

    /** Total GC pause time per result file (a row each), without and with the agent. */
    static String gcChart(String example, List<Map<String, Object>> results) {
        Svg svg = new Svg(WIDTH);
        String unit = example.equals("orderbook") ? "order book" : "network service";
        svg.text(16, 26, "The " + unit + ": GC pauses while measuring latency, without and with the agent", 15, "start", INK, true);
        svg.text(16, 46, "Total stop-the-world pause time from the GC MXBeans over the latency phase; shorter is better",
                12, "start", MUTED, false);
        List<Bar> bars = new ArrayList<>();
        for (Map<String, Object> r : results) {
            String cluster = str(r, "gc") + ", JDK " + str(r, "jdk").split(" ")[0] + "  (" + workload(r) + ")";
            for (Map<String, Object> run : objects(r.get("runs"))) {
                boolean agent = Boolean.TRUE.equals(run.get("agent"));
                Map<String, Object> m = object(run.get("metrics"), "metrics");
                long count = (long) dbl(m.get("gc.pause.count"));
                String note = count + (count == 1 ? " pause" : " pauses") + " (young " + (long) dbl(m.get("gc.young.count"))
                        + ", old " + (long) dbl(m.get("gc.old.count"))
                        + (dbl(m.get("gc.heap.count")) > 0 ? ", whole heap " + (long) dbl(m.get("gc.heap.count")) : "")
                        + "), longest " + (long) dbl(m.get("gc.pause.maxMs")) + " ms"
                        + (dbl(m.get("gc.concurrent.count")) > 0 ? "; " + (long) dbl(m.get("gc.concurrent.count"))
                            + " concurrent cycles, " + (long) dbl(m.get("gc.concurrent.timeMs")) + " ms" : "")
                        + "; allocating " + trim(dbl(m.get("alloc.mbPerSec"))) + " MB/s";
                bars.add(new Bar(cluster, agent ? "with agent" : "without agent", dbl(m.get("gc.pause.totalMs")), Double.NaN,
                        agent ? WITH : WITHOUT, note, " ms"));
            }
        }
        double y = barChart(svg, 62, bars, false, "total GC pause time (ms)");
        y = svg.paragraph(16, y + 10, "Each row: one run of the command below it (the same seeded workload without and with"
                + " -javaagent). Pause counts and times cover only the measured phase.", 11, MUTED, 140);
        for (Map<String, Object> r : results) {
            y = footer(svg, y + 8, r);
        }
        return svg.toString();
    }

    private static String workload(Map<String, Object> r) {
        Map<String, Object> w = object(r.get("workload"), "workload");
        if (w.containsKey("book")) {
            return String.format(Locale.ROOT, "%,d resting orders, %,d orders/s", (long) dbl(w.get("book")), (long) dbl(w.get("rate")));
        }
        return String.format(Locale.ROOT, "%,d requests/s", (long) dbl(w.get("rate")));
    }

    /** Writes the provenance lines: machine and load, JDK and collector, command. */
    static double footer(Svg svg, double y, Map<String, Object> r) {
        svg.line(16, y - 12, WIDTH - 16, y - 12, GRID, 1, null);
        y = svg.paragraph(16, y + 2, "machine: " + str(r, "machine") + "; " + str(r, "load"), 11, MUTED, 140);
        y = svg.paragraph(16, y, "JDK " + str(r, "jdk") + ", " + str(r, "gc") + ", heap " + (long) dbl(r.get("heapMb")) + " MB", 11,
                MUTED, 140);
        return svg.paragraph(16, y, "command: " + str(r, "command"), 11, MUTED, 140);
    }

    // ---------------------------------------------------------------- bars

    /**
     * One bar.
     *
     * @param cluster heading of its group
     * @param label name on its left
     * @param value length
     * @param error error half-width, NaN for none
     * @param color fill
     * @param note a line of small text under the bar, or null
     * @param unit suffix of the value printed at the bar's end
     */
    record Bar(String cluster, String label, double value, double error, String color, String note, String unit) {
    }

    /**
     * Horizontal bars grouped by cluster, with an axis at the bottom.
     *
     * @return the y after the axis labels
     */
    static double barChart(Svg svg, double top, List<Bar> given, boolean log, String axis) {
        Map<String, List<Bar>> byCluster = new LinkedHashMap<>();
        for (Bar b : given) {
            byCluster.computeIfAbsent(b.cluster(), k -> new ArrayList<>()).add(b);
        }
        List<Bar> bars = new ArrayList<>();
        byCluster.values().forEach(bars::addAll);
        int longest = 0;
        for (Bar b : bars) {
            longest = Math.max(longest, (value(b.value()) + b.unit()).length());
        }
        double x0 = 200;
        double x1 = WIDTH - 30 - 7 * longest;
        double hi = 0;
        double lo = Double.MAX_VALUE;
        for (Bar b : bars) {
            double v = b.value() + (Double.isNaN(b.error()) ? 0 : b.error());
            hi = Math.max(hi, v);
            if (b.value() > 0) {
                lo = Math.min(lo, b.value());
            }
        }
        if (hi <= 0) {
            hi = 1;
        }
        if (lo == Double.MAX_VALUE) {
            lo = hi / 10;
        }
        int dLo = (int) Math.floor(Math.log10(lo));
        int dHi = (int) Math.ceil(Math.log10(hi));
        if (dHi == dLo) {
            dHi++;
        }
        double step = niceStep(hi / 5);
        double top2 = Math.ceil(hi / step) * step;
        final int fdLo = dLo;
        final int fdHi = dHi;
        java.util.function.DoubleUnaryOperator px = log
                ? v -> v <= 0 ? x0 : x0 + (x1 - x0) * (Math.log10(v) - fdLo) / (fdHi - fdLo)
                : v -> x0 + (x1 - x0) * v / top2;
        double y = top;
        String cluster = null;
        double plotTop = y;
        List<double[]> rows = new ArrayList<>();
        for (Bar b : bars) {
            if (!b.cluster().equals(cluster)) {
                cluster = b.cluster();
                y += 22;
                svg.text(16, y - 5, cluster, 13, "start", INK, true);
            }
            double w = Math.max(0, px.applyAsDouble(b.value()) - x0);
            svg.text(x0 - 8, y + 13, b.label(), 12, "end", INK, false);
            svg.rect(x0, y + 2, w, 15, b.color(), null);
            double end = x0 + w;
            if (!Double.isNaN(b.error()) && b.error() > 0) {
                double ea = px.applyAsDouble(Math.max(b.value() - b.error(), log ? lo / 2 : 0));
                double eb = px.applyAsDouble(b.value() + b.error());
                svg.line(ea, y + 9.5, eb, y + 9.5, INK, 1, null);
                svg.line(eb, y + 5, eb, y + 14, INK, 1, null);
                end = Math.max(end, eb);
            }
            svg.text(end + 5, y + 14, value(b.value()) + b.unit(), 12, "start", INK, false);
            y += 20;
            if (b.note() != null) {
                svg.text(x0 + 2, y + 10, b.note(), 11, "start", MUTED, false);
                y += 15;
            }
            rows.add(new double[] {y});
        }
        y += 4;
        svg.line(x0, y, x1, y, INK, 1, null);
        if (log) {
            for (int d = dLo; d <= dHi; d++) {
                double x = px.applyAsDouble(Math.pow(10, d));
                svg.line(x, plotTop + 8, x, y, GRID, 1, "2,3");
                svg.text(x, y + 16, value(Math.pow(10, d)), 12, "middle", INK, false);
            }
        } else {
            for (double v = 0; v <= top2 + step / 2; v += step) {
                double x = px.applyAsDouble(v);
                svg.line(x, plotTop + 8, x, y, GRID, 1, "2,3");
                svg.text(x, y + 16, value(v), 12, "middle", INK, false);
            }
        }
        svg.text((x0 + x1) / 2, y + 34, axis + (log ? ", log scale" : ""), 13, "middle", INK, false);
        return y + 52;
    }

    static double niceStep(double raw) {
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / p;
        return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * p;
    }

    static String value(double v) {
        if (v == 0) {
            return "0";
        }
        if (Math.abs(v) >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        return trim(v);
    }

    // ---------------------------------------------------------------- JMH

    static List<Path> jmh(Path out, String name, Object json, String machine, String command, List<String> ours)
            throws IOException {
        List<Map<String, Object>> rows = objects(json);
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("the JMH file holds no results");
        }
        boolean sized = rows.stream().anyMatch(r -> object(r.getOrDefault("params", Map.of()), "params").containsKey("size"));
        Map<String, List<Map<String, Object>>> charts = new LinkedHashMap<>();
        for (Map<String, Object> r : rows) {
            String method = str(r, "benchmark").substring(str(r, "benchmark").lastIndexOf('.') + 1);
            charts.computeIfAbsent(sized ? method : "", k -> new ArrayList<>()).add(r);
        }
        List<Path> written = new ArrayList<>();
        for (Map.Entry<String, List<Map<String, Object>>> c : charts.entrySet()) {
            Path p = out.resolve("jmh-" + name + (c.getKey().isEmpty() ? "" : "-" + c.getKey()) + ".svg");
            Files.writeString(p, jmhChart(name, c.getKey(), c.getValue(), machine, command, ours));
            written.add(p);
        }
        return written;
    }

    static String jmhChart(String name, String method, List<Map<String, Object>> rows, String machine, String command,
            List<String> ours) {
        Svg svg = new Svg(WIDTH);
        Map<String, Object> first = rows.get(0);
        String unit = str(object(first.get("primaryMetric"), "primaryMetric"), "scoreUnit");
        List<Bar> bars = new ArrayList<>();
        double lo = Double.MAX_VALUE;
        double hi = 0;
        for (Map<String, Object> r : rows) {
            Map<String, Object> params = object(r.getOrDefault("params", Map.of()), "params");
            Map<String, Object> pm = object(r.get("primaryMetric"), "primaryMetric");
            String m = str(r, "benchmark").substring(str(r, "benchmark").lastIndexOf('.') + 1);
            String cluster = method.isEmpty() ? m + threads(r) : "size " + params.get("size") + " B" + threads(r);
            StringBuilder label = new StringBuilder();
            boolean mine = false;
            for (Map.Entry<String, Object> e : params.entrySet()) {
                if (!e.getKey().equals("size")) {
                    label.append(label.length() == 0 ? "" : ", ").append(params.size() > 2 ? e.getKey() + "=" : "")
                            .append(e.getValue());
                    mine |= ours.contains(String.valueOf(e.getValue()));
                }
            }
            if (label.length() > 0 && params.containsKey("agent")) {
                label.insert(0, "agent ");
            }
            double score = dbl(pm.get("score"));
            Object err = pm.get("scoreError");
            double error = err instanceof Double && !((Double) err).isNaN() ? (Double) err : Double.NaN;
            Map<String, Object> sec = object(r.getOrDefault("secondaryMetrics", Map.of()), "secondaryMetrics");
            String heap = "";
            if (sec.get("gc.alloc.rate.norm") instanceof Map) {
                heap = ",  heap " + value(dbl(object(sec.get("gc.alloc.rate.norm"), "norm").get("score"))) + " B/op";
            }
            bars.add(new Bar(cluster, label.toString(), score, error, mine ? WITH : WITHOUT, null, " " + unit + heap));
            if (score > 0) {
                lo = Math.min(lo, score);
            }
            hi = Math.max(hi, score);
        }
        boolean log = hi / lo > 50;
        svg.text(16, 26, "JMH " + name + (method.isEmpty() ? "" : ": " + method) + ", time per operation by peer", 15, "start",
                INK, true);
        svg.text(16, 46, "JMH score (" + str(first, "mode") + ", " + unit + ") with its 99.9% error, heap bytes per operation"
                + " from -prof gc where measured; Dragonpool in orange; shorter is faster", 12, "start", MUTED, false);
        double y = barChart(svg, 62, bars, log, unit);
        svg.line(16, y - 4, WIDTH - 16, y - 4, GRID, 1, null);
        y = svg.paragraph(16, y + 12, "machine: " + machine, 11, MUTED, 140);
        y = svg.paragraph(16, y, "JDK " + str(first, "jdkVersion") + " (" + str(first, "vmName") + " " + str(first, "vmVersion")
                + "), JVM args " + String.join(" ", strings(first.get("jvmArgs"))) + "; JMH " + str(first, "jmhVersion") + ", "
                + (long) dbl(first.get("forks")) + " fork, " + (long) dbl(first.get("warmupIterations")) + " x "
                + str(first, "warmupTime") + " warm-up, " + (long) dbl(first.get("measurementIterations")) + " x "
                + str(first, "measurementTime") + " measured", 11, MUTED, 140);
        svg.paragraph(16, y, "command: " + command, 11, MUTED, 140);
        return svg.toString();
    }

    private static String threads(Map<String, Object> r) {
        long t = (long) dbl(r.get("threads"));
        return t > 1 ? " (" + t + " threads)" : "";
    }

    // ---------------------------------------------------------------- JSON access

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(Object o, String what) {
        if (!(o instanceof Map)) {
            throw new IllegalArgumentException(what + ": expected a JSON object, found " + (o == null ? "nothing" : o.getClass().getSimpleName()));
        }
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object o) {
        if (!(o instanceof List)) {
            throw new IllegalArgumentException("expected a JSON array, found " + (o == null ? "nothing" : o.getClass().getSimpleName()));
        }
        return (List<Object>) o;
    }

    static List<Map<String, Object>> objects(Object o) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object e : list(o)) {
            out.add(object(e, "array element"));
        }
        return out;
    }

    static List<String> strings(Object o) {
        List<String> out = new ArrayList<>();
        if (o instanceof List) {
            for (Object e : (List<?>) o) {
                out.add(String.valueOf(e));
            }
        }
        return out;
    }

    static String str(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (v == null) {
            throw new IllegalArgumentException("missing \"" + key + "\" in " + m.keySet());
        }
        return v instanceof Double && (Double) v == Math.rint((Double) v) ? Long.toString(((Double) v).longValue()) : v.toString();
    }

    static double dbl(Object o) {
        if (o instanceof Double) {
            return (Double) o;
        }
        if (o instanceof String) {
            try {
                return Double.parseDouble((String) o);
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
        return o == null ? 0 : Double.NaN;
    }
}
