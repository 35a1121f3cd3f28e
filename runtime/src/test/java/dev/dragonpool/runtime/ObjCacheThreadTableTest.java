package dev.dragonpool.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The thread-id table in front of {@code ObjCache}'s thread-local: a slot is trusted only when its
 * {@code Local}'s final owner is the caller, so threads whose ids share a slot (more threads than
 * slots, threads that die and are replaced) each keep their own magazines. Fixed seed; after the
 * stress, nothing was handed out twice at once and created = in use + cached + destroyed.
 */
class ObjCacheThreadTableTest {
    /** Three times the table's 256 slots: every slot is shared by several live threads. */
    private static final int THREADS = 768;
    private static final int ROUNDS = 400;

    static final class Item {
    }

    @Test
    void threads_sharing_table_slots_keep_their_own_magazines_and_conservation_holds() throws Exception {
        for (boolean plain : new boolean[] {false, true}) {
            ObjCache.Builder<Item> b = ObjCache.builder("thread-table-" + plain, Item::new).capacity(4096);
            if (plain) {
                b.plainObjects();
            }
            ObjCache<Item> cache = b.build();
            try {
                Set<Item> out = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
                AtomicReference<Throwable> error = new AtomicReference<>();
                CountDownLatch start = new CountDownLatch(1);
                List<Thread> threads = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    long seed = 42L * 1000 + t;
                    Thread th = new Thread(() -> {
                        Random r = new Random(seed);
                        List<Item> held = new ArrayList<>();
                        try {
                            start.await();
                            for (int i = 0; i < ROUNDS; i++) {
                                if (held.isEmpty() || r.nextInt(3) != 0) {
                                    Item it = cache.get();
                                    if (!out.add(it)) {
                                        throw new AssertionError("an item was handed out twice at once");
                                    }
                                    held.add(it);
                                } else {
                                    Item it = held.remove(held.size() - 1);
                                    out.remove(it);
                                    cache.put(it);
                                }
                            }
                            for (Item it : held) {
                                out.remove(it);
                                cache.put(it);
                            }
                        } catch (Throwable e) {
                            error.compareAndSet(null, e);
                        }
                    }, "table-" + t);
                    threads.add(th);
                    th.start();
                }
                start.countDown();
                for (Thread th : threads) {
                    th.join();
                }
                assertNull(error.get(), String.valueOf(error.get()));
                assertTrue(out.isEmpty());
                // The threads are dead: recover their magazines (what the reclaim daemon does each
                // period) so that the snapshot does not race with the daemon moving them.
                ReclaimDaemon.runOnce();
                ObjCacheStats s = cache.stats();
                assertEquals(0, s.inUse(), s.toString());
                assertEquals(s.created(), s.inUse() + s.cached() + s.destroyed(), s.toString());
            } finally {
                cache.destroy();
            }
        }
    }

    @SuppressWarnings("deprecation") // Thread.getId: threadId() exists only from JDK 19
    @Test
    void a_thread_whose_id_shares_a_slot_does_not_take_the_other_threads_magazine() throws Exception {
        ObjCache<Item> cache = ObjCache.builder("thread-table-collision", Item::new).capacity(4096).plainObjects().build();
        try {
            AtomicReference<Item> top = new AtomicReference<>();
            AtomicReference<Item> seenByB = new AtomicReference<>();
            AtomicReference<Throwable> error = new AtomicReference<>();
            CountDownLatch aReady = new CountDownLatch(1);
            CountDownLatch bDone = new CountDownLatch(1);
            Thread a = new Thread(() -> {
                try {
                    Item x = cache.get(); // A's Local goes into the slot of A's id
                    cache.put(x); //          x is now on top of A's magazine
                    top.set(x);
                    aReady.countDown();
                    bDone.await(); //         A stays alive, its Local still in the slot
                } catch (Throwable e) {
                    error.compareAndSet(null, e);
                }
            });
            Thread b = null;
            List<Thread> unused = new ArrayList<>();
            for (int k = 0; k < 4 * 256 && b == null; k++) {
                Thread t = new Thread(() -> {
                    try {
                        seenByB.set(cache.get());
                    } catch (Throwable e) {
                        error.compareAndSet(null, e);
                    }
                });
                if ((t.getId() & 255) == (a.getId() & 255)) {
                    b = t;
                } else {
                    unused.add(t);
                }
            }
            assertTrue(b != null, "no thread id sharing A's slot among " + unused.size() + " new threads");
            a.start();
            aReady.await();
            b.start();
            b.join();
            bDone.countDown();
            a.join();
            assertNull(error.get(), String.valueOf(error.get()));
            assertTrue(seenByB.get() != top.get(), "B took the object on top of A's magazine: it used A's Local");
        } finally {
            cache.destroy();
        }
    }
}
