package dev.dragonpool.bench.startup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The start-up benchmark (target 4 of the design: agent start-up in tens of milliseconds): runs
 * each application of {@link StartupApps} in fresh JVMs with and without
 * {@code -javaagent:dragonpool-agent.jar=summary=true}, and prints, per JDK and shape, the
 * minimum and median wall time of each side over {@code --runs} runs, the difference, and the
 * agent's own transformer time from its exit summary ({@code transformer time N ms}: the time
 * spent inside the agent's {@code ClassFileTransformer}, a part of the difference).
 *
 * <p>Wall time is measured by this program from just before {@code ProcessBuilder.start()} to
 * the end of {@code waitFor()}: JVM creation, class loading, the application, JVM shutdown. The
 * runs with and without the agent are interleaved, in alternating order, after
 * {@code --warmup} rounds that are not counted (the page cache holds the JDK and the jars
 * afterwards). Beside wall time it reports each side's median CPU time (user + system of the
 * whole JVM, its compiler and GC threads included, from {@code /proc/self/stat} of this process
 * after the child is reaped): on a machine shared with other work, wall time counts the time a
 * run waited for a core and varies several-fold, CPU time much less. Every run's output is checked: the application's line must be the expected one
 * and, under the agent, the summary must report every {@code @Pooled} class enhanced and every
 * pooled allocation site rewritten; otherwise the benchmark stops and says which run broke.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.dragonpool.bench.startup.StartupBench \
 *     --agent agent/target/dragonpool-agent.jar --runs 20 \
 *     --java java,/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
 * </pre>
 *
 * Options: {@code --agent JAR}, {@code --dir DIR} (applications and logs, default
 * {@code benchmarks/target/startup}), {@code --runs N} (20), {@code --warmup N} (2),
 * {@code --java BIN[,BIN...]} (default: this JVM), {@code --shapes hello,classes,bigmain},
 * {@code --classes N} (2000), {@code --pooled N} (20), {@code --agent-options OPTS}
 * ({@code summary=true}; must keep {@code summary=true}), {@code --jvm-arg ARG} (repeatable, for
 * both sides, e.g. {@code -Xshare:off}), {@code --no-generate} (reuse the jars in {@code --dir}),
 * {@code --out FILE} (also write the table there).
 */
public final class StartupBench {
  private static final Pattern SUMMARY = Pattern.compile(
      "dragonpool: summary: classes seen (\\d+), parsed (\\d+), enhanced (\\d+), refused (\\d+); "
          + "allocation sites rewritten (\\d+), left plain (\\d+);.*transformer time (\\d+) ms");

  /** One run's measurements. */
  static final class Run {
    long wallNanos;
    /** User plus system CPU time of the child process, ms, or -1 where {@code /proc} does not tell. */
    long cpuMillis = -1;
    long transformerMillis = -1;
    String summary = "";
  }

  /** Options as parsed from the command line. */
  static final class Options {
    Path agent = Path.of("agent/target/dragonpool-agent.jar");
    Path dir = Path.of("benchmarks/target/startup");
    int runs = 20;
    int warmup = 2;
    List<String> javas = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    List<String> shapes = StartupApps.SHAPES;
    int classes = 2000;
    int pooled = 20;
    String agentOptions = "summary=true";
    List<String> jvmArgs = new ArrayList<>();
    boolean generate = true;
    Path out;

    static Options parse(String[] args) {
      Options o = new Options();
      for (int i = 0; i < args.length; i++) {
        String a = args[i];
        if (a.equals("--no-generate")) {
          o.generate = false;
          continue;
        }
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException("option " + a + " needs a value");
        }
        String v = args[++i];
        switch (a) {
          case "--agent": o.agent = Path.of(v); break;
          case "--dir": o.dir = Path.of(v); break;
          case "--runs": o.runs = positive(a, v); break;
          case "--warmup": o.warmup = Integer.parseInt(v); break;
          case "--java": o.javas = List.of(v.split(",")); break;
          case "--shapes": o.shapes = List.of(v.split(",")); break;
          case "--classes": o.classes = positive(a, v); break;
          case "--pooled": o.pooled = Integer.parseInt(v); break;
          case "--agent-options": o.agentOptions = v; break;
          case "--jvm-arg": o.jvmArgs.add(v); break;
          case "--out": o.out = Path.of(v); break;
          default:
            throw new IllegalArgumentException("unknown option " + a + "; see the class comment of "
                + StartupBench.class.getName() + " for the options");
        }
      }
      for (String s : o.shapes) {
        if (!StartupApps.SHAPES.contains(s)) {
          throw new IllegalArgumentException("unknown shape '" + s + "', expected some of " + StartupApps.SHAPES);
        }
      }
      if (!o.agentOptions.contains("summary=true")) {
        throw new IllegalArgumentException("--agent-options must keep summary=true (the transformer "
            + "time is read from the summary), got '" + o.agentOptions + "'");
      }
      return o;
    }

    private static int positive(String name, String v) {
      int n = Integer.parseInt(v);
      if (n < 1) {
        throw new IllegalArgumentException(name + " must be at least 1, got " + v);
      }
      return n;
    }
  }

  private StartupBench() {
  }

  /**
   * Entry point.
   *
   * @param args options, see the class comment
   * @throws Exception when an application cannot be generated or run
   */
  public static void main(String[] args) throws Exception {
    Options o;
    try {
      o = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("StartupBench: " + e.getMessage());
      System.exit(2);
      return;
    }
    if (!Files.isRegularFile(o.agent)) {
      System.err.println("StartupBench: agent jar " + o.agent.toAbsolutePath() + " not found; build the "
          + "agent module (mvn -pl agent -am package) or pass --agent <path to dragonpool-agent.jar>");
      System.exit(2);
    }
    StartupApps apps = new StartupApps(o.classes, o.pooled);
    if (o.generate) {
      long t0 = System.nanoTime();
      apps.generate(o.dir);
      System.out.printf(Locale.ROOT, "StartupBench: generated %s in %s (%d ms)%n", o.shapes, o.dir,
          (System.nanoTime() - t0) / 1_000_000);
    }
    StringBuilder table = new StringBuilder();
    table.append(String.format(Locale.ROOT, "start-up: %d classes, %d @Pooled; %d runs per side after %d "
            + "warm-up rounds; load average before: %s%n", o.classes, o.pooled, o.runs, o.warmup, loadAverage()));
    table.append("agent: -javaagent:").append(o.agent).append('=').append(o.agentOptions);
    table.append(o.jvmArgs.isEmpty() ? "" : "; JVM arguments " + o.jvmArgs).append('\n');
    table.append(String.format(Locale.ROOT, "%-8s %-8s %9s %9s %9s %9s %9s %9s %11s %11s %9s %9s %9s%n", "jdk",
        "shape", "plain min", "plain med", "agent min", "agent med", "+ min", "+ med", "transf min", "transf med",
        "cpu plain", "cpu agent", "cpu +"));
    for (String java : o.javas) {
      String version = version(java);
      for (String shape : o.shapes) {
        Map<Boolean, List<Run>> runs = measure(o, apps, java, shape);
        long[] plain = walls(runs.get(false));
        long[] agent = walls(runs.get(true));
        long[] tx = runs.get(true).stream().mapToLong(r -> r.transformerMillis).sorted().toArray();
        long[] cpuPlain = runs.get(false).stream().mapToLong(r -> r.cpuMillis).sorted().toArray();
        long[] cpuAgent = runs.get(true).stream().mapToLong(r -> r.cpuMillis).sorted().toArray();
        table.append(String.format(Locale.ROOT, "%-8s %-8s %9.1f %9.1f %9.1f %9.1f %+9.1f %+9.1f %11d %11d %9d %9d %+9d%n",
            version, shape, ms(plain[0]), ms(median(plain)), ms(agent[0]), ms(median(agent)),
            ms(agent[0] - plain[0]), ms(median(agent) - median(plain)), tx[0], median(tx),
            median(cpuPlain), median(cpuAgent), median(cpuAgent) - median(cpuPlain)));
        table.append(String.format(Locale.ROOT, "%-8s %-8s   last %s%n", "", "", runs.get(true).get(runs.get(true).size() - 1).summary));
      }
    }
    table.append("wall times in ms; '+' = agent minus plain (min-min, median-median); transf = the agent's "
        + "transformer time from its summary (wall time inside its ClassFileTransformer), ms; cpu = median "
        + "user+system CPU ms of the whole JVM (10 ms ticks)\nload average after: " + loadAverage() + "\n");
    System.out.print(table);
    if (o.out != null) {
      Files.writeString(o.out, table.toString(), StandardCharsets.UTF_8);
    }
  }

  private static Map<Boolean, List<Run>> measure(Options o, StartupApps apps, String java, String shape)
      throws IOException, InterruptedException {
    Map<Boolean, List<Run>> runs = new LinkedHashMap<>();
    runs.put(false, new ArrayList<>());
    runs.put(true, new ArrayList<>());
    for (int round = 0; round < o.warmup + o.runs; round++) {
      boolean agentFirst = (round & 1) == 1;
      for (int k = 0; k < 2; k++) {
        boolean withAgent = agentFirst == (k == 0);
        Run r = runOnce(o, apps, java, shape, withAgent);
        if (round >= o.warmup) {
          runs.get(withAgent).add(r);
        }
      }
    }
    return runs;
  }

  static Run runOnce(Options o, StartupApps apps, String java, String shape, boolean withAgent)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(java);
    cmd.addAll(o.jvmArgs);
    if (withAgent) {
      cmd.add("-javaagent:" + o.agent.toAbsolutePath() + "=" + o.agentOptions);
    }
    cmd.add("-jar");
    cmd.add(o.dir.resolve(shape + ".jar").toAbsolutePath().toString());
    Path outFile = o.dir.resolve("run.out");
    Path errFile = o.dir.resolve("run.err");
    ProcessBuilder pb = new ProcessBuilder(cmd)
        .redirectOutput(outFile.toFile())
        .redirectError(errFile.toFile());
    long cpu0 = childrenCpuMillis();
    long t0 = System.nanoTime();
    Process p = pb.start();
    int rc = p.waitFor();
    long wall = System.nanoTime() - t0;
    long cpu1 = childrenCpuMillis();
    String out = Files.readString(outFile, StandardCharsets.UTF_8);
    String err = Files.readString(errFile, StandardCharsets.UTF_8);
    String expected = apps.expectedOutput(shape);
    if (rc != 0 || !out.lines().anyMatch(expected::equals)) {
      throw new IllegalStateException("run of " + shape + (withAgent ? " with" : " without") + " the agent on "
          + java + " failed (exit " + rc + "), expected the line '" + expected + "'; command " + cmd
          + "\nstdout:\n" + out + "\nstderr:\n" + err);
    }
    Run r = new Run();
    r.wallNanos = wall;
    r.cpuMillis = cpu0 < 0 || cpu1 < 0 ? -1 : cpu1 - cpu0;
    if (withAgent) {
      Matcher m = SUMMARY.matcher(err);
      if (!m.find()) {
        throw new IllegalStateException("no agent summary in the stderr of " + shape + " on " + java
            + " (is --agent-options summary=true, and the agent enabled?); command " + cmd + "\nstderr:\n" + err);
      }
      r.summary = m.group().substring("dragonpool: ".length());
      r.transformerMillis = Long.parseLong(m.group(7));
      int enhanced = Integer.parseInt(m.group(3));
      int rewritten = Integer.parseInt(m.group(5));
      int want = shape.equals("hello") ? 0 : o.pooled;
      if (enhanced != want || rewritten != want) {
        throw new IllegalStateException("the agent did not do the work the shape asks for in " + shape + " on "
            + java + ": expected " + want + " classes enhanced and " + want + " sites rewritten, summary says "
            + r.summary);
      }
    }
    return r;
  }

  /**
   * CPU time (user + system) of this process's children that have been waited for, from
   * {@code /proc/self/stat} ({@code cutime}, {@code cstime}, in clock ticks of 10 ms): the run's
   * CPU time is the difference around one run. CPU time counts the JVM's compiler and GC threads
   * but not the time the run waited for a core, so it varies much less than wall time on a
   * loaded machine. {@code -1} where {@code /proc} is missing.
   */
  static long childrenCpuMillis() {
    try {
      String stat = Files.readString(Path.of("/proc/self/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(f[13]) + Long.parseLong(f[14])) * 10;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  private static long[] walls(List<Run> runs) {
    return runs.stream().mapToLong(r -> r.wallNanos).sorted().toArray();
  }

  static long median(long[] sorted) {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }

  private static String version(String java) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(java, "-XshowSettings:properties", "-version").redirectErrorStream(true).start();
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    Matcher m = Pattern.compile("java\\.specification\\.version = (\\S+)").matcher(text);
    return m.find() ? "jdk" + m.group(1) : "?";
  }

  private static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return String.join(" ", Arrays.copyOf(f, 3));
    } catch (IOException | RuntimeException e) {
      return "n/a";
    }
  }
}
