package dev.dragonpool.bench.objects;

/**
 * The small object every object-pool benchmark hands around: five {@code long}s and three
 * references (the shape of Netty's own {@code RecyclerBenchmark} object, a request or event
 * holder) that a user sets after taking the object and clears before giving it back. Each peer
 * that needs a hook in the object (a Netty handle, a Stormpot slot, the Dragonpool slot) uses a
 * subclass that adds only that field, so every peer moves the same data.
 */
public class Payload {
  long id;
  long time;
  long offset;
  long length;
  long checksum;
  Object attachment;
  Object source;
  Object next;

  /**
   * Sets every field from {@code seq}, as a user would after taking the object.
   *
   * @param seq a running number
   * @param attach an object to refer to
   * @return a value derived from the fields, for the benchmark to consume
   */
  public final long fill(long seq, Object attach) {
    id = seq;
    time = seq << 1;
    offset = seq & 1023;
    length = 64;
    checksum = seq ^ 0x5bd1e995L;
    attachment = attach;
    source = this;
    next = attach;
    return id + offset + checksum;
  }

  /** Clears every field, as a user would before giving the object back. */
  public final void reset() {
    id = 0;
    time = 0;
    offset = 0;
    length = 0;
    checksum = 0;
    attachment = null;
    source = null;
    next = null;
  }
}
