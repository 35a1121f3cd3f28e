package dev.dragonpool.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SpscRingTest {
  @Test
  void offer_fails_when_full_and_poll_returns_in_order() {
    SpscRing<Integer> ring = new SpscRing<>(4);
    for (int i = 0; i < 4; i++) {
      assertTrue(ring.offer(i));
    }
    assertFalse(ring.offer(99));
    for (int i = 0; i < 4; i++) {
      assertEquals(i, ring.poll());
    }
    assertNull(ring.poll());
  }

  @Test
  void wraps_around_many_times() {
    SpscRing<Integer> ring = new SpscRing<>(2);
    for (int i = 0; i < 1000; i++) {
      assertTrue(ring.offer(i));
      assertEquals(i, ring.poll());
    }
    assertNull(ring.poll());
  }

  @Test
  void hands_every_element_over_between_two_threads() throws InterruptedException {
    SpscRing<Integer> ring = new SpscRing<>(8);
    int n = 20_000;
    Thread producer =
        new Thread(
            () -> {
              for (int i = 0; i < n; i++) {
                for (int spins = 0; !ring.offer(i); spins++) {
                  SpscRing.idle(spins);
                }
              }
            });
    producer.start();
    for (int i = 0; i < n; i++) {
      Integer e;
      for (int spins = 0; (e = ring.poll()) == null; spins++) {
        SpscRing.idle(spins);
      }
      assertEquals(i, e);
    }
    producer.join();
    assertNull(ring.poll());
  }

  @Test
  void capacity_not_a_power_of_two_is_rejected() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new SpscRing<>(6));
    assertEquals("capacity must be a power of two >= 2, got 6", e.getMessage());
  }
}
