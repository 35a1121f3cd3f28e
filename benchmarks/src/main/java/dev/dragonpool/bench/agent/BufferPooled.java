package dev.dragonpool.bench.agent;

import dev.dragonpool.annotations.Pooled;
import dev.dragonpool.annotations.Retained;

/**
 * {@link ExpensivePooled} without its map: only the 4 KiB {@code @Retained} buffer. It separates
 * what pooling saves (allocating and zeroing the buffer) from the map rebuild that both sides of
 * {@code AgentBench.expensive} pay on every use.
 */
@Pooled
public class BufferPooled {
  @Retained byte[] buffer;
  int length;

  /**
   * Takes the buffer (a new one unless retained) and starts at position {@code start}.
   *
   * @param start first write position
   */
  public BufferPooled(int start) {
    if (buffer == null) {
      buffer = new byte[ExpensivePooled.BUFFER_BYTES];
    }
    length = start & (ExpensivePooled.BUFFER_BYTES - 1);
  }

  /**
   * Appends one byte.
   *
   * @param v the byte
   * @return the new length
   */
  public int put(int v) {
    buffer[length & (ExpensivePooled.BUFFER_BYTES - 1)] = (byte) v;
    return ++length;
  }
}
