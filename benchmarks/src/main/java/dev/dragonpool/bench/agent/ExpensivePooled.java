package dev.dragonpool.bench.agent;

import dev.dragonpool.annotations.Pooled;
import dev.dragonpool.annotations.Retained;
import java.util.HashMap;

/**
 * The expensive-to-construct {@code @Pooled} class of {@link AgentBench}, shaped like a protocol
 * encoder: a 4 KiB output buffer and a header index. Both fields are {@code @Retained}: under the
 * agent a recycled instance keeps its buffer and its map, and the constructor only clears and
 * refills the map (8 entries, rebuilt on every use). Without the agent every {@code new}
 * allocates and zeroes the buffer and builds a new map.
 */
@Pooled
public class ExpensivePooled {
  /** Size of the retained buffer. */
  public static final int BUFFER_BYTES = 4096;

  private static final String[] HEADERS = {
    "host", "user-agent", "accept", "accept-encoding",
    "content-type", "content-length", "connection", "cache-control"
  };

  @Retained byte[] buffer;
  @Retained HashMap<String, Integer> index;
  int length;

  /**
   * Takes the buffer and the map (new ones unless retained) and rebuilds the map's contents.
   *
   * @param seed varies the values put in the map
   */
  public ExpensivePooled(int seed) {
    if (buffer == null) {
      buffer = new byte[BUFFER_BYTES];
    }
    if (index == null) {
      index = new HashMap<>(16);
    } else {
      index.clear();
    }
    for (int i = 0; i < HEADERS.length; i++) {
      // Values stay within Integer's cache: the map's nodes are its only garbage.
      index.put(HEADERS[i], (seed + i) & 127);
    }
  }

  /**
   * Writes the value of header {@code h} into the buffer, like an encoder would.
   *
   * @param h header index, 0 to 7
   * @return the new length
   */
  public int encode(int h) {
    Integer v = index.get(HEADERS[h & 7]);
    buffer[length & (BUFFER_BYTES - 1)] = (byte) (v == null ? 0 : v);
    return ++length;
  }
}
