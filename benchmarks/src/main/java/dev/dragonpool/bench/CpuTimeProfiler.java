package dev.dragonpool.bench;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * JMH profiler ({@code -prof dev.dragonpool.bench.CpuTimeProfiler}) that reports the fork's
 * process CPU time per operation ({@code cpu.time.norm}, ns/op) and the CPU the fork got
 * ({@code cpu.util}, cores). Wall-clock time per operation counts the time a benchmark thread
 * waits for a core; on a shared, loaded machine that varies from fork to fork. CPU time counts
 * only the time the process ran, its GC and compiler threads and any pool's background threads
 * included, so peers measured in different forks compare more fairly. {@code cpu.util} below the
 * benchmark's thread count means the fork was starved for CPU while it was measured.
 *
 * <p>Like JMH's own {@code gc} profiler it normalises by all operations of the iteration; its
 * window is the whole iteration, so spinning in a group's hand-off counts as CPU time too.
 */
public final class CpuTimeProfiler implements InternalProfiler {
  private final com.sun.management.OperatingSystemMXBean os =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private long cpuStart;
  private long wallStart;

  @Override
  public String getDescription() {
    return "process CPU time per operation, robust to a loaded machine";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    cpuStart = os.getProcessCpuTime();
    wallStart = System.nanoTime();
  }

  @Override
  @SuppressWarnings("rawtypes") // JMH's InternalProfiler declares the raw Result type
  public Collection<? extends Result> afterIteration(
      BenchmarkParams benchmarkParams, IterationParams iterationParams, IterationResult result) {
    long cpu = os.getProcessCpuTime() - cpuStart;
    long wall = System.nanoTime() - wallStart;
    long ops = result.getMetadata().getAllOps();
    double perOp = ops > 0 ? (double) cpu / ops : Double.NaN;
    double util = wall > 0 ? (double) cpu / wall : Double.NaN;
    return List.of(
        new ScalarResult("cpu.time.norm", perOp, "ns/op", AggregationPolicy.AVG),
        new ScalarResult("cpu.util", util, "cores", AggregationPolicy.AVG));
  }
}
