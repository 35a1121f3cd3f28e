package dev.dragonpool.bench;

import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.FastThreadLocalThread;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * JMH executor whose benchmark threads are Netty {@link FastThreadLocalThread}s, the threads of
 * Netty's event loops, on which Netty 4.2's {@code Recycler} pools (on other threads its default
 * thread-local mode allocates a new object per {@code get()} and drops it at {@code recycle}). It is
 * how Netty's own microbenchmarks run: a fork started with
 * {@code -Djmh.executor=CUSTOM -Djmh.executor.class=dev.dragonpool.bench.FastThreadExecutor}
 * runs every benchmark method on such threads. JMH cannot choose the thread type per benchmark
 * parameter, so the suites run the fast-thread forks as a separate pass with the
 * {@code thread=ftl} parameter, which the benchmarks check (see {@link #check}).
 */
public final class FastThreadExecutor extends ThreadPoolExecutor {
  /** The JMH fork options that select this executor. */
  public static final String[] JVM_ARGS = {
    "-Djmh.executor=CUSTOM", "-Djmh.executor.class=" + FastThreadExecutor.class.getName()
  };

  /**
   * Called by JMH in the fork.
   *
   * @param maxThreads the most benchmark threads
   * @param prefix thread name prefix
   */
  public FastThreadExecutor(int maxThreads, String prefix) {
    super(maxThreads, maxThreads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
        new DefaultThreadFactory(prefix));
  }

  /**
   * Whether the calling thread is a fast-thread-local thread on which Netty's recycler pools.
   *
   * @return true on a thread of this executor
   */
  public static boolean onFastThread() {
    return FastThreadLocalThread.currentThreadWillCleanupFastThreadLocals();
  }

  /**
   * Fails when the benchmark's {@code thread} parameter does not say what the calling thread is.
   *
   * @param thread {@code plain} or {@code ftl}
   * @throws IllegalArgumentException for another value
   * @throws IllegalStateException when the thread is not of that kind
   */
  public static void check(String thread) {
    boolean ftl = "ftl".equals(thread);
    if (!ftl && !"plain".equals(thread)) {
      throw new IllegalArgumentException("thread must be 'plain' or 'ftl', got '" + thread + "'");
    }
    if (ftl != onFastThread()) {
      throw new IllegalStateException("thread=" + thread + " but the benchmark runs on "
          + Thread.currentThread() + (ftl
              ? ": start the fork with -jvmArgsAppend \"-Xms1g -Xmx1g " + String.join(" ", JVM_ARGS) + "\""
              : ", a Netty fast-thread-local thread: drop the jmh.executor options or pass -p thread=ftl"));
    }
  }
}
