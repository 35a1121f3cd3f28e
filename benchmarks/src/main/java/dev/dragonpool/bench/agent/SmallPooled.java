package dev.dragonpool.bench.agent;

import dev.dragonpool.annotations.Pooled;

/**
 * The small {@code @Pooled} class of {@link AgentBench}: the same four fields as the object
 * benchmarks' payload, set by the constructor. Under the agent, {@code new SmallPooled(..)} takes
 * a recycled instance and {@code Pooling.release} gives it back (the agent clears the fields);
 * without the agent both are plain Java.
 */
@Pooled
public class SmallPooled {
  long id;
  int kind;
  Object attachment;
  boolean flagged;

  /**
   * Sets every field from {@code seq}.
   *
   * @param seq a running number
   * @param attach an object to refer to
   */
  public SmallPooled(long seq, Object attach) {
    id = seq;
    kind = (int) (seq & 7);
    attachment = attach;
    flagged = (seq & 1) == 0;
  }

  /**
   * Reads the fields.
   *
   * @return a value derived from them
   */
  public long sum() {
    return id + kind + (flagged ? 1 : 0);
  }
}
