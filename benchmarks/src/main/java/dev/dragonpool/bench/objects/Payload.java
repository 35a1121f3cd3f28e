package dev.dragonpool.bench.objects;

/**
 * The small object every object-pool benchmark hands around: four fields that a user sets after
 * taking the object and clears before giving it back, like a request or event holder. Each peer
 * that needs a hook in the object (a Netty handle, a Stormpot slot, the Dragonpool slot) uses a
 * subclass that adds only that field, so every peer moves the same data.
 */
public class Payload {
  long id;
  int kind;
  Object attachment;
  boolean flagged;

  /**
   * Sets every field from {@code seq}, as a user would after taking the object.
   *
   * @param seq a running number
   * @param attach an object to refer to
   * @return a value derived from the fields, for the benchmark to consume
   */
  public final long fill(long seq, Object attach) {
    id = seq;
    kind = (int) (seq & 7);
    attachment = attach;
    flagged = (seq & 1) == 0;
    return id + kind;
  }

  /** Clears every field, as a user would before giving the object back. */
  public final void reset() {
    id = 0;
    kind = 0;
    attachment = null;
    flagged = false;
  }
}
