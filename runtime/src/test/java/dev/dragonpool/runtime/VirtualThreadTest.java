package dev.dragonpool.runtime;

import dev.dragonpool.runtime.internal.Threads;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Virtual threads share striped caches: memory is bounded by the limits, not by the thread count. */
class VirtualThreadTest {
    private static final int THREADS = 100_000;

    @Test
    void a_hundred_thousand_virtual_threads_stay_within_the_limits() throws Exception {
        assumeTrue(Threads.supported(), "virtual threads need JDK 21+");
        ExecutorService ex = (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor")
                .invoke(null);
        AtomicInteger constructed = new AtomicInteger();
        Set<Thing> out = ConcurrentHashMap.newKeySet();
        int limit = 512;
        ObjCache<Thing> c = ObjCache.<Thing>builder("virtual", () -> {
            constructed.incrementAndGet();
            return new Thing();
        }).capacity(256).limit(limit).onLimit(LimitPolicy.BLOCK).timeout(Duration.ofSeconds(30))
                .objectSize(64).arena(Arena.create("virtual", 16L << 20)).build();
        AtomicInteger twice = new AtomicInteger();
        List<Future<?>> fs = new ArrayList<>(THREADS);
        try {
            for (int i = 0; i < THREADS; i++) {
                fs.add(ex.submit(() -> {
                    assertTrue(Threads.isVirtual(Thread.currentThread()));
                    Thing t = c.get();
                    if (!out.add(t)) {
                        twice.incrementAndGet();
                    }
                    Thread.yield(); // many threads hold an object at once
                    out.remove(t);
                    c.put(t);
                }));
            }
            for (Future<?> f : fs) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            ex.shutdown();
            assertTrue(ex.awaitTermination(60, TimeUnit.SECONDS));
        }
        ObjCacheStats s = c.stats();
        assertEquals(0, twice.get(), "handed out twice");
        assertEquals(THREADS, s.requested());
        assertTrue(s.created() - s.destroyed() <= limit, "live " + (s.created() - s.destroyed()));
        assertTrue(s.highWater() <= limit, "high water " + s.highWater());
        assertEquals(constructed.get(), s.created());
        assertEquals(0, s.inUse());
        assertEquals(0, c.localCount(), "no per-virtual-thread magazines");
        long bound = (2L * c.stripeCount() + c.depotMax()) * c.magazineCapacity();
        assertTrue(s.cached() <= Math.min(limit, bound), "cached " + s.cached() + " bound " + bound);
        assertTrue(c.isValid());
        assertFalse(out.iterator().hasNext());
        c.destroy();
    }
}
