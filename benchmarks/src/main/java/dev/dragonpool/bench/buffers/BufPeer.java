package dev.dragonpool.bench.buffers;

/**
 * One buffer allocator under test behind the two calls every buffer benchmark makes. Each
 * benchmark fork loads exactly one subclass, so the JIT inlines both calls into the benchmark
 * loop. {@link #alloc} also touches the buffer (writes its first and last byte) the same way for
 * every peer, so that memory which is only reserved, never written, does not look free.
 */
public abstract class BufPeer {
  /**
   * Allocates a buffer of {@code size} bytes and writes its first and last byte.
   *
   * @param size bytes, at least 1
   * @return the buffer, of the peer's own type
   */
  public abstract Object alloc(int size);

  /**
   * Frees a buffer from {@link #alloc} (on this or another thread).
   *
   * @param buf the buffer
   */
  public abstract void free(Object buf);

  /**
   * Returns the handle a benchmark thread uses (this peer unless the peer needs per-thread state).
   *
   * @return the handle for the calling thread
   */
  public BufPeer forThread() {
    return this;
  }

  /** Releases the allocator's memory at the end of a trial. */
  public void close() {
  }
}
