package dev.dragonpool.bench.agent;

import dev.dragonpool.annotations.Pooled;
import dev.dragonpool.annotations.Retained;

/**
 * The cheapest of {@link ExpensivePooled}'s setups alone: a 4 KiB {@code @Retained} buffer. What
 * pooling saves here is allocating and zeroing the buffer.
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
