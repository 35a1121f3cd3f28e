package dev.dragonpool.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dragonpool.runtime.jfr.DragonpoolEvents;
import dev.dragonpool.runtime.jfr.JfrRecordings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JFR events the pools emit themselves, provoked through the real pools during an in-process
 * {@link Recording} (the event helpers alone are tested in {@code DragonpoolEventsTest}).
 */
class PoolEventsTest {

    @TempDir
    Path dir;

    private final List<ObjCache<?>> built = new ArrayList<>();

    @AfterEach
    void destroyAll() {
        built.forEach(ObjCache::destroy);
    }

    private <T> ObjCache<T> track(ObjCache<T> c) {
        built.add(c);
        return c;
    }

    private List<RecordedEvent> record(JfrRecordings.Body<Exception> body) throws Exception {
        return JfrRecordings.record(dir.resolve("pools.jfr"), List.of(DragonpoolEvents.POOL_EXHAUSTED,
                DragonpoolEvents.RECLAIM, DragonpoolEvents.ARENA_BUDGET_REACHED, DragonpoolEvents.GUARD_VIOLATION), body);
    }

    private static RecordedEvent only(List<RecordedEvent> events, String type, Predicate<RecordedEvent> which) {
        List<RecordedEvent> found = events.stream()
                .filter(e -> e.getEventType().getName().equals(type) && which.test(e))
                .collect(Collectors.toList());
        assertEquals(1, found.size(), () -> type + " events: " + found + " among " + events);
        return found.get(0);
    }

    private static boolean stackNames(RecordedEvent e, String method) {
        assertNotNull(e.getStackTrace(), e.getEventType().getName());
        return e.getStackTrace().getFrames().stream().map(RecordedFrame::getMethod)
                .anyMatch(m -> m.getName().equals(method));
    }

    /** Fills a cache's magazines on a thread that then ends, so maintain() moves them to the depot. */
    private static void fillOnDyingThread(ObjCache<Thing> c, int n) throws InterruptedException {
        Thread t = new Thread(() -> {
            List<Thing> mine = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                mine.add(c.get());
            }
            mine.forEach(c::put);
        });
        t.start();
        t.join();
    }

    @Test
    void objcache_exhaustion_names_the_cache_limit_and_policy_with_the_callers_stack() throws Exception {
        ObjCache<Thing> c = track(ObjCache.builder("jfrtest-limit", Thing::new).limit(2)
                .onLimit(LimitPolicy.FAIL).capacity(0).build());
        List<RecordedEvent> events = record(() -> {
            c.get();
            c.get();
            assertThrows(PoolExhaustedException.class, c::get);
        });
        RecordedEvent e = only(events, DragonpoolEvents.POOL_EXHAUSTED, x -> "jfrtest-limit".equals(x.getString("pool")));
        assertEquals("objcache", e.getString("kind"));
        assertEquals(2, e.getLong("limit"));
        assertEquals("fail", e.getString("outcome"));
        assertTrue(stackNames(e, "get"), "stack shows the get");
        assertTrue(e.getStackTrace().getFrames().stream()
                .anyMatch(f -> f.getMethod().getType().getName().equals(PoolEventsTest.class.getName())),
                "stack reaches the caller: " + e.getStackTrace().getFrames());
    }

    @Test
    void reclaim_and_trim_report_the_objects_and_bytes_given_back() throws Exception {
        Arena arena = Arena.create("jfrtest-reclaim", 16L << 20);
        ObjCache<Thing> c = track(ObjCache.builder("jfrtest-reclaim", Thing::new).arena(arena).objectSize(64)
                .build());
        long[] reclaimed = new long[1];
        long[] trimmedBefore = new long[1];
        List<RecordedEvent> events = record(() -> {
            fillOnDyingThread(c, 200);
            c.maintain(); // recovers the dead thread's magazines into the depot: nothing dropped, no event
            c.maintain(); // the depot went untouched for a period: half of it is trimmed
            trimmedBefore[0] = c.stats().cached();
            reclaimed[0] = c.reclaim();
        });
        RecordedEvent trim = only(events, DragonpoolEvents.RECLAIM, x -> "trim".equals(x.getString("cause")));
        assertEquals("jfrtest-reclaim", trim.getString("pool"));
        assertTrue(trim.getLong("objects") > 0, trim::toString);
        RecordedEvent rc = only(events, DragonpoolEvents.RECLAIM, x -> "reclaim".equals(x.getString("cause")));
        assertEquals("objcache", rc.getString("kind"));
        assertEquals(reclaimed[0], rc.getLong("objects"));
        assertEquals(trimmedBefore[0], reclaimed[0], "reclaim dropped what the trim left");
        assertTrue(rc.getLong("bytes") > 0 && rc.getLong("bytes") % Arena.PAGE_SIZE == 0, rc::toString);
        assertEquals(0, arena.charged(), "every page went back");
    }

    @Test
    void arena_pressure_reports_a_budget_reclaim_and_then_the_refused_charge() throws Exception {
        Arena small = Arena.create("jfrtest-small", 8 * Arena.PAGE_SIZE);
        ObjCache<Thing> hog = track(ObjCache.builder("jfrtest-hog", Thing::new).arena(small).objectSize(1024)
                .capacity(64).build());
        ObjCache<Thing> starved = track(ObjCache.builder("jfrtest-starved", Thing::new)
                .arena(Arena.create("jfrtest-none", 0)).objectSize(64).build());
        fillOnDyingThread(hog, 200); // outside the recording: the hog meets its own budget while it fills
        hog.maintain();
        assertTrue(hog.stats().cached() > 0);
        List<RecordedEvent> events = record(() -> {
            assertTrue(small.tryCharge(small.budget()), "the hog gives everything back");
            small.uncharge(small.budget());
            starved.put(starved.get()); // no budget at all: the charge for a magazine is refused
        });
        RecordedEvent budget = only(events, DragonpoolEvents.RECLAIM, x -> "budget".equals(x.getString("cause")));
        assertEquals("jfrtest-hog", budget.getString("pool"));
        assertTrue(budget.getLong("bytes") > 0, budget::toString);

        List<RecordedEvent> refused = events.stream()
                .filter(e -> e.getEventType().getName().equals(DragonpoolEvents.ARENA_BUDGET_REACHED)
                        && "jfrtest-none".equals(e.getString("arena")))
                .collect(Collectors.toList());
        assertFalse(refused.isEmpty(), () -> "no refusal among " + events);
        RecordedEvent r = refused.get(0);
        assertEquals(0, r.getLong("budget"));
        assertEquals(0, r.getLong("charged"));
        long requested = r.getLong("requested");
        assertTrue(requested > 0 && requested % Arena.PAGE_SIZE == 0, "whole pages for one magazine: " + requested);
        assertTrue(stackNames(r, "tryCharge"));
        assertFalse(events.stream().anyMatch(e -> e.getEventType().getName().equals(DragonpoolEvents.ARENA_BUDGET_REACHED)
                && "jfrtest-small".equals(e.getString("arena"))), "the hog's arena never refused: it reclaimed");
    }

    @Test
    void mpipe_and_zone_exhaustion_and_a_double_put_are_reported() throws Exception {
        MPipe<Thing> pipe = MPipe.builder("jfrtest-pipe", Thing::new).max(1).onLimit(LimitPolicy.FAIL).build();
        Zone<Thing> zone = Zone.create("jfrtest-zone", 1, Thing::new);
        ObjCache<Thing> c = track(ObjCache.builder("jfrtest-guard", Thing::new).build());
        ObjCache<Thing> other = track(ObjCache.builder("jfrtest-other", Thing::new).build());
        try {
            List<RecordedEvent> events = record(() -> {
                pipe.get();
                assertThrows(PoolExhaustedException.class, pipe::get);
                assertTrue(pipe.tryGet() == null);
                zone.alloc();
                assertThrows(PoolExhaustedException.class, zone::alloc);
                Thing t = c.get();
                c.put(t);
                assertThrows(IllegalStateException.class, () -> c.put(t));
                Thing o = other.get();
                assertThrows(IllegalArgumentException.class, () -> c.put(o));
            });
            RecordedEvent pf = only(events, DragonpoolEvents.POOL_EXHAUSTED,
                    x -> "jfrtest-pipe".equals(x.getString("pool")) && "fail".equals(x.getString("outcome")));
            assertEquals("mpipe", pf.getString("kind"));
            assertEquals(1, pf.getLong("limit"));
            only(events, DragonpoolEvents.POOL_EXHAUSTED,
                    x -> "jfrtest-pipe".equals(x.getString("pool")) && "null".equals(x.getString("outcome")));
            RecordedEvent z = only(events, DragonpoolEvents.POOL_EXHAUSTED, x -> "jfrtest-zone".equals(x.getString("pool")));
            assertEquals("zone", z.getString("kind"));
            assertEquals(1, z.getLong("limit"));
            RecordedEvent dbl = only(events, DragonpoolEvents.GUARD_VIOLATION,
                    x -> "double-release".equals(x.getString("violation")));
            assertEquals(Thing.class.getName(), dbl.getString("className"));
            assertTrue(stackNames(dbl, "put"));
            only(events, DragonpoolEvents.GUARD_VIOLATION, x -> "foreign-release".equals(x.getString("violation")));
        } finally {
            pipe.destroy();
            zone.destroy();
        }
    }
}
