package dev.dragonpool.runtime;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Random single-threaded operation sequences checked against a simple model: the set of
 * objects out. On one thread every cached object is reachable (its own magazines or the
 * depot), so under FAIL a get must fail exactly when {@code limit} objects are out, and the
 * stats must match the model after every step.
 */
class ObjCacheModelTest {
    private static final int[] CAPACITIES = {0, 1, 7, 64, 1024};
    private static final int[] LIMITS = {1, 3, 17, 200};

    @Test
    void random_sequences_match_the_model() {
        for (long seed = 1; seed <= 200; seed++) {
            Random rnd = new Random(seed);
            int capacity = CAPACITIES[rnd.nextInt(CAPACITIES.length)];
            int limit = LIMITS[rnd.nextInt(LIMITS.length)];
            boolean recyclable = rnd.nextBoolean();
            LimitPolicy policy = rnd.nextBoolean() ? LimitPolicy.FAIL : LimitPolicy.ALLOCATE;
            String what = "seed " + seed + " capacity " + capacity + " limit " + limit + " " + policy
                    + (recyclable ? " recyclable" : " plain");
            try {
                run(rnd, capacity, limit, policy, recyclable);
            } catch (AssertionError e) {
                throw new AssertionError(what + ": " + e.getMessage(), e);
            }
        }
    }

    private void run(Random rnd, int capacity, int limit, LimitPolicy policy, boolean recyclable) {
        AtomicInteger made = new AtomicInteger();
        AtomicInteger unmade = new AtomicInteger();
        ObjCache<Object> c = ObjCache.builder("model", () -> {
            made.incrementAndGet();
            return recyclable ? new Thing() : new Plain();
        }).destructor(o -> unmade.incrementAndGet()).capacity(capacity).limit(limit).onLimit(policy)
                .objectSize(24).arena(Arena.create("model", 1 << 20)).build();
        List<Object> out = new ArrayList<>();
        Set<Object> outSet = Collections.newSetFromMap(new IdentityHashMap<>());
        Object lastPut = null;
        try {
            for (int step = 0; step < 2_000; step++) {
                int op = rnd.nextInt(100);
                if (op < 50) {
                    if (policy == LimitPolicy.FAIL && out.size() >= limit) {
                        assertThrows(PoolExhaustedException.class, c::get, "get at the limit");
                    } else {
                        Object o = c.get();
                        assertTrue(outSet.add(o), "handed out twice");
                        out.add(o);
                    }
                } else if (op < 92) {
                    if (!out.isEmpty()) {
                        Object o = out.remove(rnd.nextInt(out.size()));
                        outSet.remove(o);
                        c.put(o);
                        lastPut = o;
                    }
                } else if (op < 95) {
                    if (recyclable && lastPut != null && !outSet.contains(lastPut)) {
                        Object again = lastPut;
                        assertThrows(IllegalStateException.class, () -> c.put(again), "double put");
                    }
                } else if (op < 98) {
                    c.maintain();
                } else {
                    c.reclaim();
                    assertEquals(0, c.depot.nfull, "reclaim empties the depot");
                }
                ObjCacheStats s = c.stats();
                assertEquals(out.size(), s.inUse(), "in use");
                assertEquals(made.get(), s.created(), "created");
                assertEquals(unmade.get(), s.destroyed(), "destroyed");
                assertEquals(s.created() - s.destroyed(), s.inUse() + s.cached(), "conservation");
                if (policy == LimitPolicy.FAIL) {
                    assertTrue(s.created() - s.destroyed() <= limit, "over the limit");
                }
                if (capacity == 0) {
                    assertEquals(0, s.cached(), "capacity 0 caches nothing");
                }
                assertTrue(c.isValid());
                assertEquals(0, Magazine.ZERO.count, "ZERO corrupted at step " + step + " op " + op);
            }
        } catch (PoolExhaustedException e) {
            fail("unexpected exhaustion with " + out.size() + " out: " + e.getMessage());
        }
        for (Object o : out) {
            c.put(o);
        }
        assertEquals(0, Magazine.ZERO.count, "ZERO corrupted by the final puts");
        c.destroy();
        assertEquals(made.get(), unmade.get(), "all destructed after destroy");
    }
}
