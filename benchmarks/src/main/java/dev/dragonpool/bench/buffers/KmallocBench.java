package dev.dragonpool.bench.buffers;

import dev.dragonpool.bench.SpscRing;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.infra.Control;

/**
 * Issue 4's buffer benchmark: allocate a buffer, write its first and last byte, free it, for
 * every allocator of {@link BufPeers} side by side (parameter {@code alloc}) at each
 * {@code size}.
 *
 * <ul>
 *   <li>{@code allocFree}: one thread.
 *   <li>{@code allocFree2Threads}: two threads on one allocator.
 *   <li>{@code crossFree} group: one thread allocates and passes buffers through a bounded
 *       {@link SpscRing} (128 slots) to a second thread that frees them (remote free). The
 *       group's {@code gc.alloc.rate.norm} is per operation of either thread: double it for
 *       bytes per buffer. {@code heap} shows the hand-off's own cost plus the GC's.
 *       A side that finds the ring full or empty spins briefly, then yields its core
 *       ({@link SpscRing#idle}).
 * </ul>
 *
 * {@code direct} ({@code ByteBuffer.allocateDirect}) is freed by its {@code Cleaner} after a GC
 * and is very slow; the iterations are short (0.4 s) so a full run stays within minutes.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 400, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 3, time = 400, timeUnit = TimeUnit.MILLISECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-Dio.netty.leakDetection.level=disabled"})
@State(Scope.Benchmark)
public class KmallocBench {
  /** Slots in the hand-off ring of the {@code crossFree} group. */
  static final int RING = 128;

  /** Buffer size in bytes. */
  @Param({"64", "256", "1024", "4096", "16384", "65536"})
  public int size;

  /** The allocator under test, see {@link BufPeers}. */
  @Param({"kmalloc", "netty-pooled", "netty-adaptive", "direct", "heap"})
  public String alloc;

  BufPeer peer;
  SpscRing<Object> ring;

  /** Builds the allocator and the hand-off ring. */
  @Setup(Level.Trial)
  public void setUp() {
    peer = BufPeers.create(alloc);
    ring = new SpscRing<>(RING);
  }

  /** Frees what is left in the ring and releases the allocator. */
  @TearDown(Level.Trial)
  public void tearDown() {
    Object b;
    while ((b = ring.poll()) != null) {
      peer.free(b);
    }
    peer.close();
  }

  /** Per-thread handle on the allocator. */
  @State(Scope.Thread)
  public static class Worker {
    BufPeer handle;

    /**
     * Takes this thread's handle.
     *
     * @param bench the shared state
     */
    @Setup(Level.Trial)
    public void setUp(KmallocBench bench) {
      handle = bench.peer.forThread();
    }
  }

  /**
   * One thread: alloc, touch, free.
   *
   * @param w this thread's handle
   * @param bh sink
   */
  @Benchmark
  public void allocFree(Worker w, Blackhole bh) {
    BufPeer p = w.handle;
    Object b = p.alloc(size);
    bh.consume(b);
    p.free(b);
  }

  /**
   * Two threads on one allocator: alloc, touch, free.
   *
   * @param w this thread's handle
   * @param bh sink
   */
  @Benchmark
  @Threads(2)
  public void allocFree2Threads(Worker w, Blackhole bh) {
    BufPeer p = w.handle;
    Object b = p.alloc(size);
    bh.consume(b);
    p.free(b);
  }

  /**
   * Producer: alloc, touch, pass to the other thread.
   *
   * @param w this thread's handle
   * @param c JMH's iteration control
   */
  @Benchmark
  @Group("crossFree")
  @GroupThreads(1)
  public void crossAlloc(Worker w, Control c) {
    BufPeer p = w.handle;
    Object b = p.alloc(size);
    for (int spins = 0; !ring.offer(b); spins++) {
      if (c.stopMeasurement) {
        p.free(b);
        return;
      }
      SpscRing.idle(spins);
    }
  }

  /**
   * Consumer: take from the other thread, free.
   *
   * @param w this thread's handle
   * @param c JMH's iteration control
   */
  @Benchmark
  @Group("crossFree")
  @GroupThreads(1)
  public void crossFree(Worker w, Control c) {
    Object b;
    for (int spins = 0; (b = ring.poll()) == null; spins++) {
      if (c.stopMeasurement) {
        return;
      }
      SpscRing.idle(spins);
    }
    w.handle.free(b);
  }
}
