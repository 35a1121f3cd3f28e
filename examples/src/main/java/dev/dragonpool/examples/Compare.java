package dev.dragonpool.examples;

import dev.dragonpool.examples.harness.SideBySide;
import dev.dragonpool.examples.harness.SideBySide.Format;
import dev.dragonpool.examples.harness.SideBySide.Row;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * Runs one example twice in fresh JVMs, the same workload without and with
 * {@code -javaagent:dragonpool-agent.jar}, and prints the two runs side by side: throughput,
 * latency percentiles (HdrHistogram, coordinated omission corrected), allocation, GC counts and
 * pauses, and what the pools did. With {@code --json FILE} it also writes both runs for the
 * chart program ({@code dev.dragonpool.bench.charts.Charts}).
 *
 * <pre>
 * java -cp examples/target/dragonpool-examples-VERSION.jar:examples/target/lib/* dev.dragonpool.examples.Compare \
 *     orderbook|network [--gc g1|parallel|z|serial|shenandoah] [--heap 1g] [--agent agent/target/dragonpool-agent.jar] \
 *     [--json FILE] [--java PATH] [--cp CLASSPATH] [--jvm-arg ARG]... [workload options, passed to the example's run]
 * </pre>
 *
 * The order book's workload options are those of
 * {@link dev.dragonpool.examples.orderbook.OrderBookRun}, the network service's those of
 * {@link dev.dragonpool.examples.net.NetRun}. Both runs use this JVM's class path unless
 * {@code --cp} gives another. The without-agent run goes first.
 */
public final class Compare {
    static final String USAGE = "Compare orderbook|network [--gc default|g1|parallel|z|serial|shenandoah] [--heap 1g]"
            + " [--agent agent/target/dragonpool-agent.jar] [--json FILE] [--java PATH] [--cp CLASSPATH] [--jvm-arg ARG]..."
            + " [workload options]";

    private Compare() {
    }

    /**
     * Runs the comparison; exits with status 2 on bad usage, 1 when a run failed.
     *
     * @param args the example's name and options
     */
    public static void main(String[] args) {
        try {
            run(args, System.out);
        } catch (IllegalArgumentException e) {
            System.err.println("compare: " + e.getMessage());
            System.exit(2);
        } catch (IllegalStateException e) {
            System.err.println("compare: " + e.getMessage());
            System.exit(1);
        }
    }

    /**
     * Runs the comparison, printing to {@code out}.
     *
     * @param args the example's name and options
     * @param out where the runs' output and the table go
     * @return the two runs, without then with the agent
     * @throws IllegalArgumentException on bad usage
     * @throws IllegalStateException when a run failed
     */
    public static Properties[] run(String[] args, PrintStream out) {
        if (args.length == 0) {
            throw new IllegalArgumentException("name an example; usage: " + USAGE);
        }
        String example = args[0];
        String main;
        if (example.equals("orderbook")) {
            main = "dev.dragonpool.examples.orderbook.OrderBookRun";
        } else if (example.equals("network")) {
            main = "dev.dragonpool.examples.net.NetRun";
        } else {
            throw new IllegalArgumentException("unknown example '" + example + "' (orderbook or network); usage: " + USAGE);
        }
        String gc = "default";
        String heap = "1g";
        String agent = "agent/target/dragonpool-agent.jar";
        String json = null;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("java.class.path");
        List<String> jvmExtra = new ArrayList<>();
        List<String> workload = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            String k = args[i];
            if (!k.startsWith("--") || i + 1 == args.length) {
                throw new IllegalArgumentException("argument '" + k + "' is not a '--key value' pair; usage: " + USAGE);
            }
            String v = args[++i];
            switch (k) {
                case "--gc": gc = v; break;
                case "--heap": heap = v; break;
                case "--agent": agent = v; break;
                case "--json": json = v; break;
                case "--java": java = v; break;
                case "--cp": cp = v; break;
                case "--jvm-arg": jvmExtra.add(v); break;
                default: workload.add(k); workload.add(v); break;
            }
        }
        if (!Files.isRegularFile(Path.of(agent))) {
            throw new IllegalArgumentException("agent jar " + agent + " not found: build it with 'mvn -B -pl agent -am package"
                    + " -DskipTests' from the repository root, or pass --agent PATH");
        }
        List<String> jvm = new ArrayList<>(List.of("-Xms" + heap, "-Xmx" + heap));
        String gcName;
        switch (gc.toLowerCase(Locale.ROOT)) {
            case "default": gcName = "default collector"; break;
            case "g1": gcName = "G1"; jvm.add("-XX:+UseG1GC"); break;
            case "parallel": gcName = "Parallel"; jvm.add("-XX:+UseParallelGC"); break;
            case "serial": gcName = "Serial"; jvm.add("-XX:+UseSerialGC"); break;
            case "z": gcName = "ZGC"; jvm.add("-XX:+UseZGC"); break;
            case "zgen": gcName = "generational ZGC"; jvm.add("-XX:+UseZGC"); jvm.add("-XX:+ZGenerational"); break;
            case "shenandoah": gcName = "Shenandoah"; jvm.add("-XX:+UseShenandoahGC"); break;
            default:
                throw new IllegalArgumentException("--gc " + gc + " is not one of default, g1, parallel, serial, z, zgen, shenandoah");
        }
        jvm.addAll(jvmExtra);

        Properties[] runs = new Properties[2];
        for (int side = 0; side < 2; side++) {
            List<String> cmd = new ArrayList<>();
            cmd.add(java);
            cmd.addAll(jvm);
            if (side == 1) {
                cmd.add("-javaagent:" + agent);
            }
            cmd.add("-cp");
            cmd.add(cp);
            cmd.add(main);
            cmd.addAll(workload);
            Path result;
            try {
                result = Files.createTempFile("dragonpool-" + example + "-", ".properties");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot make a temporary file for the run's results: " + e.getMessage(), e);
            }
            cmd.add("--out");
            cmd.add(result.toString());
            out.println();
            out.println("== " + (side == 0 ? "without" : "with") + " the agent: " + shown(cmd, cp));
            out.flush();
            runs[side] = launch(cmd, result, out);
        }
        if (runs[0].getProperty("pooling", "off").equals("on")) {
            throw new IllegalStateException("the run without the agent found its classes pooled: is the agent on the"
                    + " JVM's own command line (JAVA_TOOL_OPTIONS, JDK_JAVA_OPTIONS)? Remove it there.");
        }
        if (!runs[1].getProperty("pooling", "off").equals("on")) {
            throw new IllegalStateException("the run with " + agent + " pooled nothing: is that the Dragonpool agent jar,"
                    + " and did it start (see its log lines above)?");
        }

        gcName = collector(runs[0], gcName);
        SideBySide sbs = new SideBySide(runs[0], runs[1]);
        String title = title(example, runs[0], gcName, heap);
        out.println();
        out.println("== " + title);
        out.print(sbs.table(rows(example)));
        out.println("(with/without: the with-agent value divided by the without-agent value; below 1 is less.)");
        if (!runs[0].getProperty("checksum").equals(runs[1].getProperty("checksum"))) {
            out.println("WARNING: the two runs' output digests differ: they did not do the same work"
                    + (runs[0].getProperty("phase.latency.complete", "true").equals("false")
                        || runs[1].getProperty("phase.latency.complete", "true").equals("false")
                        ? " (a run hit its time limit before sending every order)" : ""));
        }
        if (json != null) {
            String command = "java -cp '" + shortClassPath(cp) + "' " + Compare.class.getName() + " " + String.join(" ", args);
            try {
                Path p = Path.of(json);
                if (p.getParent() != null) {
                    Files.createDirectories(p.getParent());
                }
                Files.writeString(p, sbs.json(example, title, command, gcName));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + json + ": " + e.getMessage(), e);
            }
            out.println("results: " + json);
        }
        return runs;
    }

    /** The collector the runs used, named from their GC beans, as asked for when they do not say. */
    private static String collector(Properties p, String asked) {
        String beans = p.getProperty("gc.names", "");
        String name = beans.contains("G1") ? "G1" : beans.contains("PS ") ? "Parallel" : beans.contains("ZGC Minor")
                ? "generational ZGC" : beans.contains("ZGC") ? "ZGC" : beans.contains("Shenandoah") ? "Shenandoah"
                : beans.startsWith("Copy") ? "Serial" : asked;
        return asked.equals("default collector") ? name + " (the JVM's choice)" : name;
    }

    private static String title(String example, Properties p, String gc, String heap) {
        String jdk = "JDK " + p.getProperty("jvm.version") + ", " + gc + ", heap " + heap + ", " + p.getProperty("machine.cpus")
                + " CPUs";
        if (example.equals("orderbook")) {
            return String.format(Locale.ROOT, "order book: %,d resting orders, %,d orders/s offered for %s s (%s)",
                    Long.parseLong(p.getProperty("workload.book")), Long.parseLong(p.getProperty("workload.rate")),
                    p.getProperty("workload.seconds"), jdk);
        }
        return String.format(Locale.ROOT, "network service: %s connections, %,d requests/s offered for up to %s s (%s)",
                p.getProperty("workload.connections"), Long.parseLong(p.getProperty("workload.rate")),
                p.getProperty("workload.seconds"), jdk);
    }

    private static List<Row> rows(String example) {
        List<Row> rows = new ArrayList<>();
        String unit = example.equals("orderbook") ? "order" : "request";
        if (example.equals("orderbook")) {
            rows.add(new Row("max throughput, unpaced (orders/s)", "throughput.max", Format.COUNT, false));
            rows.add(new Row("orders in the latency phase", "phase.latency.orders", Format.COUNT, false));
        } else {
            rows.add(new Row("requests answered", "phase.latency.orders", Format.COUNT, false));
        }
        rows.add(new Row("offered rate (" + unit + "s/s)", "rate.offered", Format.COUNT, false));
        rows.add(new Row("achieved rate (" + unit + "s/s)", "rate.achieved", Format.COUNT, false));
        rows.add(new Row("latency p50 (us)", "latency.p50", Format.ONE, false));
        rows.add(new Row("latency p90 (us)", "latency.p90", Format.ONE, false));
        rows.add(new Row("latency p99 (us)", "latency.p99", Format.ONE, false));
        rows.add(new Row("latency p99.9 (us)", "latency.p999", Format.ONE, false));
        rows.add(new Row("latency p99.99 (us)", "latency.p9999", Format.ONE, false));
        rows.add(new Row("latency max (us)", "latency.max", Format.ONE, false));
        rows.add(new Row("allocated per " + unit + " (bytes)", "alloc.perOp", Format.ONE, false));
        rows.add(new Row("allocation rate (MB/s)", "alloc.mbPerSec", Format.ONE, false));
        rows.add(new Row("young GC pauses", "gc.young.count", Format.COUNT, false));
        rows.add(new Row("young GC pause time (ms)", "gc.young.timeMs", Format.COUNT, false));
        rows.add(new Row("old GC pauses", "gc.old.count", Format.COUNT, false));
        rows.add(new Row("old GC pause time (ms)", "gc.old.timeMs", Format.COUNT, false));
        rows.add(new Row("whole-heap GC pauses", "gc.heap.count", Format.COUNT, true));
        rows.add(new Row("whole-heap GC pause time (ms)", "gc.heap.timeMs", Format.COUNT, true));
        rows.add(new Row("concurrent GC cycles", "gc.concurrent.count", Format.COUNT, true));
        rows.add(new Row("concurrent GC cycle time (ms)", "gc.concurrent.timeMs", Format.COUNT, true));
        rows.add(new Row("longest GC pause (ms)", "gc.pause.maxMs", Format.COUNT, false));
        if (example.equals("orderbook")) {
            rows.add(new Row("old generation after fill + GC (MB)", "heap.live.mb", Format.COUNT, false));
        }
        rows.add(new Row("load average at start", "machine.load.start", Format.TWO, false));
        rows.add(new Row("output digest", "checksum", Format.TEXT, false));
        return rows;
    }

    private static Properties launch(List<String> cmd, Path result, PrintStream out) {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        int rc;
        try {
            Process p = pb.start();
            try (InputStream in = p.getInputStream();
                    BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null;) {
                    // JDK 17 warns that CDS is limited once the agent appends to the boot class path; harmless.
                    if (!line.startsWith("OpenJDK 64-Bit Server VM warning: Sharing is only supported")) {
                        out.println(line);
                    }
                }
            }
            rc = p.waitFor();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + cmd.get(0) + ": " + e.getMessage() + " (pass --java PATH)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the run", e);
        }
        if (rc != 0) {
            throw new IllegalStateException("the run exited with status " + rc + " (its output is above): " + String.join(" ", cmd));
        }
        Properties props = new Properties();
        try (InputStream in = Files.newInputStream(result)) {
            props.load(in);
            Files.deleteIfExists(result);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the run's results from " + result + ": " + e.getMessage(), e);
        }
        return props;
    }

    /**
     * The class path as a user would type it: relative to the working directory, and
     * {@code DIR/lib/*} for the jars that {@code examples/target/lib} holds.
     */
    static String shortClassPath(String cp) {
        String here = System.getProperty("user.dir") + File.separator;
        List<String> out = new ArrayList<>();
        String lib = null;
        for (String e : cp.split(File.pathSeparator)) {
            String rel = e.startsWith(here) ? e.substring(here.length()) : e;
            Path parent = Path.of(rel).getParent();
            if (parent != null && parent.getFileName() != null && parent.getFileName().toString().equals("lib")
                    && rel.endsWith(".jar")) {
                String wildcard = parent + File.separator + "*";
                if (!wildcard.equals(lib)) {
                    lib = wildcard;
                    out.add(wildcard);
                }
            } else {
                out.add(rel);
            }
        }
        return String.join(File.pathSeparator, out);
    }

    /** The command as shown: the class path abbreviated when long. */
    private static String shown(List<String> cmd, String cp) {
        List<String> c = new ArrayList<>(cmd);
        c.set(0, Path.of(c.get(0)).getFileName().toString());
        int i = c.indexOf(cp);
        if (i >= 0 && cp.length() > 60) {
            c.set(i, "...");
        }
        return String.join(" ", c.subList(0, c.size() - 2));
    }
}
