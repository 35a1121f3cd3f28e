package dev.dragonpool.bench.buffers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every buffer allocator the benchmark names works at every benchmarked size. */
class BufPeersTest {
  static String[] names() {
    return Arrays.stream(BufPeers.NAMES.split(", ")).toArray(String[]::new);
  }

  @ParameterizedTest
  @MethodSource("names")
  void peer_allocates_and_frees_every_benchmarked_size(String name) {
    BufPeer peer = BufPeers.create(name);
    try {
      BufPeer h = peer.forThread();
      for (int size : new int[] {64, 256, 1024, 4096, 16384, 65536}) {
        Object[] held = new Object[16];
        for (int round = 0; round < 4; round++) {
          for (int i = 0; i < held.length; i++) {
            held[i] = h.alloc(size);
            assertNotNull(held[i]);
          }
          for (Object b : held) {
            h.free(b);
          }
        }
      }
    } finally {
      peer.close();
    }
  }

  @Test
  void unknown_allocator_name_is_rejected_with_the_names() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> BufPeers.create("jemalloc"));
    assertEquals("unknown alloc 'jemalloc', expected one of: " + BufPeers.NAMES, e.getMessage());
  }
}
