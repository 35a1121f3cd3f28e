package dev.dragonpool.bench.objects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Every object pool the benchmark names can be built and cycled, so a run never dies in setup. */
class ObjPeersTest {
  static String[] names() {
    return Arrays.stream(ObjPeers.NAMES.split(", ")).toArray(String[]::new);
  }

  static boolean stormpotAvailable() {
    try {
      Class.forName("dev.dragonpool.bench.objects.StormpotPeer");
      return Runtime.version().feature() >= 21;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  @ParameterizedTest
  @MethodSource("names")
  void peer_hands_out_objects_and_takes_them_back(String name) {
    assumeTrue(!name.startsWith("stormpot") || stormpotAvailable(), "Stormpot 4 needs JDK 21+");
    ObjPeer peer = ObjPeers.create(name);
    try {
      ObjPeer tap = peer.forThread();
      Payload[] held = new Payload[64];
      for (int round = 0; round < 50; round++) {
        for (int i = 0; i < held.length; i++) {
          held[i] = tap.get();
          assertNotNull(held[i]);
          assertEquals(0, held[i].id, "fields are at their defaults when taken");
          held[i].fill(round * 100L + i + 1, held);
        }
        for (Payload p : held) {
          p.reset();
          tap.put(p);
        }
      }
    } finally {
      peer.close();
    }
  }

  @Test
  void stormpot_on_a_jar_without_it_says_why() {
    assumeTrue(!stormpotAvailable());
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> ObjPeers.create("stormpot-st"));
    assertTrue(e.getMessage().contains("Stormpot 4"), e.getMessage());
  }

  @Test
  void unknown_pool_name_is_rejected_with_the_names() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ObjPeers.create("caffeine"));
    assertEquals("unknown pool 'caffeine', expected one of: " + ObjPeers.NAMES, e.getMessage());
  }
}
