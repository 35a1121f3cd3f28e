package dev.dragonpool.bench.agent;

import dev.dragonpool.Pooling;
import dev.dragonpool.bench.FastThreadExecutor;
import io.netty.util.Recycler;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Issue 3's benchmark: {@code new} of a {@code @Pooled} class plus {@code Pooling.release}, the
 * same bytecode measured twice, in a fork without the agent ({@code agent=off}: plain allocation,
 * release is an empty method) and in a fork started with {@code -javaagent} ({@code agent=on}:
 * both calls rewritten to the object cache). Beside them, Netty 4.2's {@code Recycler} doing the
 * same field work ({@link SmallRecycled}): the usual static thread-local recycler
 * ({@code smallRecycler}; it pools only on Netty's {@code FastThreadLocalThread}s, so
 * {@link AgentSuite} also runs it with {@code thread=ftl} on such threads), and a recycler pinned to
 * the benchmark thread, guarded and unguarded ({@code smallRecyclerPinned},
 * {@code smallRecyclerPinnedUnguarded}).
 *
 * <p>A JMH parameter cannot change a fork's JVM options, so {@link AgentSuite} runs this class
 * several times and sets {@code agent} and {@code thread}; {@link #checkAgent()} fails the trial
 * when the parameters and the JVM disagree. Constructor arguments are computed into locals first,
 * as the runs recorded before the agent rewrote {@code new T(this.f++)} did, so that results stay
 * comparable. Run directly ({@code java -jar benchmarks.jar AgentBench}) it measures the
 * {@code off} side on plain threads only.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Thread)
public class AgentBench {
  /** {@code on} when the fork runs under {@code -javaagent}, {@code off} otherwise. */
  @Param({"off"})
  public String agent;

  /** {@code plain}: JMH's threads; {@code ftl}: Netty fast-thread-local threads ({@link FastThreadExecutor}). */
  @Param({"plain"})
  public String thread;

  long seq;
  final Object attachment = new Object();

  /**
   * Fails the trial when {@link #agent} does not say whether the agent really pools, or
   * {@link #thread} what the benchmark thread is.
   */
  @Setup(Level.Trial)
  public void checkAgent() {
    FastThreadExecutor.check(thread);
    boolean on = "on".equals(agent);
    if (!on && !"off".equals(agent)) {
      throw new IllegalArgumentException("agent must be 'on' or 'off', got '" + agent + "'");
    }
    boolean small = Pooling.isPooled(SmallPooled.class);
    boolean expensive = Pooling.isPooled(ExpensivePooled.class);
    boolean buffer = Pooling.isPooled(BufferPooled.class);
    if (small != on || expensive != on || buffer != on) {
      throw new IllegalStateException(
          "agent=" + agent + " but Pooling.isPooled says SmallPooled=" + small
              + ", ExpensivePooled=" + expensive + ", BufferPooled=" + buffer
              + (on ? ": the fork was not started with a working -javaagent"
                    : ": an agent is active in a fork meant to run without one"));
    }
  }

  /**
   * {@code new} of the small {@code @Pooled} class, use, release.
   *
   * @param bh sink (also makes the object escape, so the agent-off case really allocates)
   */
  @Benchmark
  public void small(Blackhole bh) {
    long n = seq++;
    SmallPooled s = new SmallPooled(n, attachment);
    bh.consume(s.sum());
    bh.consume(s);
    Pooling.release(s);
  }

  /**
   * Netty {@code Recycler} get, the same field sets, use, field clears, recycle: the usual static,
   * thread-local recycler.
   *
   * @param bh sink
   */
  @Benchmark
  public void smallRecycler(Blackhole bh) {
    SmallRecycled s = SmallRecycled.newInstance(SmallRecycled.RECYCLER, seq++, attachment);
    bh.consume(s.sum());
    bh.consume(s);
    s.recycle();
  }

  /** Recyclers pinned to the benchmark thread (made on it, in its trial setup). */
  @State(Scope.Thread)
  public static class Pinned {
    Recycler<SmallRecycled> guarded;
    Recycler<SmallRecycled> unguarded;

    /** Pins both recyclers to the calling benchmark thread. */
    @Setup(Level.Trial)
    public void pin() {
      guarded = SmallRecycled.pinned(false);
      unguarded = SmallRecycled.pinned(true);
    }
  }

  /**
   * {@link #smallRecycler} on a recycler pinned to this thread, guarded handles.
   *
   * @param pinned this thread's recyclers
   * @param bh sink
   */
  @Benchmark
  public void smallRecyclerPinned(Pinned pinned, Blackhole bh) {
    SmallRecycled s = SmallRecycled.newInstance(pinned.guarded, seq++, attachment);
    bh.consume(s.sum());
    bh.consume(s);
    s.recycle();
  }

  /**
   * {@link #smallRecycler} on a recycler pinned to this thread, unguarded handles.
   *
   * @param pinned this thread's recyclers
   * @param bh sink
   */
  @Benchmark
  public void smallRecyclerPinnedUnguarded(Pinned pinned, Blackhole bh) {
    SmallRecycled s = SmallRecycled.newInstance(pinned.unguarded, seq++, attachment);
    bh.consume(s.sum());
    bh.consume(s);
    s.recycle();
  }

  /**
   * {@code new} of the expensive {@code @Pooled} class (retained buffer, pattern, digest and
   * cipher), one use, release.
   *
   * @param bh sink
   */
  @Benchmark
  public void expensive(Blackhole bh) {
    int n = (int) seq++;
    ExpensivePooled e = new ExpensivePooled(n);
    bh.consume(e.encode((int) seq));
    bh.consume(e);
    Pooling.release(e);
  }

  /**
   * {@code new} of {@link BufferPooled} (the 4 KiB retained buffer alone), use, release.
   *
   * @param bh sink
   */
  @Benchmark
  public void retainedBuffer(Blackhole bh) {
    int n = (int) seq++;
    BufferPooled b = new BufferPooled(n);
    bh.consume(b.put(n));
    bh.consume(b);
    Pooling.release(b);
  }
}
