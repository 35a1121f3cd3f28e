package dev.dragonpool.bench.objects;

import dev.dragonpool.bench.FastThreadExecutor;
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
 * Issue 2's object benchmark: take a small object, set its fields, clear them, give it back, for
 * every object pool of {@link ObjPeers} side by side (parameter {@code pool}).
 *
 * <ul>
 *   <li>{@code getPut}: one thread.
 *   <li>{@code getPut2Threads}: two threads, each taking and giving back its own objects from one
 *       shared pool.
 *   <li>{@code handoff} group: one thread takes objects and passes them through a bounded
 *       {@link SpscRing} (128 slots) to a second thread that gives them back, release on another
 *       thread. The group's score is per side of the hand-off and its {@code gc.alloc.rate.norm}
 *       is per operation of either thread (two operations per object): double it for bytes per
 *       object. The {@code prealloc} pool is the hand-off alone, no pool at all.
 *       A side that finds the ring full or empty spins briefly, then yields its core
 *       ({@link SpscRing#idle}).
 * </ul>
 *
 * <p>Netty 4.2's thread-local {@code Recycler} pools only on Netty's own threads, so the suite runs
 * twice: on JMH's plain threads ({@code thread=plain}, every peer) and on Netty
 * {@code FastThreadLocalThread}s ({@code thread=ftl}: the recyclers, Dragonpool and the baselines,
 * in forks started with {@link FastThreadExecutor#JVM_ARGS}, as Netty's own microbenchmarks run).
 *
 * <p>Baselines: {@code new} (allocation plus the GC's work) and {@code prealloc} (objects taken
 * round-robin from a preallocated per-thread array, nothing given back: the harness floor).
 * Every taken object goes through a {@link Blackhole} so that escape analysis cannot remove the
 * {@code new} baseline's allocation.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 4, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Benchmark)
public class ObjCacheBench {
  /** Slots in the hand-off ring of the {@code handoff} group. */
  static final int RING = 128;

  /** The pool under test, see {@link ObjPeers}. */
  @Param({
    "prealloc",
    "new",
    "objcache",
    "objcache-plain",
    "recycler",
    "recycler-unguarded",
    "recycler-pinned",
    "recycler-pinned-unguarded",
    "stormpot-st",
    "stormpot-ts",
    "stormpot-vt",
    "commons-pool2"
  })
  public String pool;

  /**
   * The benchmark threads: {@code plain} (JMH's own) or {@code ftl} (Netty
   * {@code FastThreadLocalThread}s, in a fork started with {@link FastThreadExecutor#JVM_ARGS});
   * checked on every benchmark thread.
   */
  @Param({"plain"})
  public String thread;

  ObjPeer peer;
  SpscRing<Payload> ring;
  final Object attachment = new Object();

  /** Builds the pool and the hand-off ring. */
  @Setup(Level.Trial)
  public void setUp() {
    peer = "prealloc".equals(pool) ? new PreallocPeer() : ObjPeers.create(pool);
    ring = new SpscRing<>(RING);
  }

  /** Shuts the pool down. */
  @TearDown(Level.Trial)
  public void tearDown() {
    peer.close();
  }

  /** Per-thread handle on the pool and a running number. */
  @State(Scope.Thread)
  public static class Worker {
    ObjPeer tap;
    long seq;

    /**
     * Takes this thread's handle.
     *
     * @param bench the shared state
     */
    @Setup(Level.Trial)
    public void setUp(ObjCacheBench bench) {
      FastThreadExecutor.check(bench.thread);
      tap = bench.peer.forThread();
    }
  }

  /**
   * One thread: get, use, reset, put.
   *
   * @param w this thread's handle
   * @param bh sink
   */
  @Benchmark
  public void getPut(Worker w, Blackhole bh) {
    cycle(w, bh);
  }

  /**
   * Two threads on one pool: get, use, reset, put.
   *
   * @param w this thread's handle
   * @param bh sink
   */
  @Benchmark
  @Threads(2)
  public void getPut2Threads(Worker w, Blackhole bh) {
    cycle(w, bh);
  }

  private void cycle(Worker w, Blackhole bh) {
    ObjPeer t = w.tap;
    Payload p = t.get();
    bh.consume(p.fill(w.seq++, attachment));
    bh.consume(p);
    p.reset();
    t.put(p);
  }

  /**
   * Producer side of the hand-off: get, fill, pass to the other thread.
   *
   * @param w this thread's handle
   * @param c JMH's iteration control, to stop spinning when the consumer has stopped
   * @param bh sink
   */
  @Benchmark
  @Group("handoff")
  @GroupThreads(1)
  public void handoffGet(Worker w, Control c, Blackhole bh) {
    ObjPeer t = w.tap;
    Payload p = t.get();
    bh.consume(p.fill(w.seq++, attachment));
    for (int spins = 0; !ring.offer(p); spins++) {
      if (c.stopMeasurement) {
        p.reset();
        t.put(p);
        return;
      }
      SpscRing.idle(spins);
    }
  }

  /**
   * Consumer side of the hand-off: take from the other thread, reset, put.
   *
   * @param w this thread's handle
   * @param c JMH's iteration control, to stop spinning when the producer has stopped
   * @param bh sink
   */
  @Benchmark
  @Group("handoff")
  @GroupThreads(1)
  public void handoffPut(Worker w, Control c, Blackhole bh) {
    Payload p;
    for (int spins = 0; (p = ring.poll()) == null; spins++) {
      if (c.stopMeasurement) {
        return;
      }
      SpscRing.idle(spins);
    }
    bh.consume(p.id);
    p.reset();
    w.tap.put(p);
  }

  /**
   * The harness floor: objects come round-robin from a preallocated array per thread and are
   * never given back. With at most {@link #RING} objects in flight in the hand-off, an object is
   * reused long after its consumer has finished with it.
   */
  static final class PreallocPeer extends ObjPeer {
    private final Payload[] objects = new Payload[1024];
    private int next;

    PreallocPeer() {
      for (int i = 0; i < objects.length; i++) {
        objects[i] = new Payload();
      }
    }

    @Override
    public Payload get() {
      Payload p = objects[next];
      next = (next + 1) & (objects.length - 1);
      return p;
    }

    @Override
    public void put(Payload p) {
      // Nothing: the array keeps every object.
    }

    @Override
    public ObjPeer forThread() {
      return new PreallocPeer();
    }
  }
}
