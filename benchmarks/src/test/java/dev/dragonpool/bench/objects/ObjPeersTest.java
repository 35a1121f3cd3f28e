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

  /** Gets and puts 64 objects twice on the calling thread; true when the second round got them back. */
  static boolean reuses(ObjPeer peer) {
    ObjPeer tap = peer.forThread();
    java.util.Set<Payload> first = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    for (int round = 0; round < 2; round++) {
      Payload[] held = new Payload[64];
      for (int i = 0; i < held.length; i++) {
        held[i] = tap.get();
      }
      for (Payload p : held) {
        if (round == 0) {
          first.add(p);
        } else if (first.contains(p)) {
          return true;
        }
        tap.put(p);
      }
    }
    return false;
  }

  static boolean onFastThread(String name) throws Exception {
    boolean[] r = new boolean[1];
    Throwable[] err = new Throwable[1];
    Thread t = new io.netty.util.concurrent.DefaultThreadFactory("test-ftl").newThread(() -> {
      try {
        r[0] = reuses(ObjPeers.create(name));
      } catch (Throwable e) {
        err[0] = e;
      }
    });
    t.start();
    t.join();
    if (err[0] != null) {
      throw new AssertionError(err[0]);
    }
    return r[0];
  }

  /** What the two benchmark passes rely on: Netty 4.2's thread-local recycler pools on its own threads only. */
  @Test
  void netty_thread_local_recycler_pools_only_on_fast_thread_local_threads() throws Exception {
    assertTrue(!reuses(ObjPeers.create("recycler")), "recycler on a plain thread allocates");
    assertTrue(!reuses(ObjPeers.create("recycler-unguarded")), "unguarded recycler on a plain thread allocates");
    assertTrue(onFastThread("recycler"), "recycler on a FastThreadLocalThread pools");
    assertTrue(onFastThread("recycler-unguarded"), "unguarded recycler on a FastThreadLocalThread pools");
  }

  @Test
  void pinned_recyclers_and_objcache_pool_on_plain_threads() {
    for (String name : new String[] {"recycler-pinned", "recycler-pinned-unguarded", "objcache", "objcache-plain"}) {
      ObjPeer peer = ObjPeers.create(name);
      try {
        assertTrue(reuses(peer), name + " hands back released objects");
      } finally {
        peer.close();
      }
    }
  }

  @Test
  void fast_thread_executor_check_names_the_missing_fork_options() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> dev.dragonpool.bench.FastThreadExecutor.check("ftl"));
    assertTrue(e.getMessage().contains("-Djmh.executor=CUSTOM"), e.getMessage());
    dev.dragonpool.bench.FastThreadExecutor.check("plain");
    assertThrows(IllegalArgumentException.class, () -> dev.dragonpool.bench.FastThreadExecutor.check("green"));
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
