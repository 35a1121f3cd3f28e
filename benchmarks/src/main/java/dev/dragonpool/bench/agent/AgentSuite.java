package dev.dragonpool.bench.agent;

import dev.dragonpool.bench.FastThreadExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link AgentBench} with and without the agent in one command and prints one table:
 * {@code small}, {@code smallRecycler}, {@code smallRecyclerPinned},
 * {@code smallRecyclerPinnedUnguarded}, {@code expensive} and {@code retainedBuffer} in forks
 * without the agent ({@code agent=off}); then {@code small}, {@code expensive} and
 * {@code retainedBuffer} in forks started with {@code -javaagent:<jar>} ({@code agent=on}); then
 * {@code smallRecycler} and {@code small} with the agent on Netty fast-thread-local threads
 * ({@code thread=ftl}, {@link dev.dragonpool.bench.FastThreadExecutor}), where Netty 4.2's
 * thread-local recycler pools. The jar is the system property
 * {@code dragonpool.agent.jar} (default {@code agent/target/dragonpool-agent.jar}, relative to
 * the working directory); the suite stops with exit status 2 and a message naming the path when
 * it is not a file. Every other argument is a JMH option ({@code -prof gc -f 1 -wi 3 ...}); with
 * {@code -rf}/{@code -rff} the result file holds both runs. Benchmark name patterns on the
 * command line are ignored: the suite always runs the combinations above.
 */
public final class AgentSuite {
  /** Property naming the agent jar. */
  public static final String JAR_PROPERTY = "dragonpool.agent.jar";

  /** {@link AgentBench}'s own fork options, which a builder's {@code jvmArgsAppend} replaces. */
  private static final String[] HEAP = {"-Xms1g", "-Xmx1g"};

  private AgentSuite() {
  }

  /**
   * Entry point.
   *
   * @param args JMH command-line options
   * @throws Exception when JMH fails
   */
  public static void main(String[] args) throws Exception {
    Path jar = Path.of(System.getProperty(JAR_PROPERTY, "agent/target/dragonpool-agent.jar"));
    if (!Files.isRegularFile(jar)) {
      System.err.println(
          "AgentSuite: agent jar " + jar.toAbsolutePath() + " not found; build the agent module "
              + "or pass -D" + JAR_PROPERTY + "=<path to dragonpool-agent.jar>");
      System.exit(2);
    }
    CommandLineOptions cli = new CommandLineOptions(args);
    String bench = AgentBench.class.getName();
    Options off =
        new OptionsBuilder()
            .parent(cli)
            .include(bench + "\\.(small|smallRecycler|smallRecyclerPinned|smallRecyclerPinnedUnguarded|expensive"
                + "|retainedBuffer)$")
            .param("agent", "off")
            .jvmArgsAppend(HEAP)
            .build();
    Options on =
        new OptionsBuilder()
            .parent(cli)
            .include(bench + "\\.(small|expensive|retainedBuffer)$")
            .param("agent", "on")
            .jvmArgsAppend(HEAP[0], HEAP[1], "-javaagent:" + jar.toAbsolutePath())
            .build();
    Options ftlOff =
        new OptionsBuilder()
            .parent(cli)
            .include(bench + "\\.smallRecycler$")
            .param("agent", "off")
            .param("thread", "ftl")
            .jvmArgsAppend(concat(HEAP, FastThreadExecutor.JVM_ARGS))
            .build();
    Options ftlOn =
        new OptionsBuilder()
            .parent(cli)
            .include(bench + "\\.small$")
            .param("agent", "on")
            .param("thread", "ftl")
            .jvmArgsAppend(concat(HEAP, FastThreadExecutor.JVM_ARGS, "-javaagent:" + jar.toAbsolutePath()))
            .build();
    List<RunResult> all = new ArrayList<>();
    all.addAll(run(off));
    all.addAll(run(on));
    all.addAll(run(ftlOff));
    all.addAll(run(ftlOn));
    System.out.println();
    System.out.println("AgentSuite: both runs, agent jar " + jar.toAbsolutePath());
    ResultFormatFactory.getInstance(ResultFormatType.TEXT, System.out).writeOut(all);
    if (cli.getResultFormat().hasValue()) {
      // Each Runner wrote its own results to the file; replace them with both runs together.
      ResultFormatType type = cli.getResultFormat().get();
      String file = cli.getResult().orElse("jmh-result." + type.toString().toLowerCase(Locale.ROOT));
      ResultFormatFactory.getInstance(type, file).writeOut(all);
    }
  }

  private static String[] concat(String[] a, String[] b, String... more) {
    List<String> l = new ArrayList<>(List.of(a));
    l.addAll(List.of(b));
    l.addAll(List.of(more));
    return l.toArray(new String[0]);
  }

  private static Collection<RunResult> run(Options o) throws Exception {
    return new Runner(o).run();
  }
}
