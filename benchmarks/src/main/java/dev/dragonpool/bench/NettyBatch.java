package dev.dragonpool.bench;

/**
 * Switches Netty's {@code Recycler} to its fastest same-thread path for threads that are not
 * Netty's {@code FastThreadLocalThread}s (JMH's are not): the system property
 * {@code io.netty.recycler.batchFastThreadLocalOnly=false}, which {@code Recycler} reads once in
 * its static initialiser. Every JMH benchmark runs in a fresh fork, so setting the property in a
 * trial setup, before the fork first touches {@code Recycler}, is enough.
 */
public final class NettyBatch {
  /** The property Netty reads. */
  public static final String PROPERTY = "io.netty.recycler.batchFastThreadLocalOnly";

  private NettyBatch() {
  }

  /** Sets the property; must run before {@code io.netty.util.Recycler} is initialised. */
  public static void enable() {
    System.setProperty(PROPERTY, "false");
  }
}
