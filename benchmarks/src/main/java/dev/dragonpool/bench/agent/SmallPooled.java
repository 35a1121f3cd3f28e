package dev.dragonpool.bench.agent;

import dev.dragonpool.annotations.Pooled;

/**
 * The small {@code @Pooled} class of {@link AgentBench}: the same five {@code long}s and three
 * references as the object benchmarks' payload, set by the constructor. Under the agent,
 * {@code new SmallPooled(..)} takes a recycled instance and {@code Pooling.release} gives it back
 * (the agent clears the fields); without the agent both are plain Java.
 */
@Pooled
public class SmallPooled {
  long id;
  long time;
  long offset;
  long length;
  long checksum;
  Object attachment;
  Object source;
  Object next;

  /**
   * Sets every field from {@code seq}.
   *
   * @param seq a running number
   * @param attach an object to refer to
   */
  public SmallPooled(long seq, Object attach) {
    id = seq;
    time = seq << 1;
    offset = seq & 1023;
    length = 64;
    checksum = seq ^ 0x5bd1e995L;
    attachment = attach;
    source = this;
    next = attach;
  }

  /**
   * Reads the fields.
   *
   * @return a value derived from them
   */
  public long sum() {
    return id + offset + checksum + (attachment == next ? 1 : 0);
  }
}
