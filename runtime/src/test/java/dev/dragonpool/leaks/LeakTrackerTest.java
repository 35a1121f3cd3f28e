package dev.dragonpool.leaks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dragonpool.runtime.ObjCache;
import dev.dragonpool.runtime.internal.agent.AgentCounters;
import dev.dragonpool.runtime.internal.agent.AgentLines;
import dev.dragonpool.runtime.internal.agent.LeakTracker;
import dev.dragonpool.runtime.internal.agent.PoolHandle;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link LeakTracker} through the calls enhanced classes make ({@link PoolHandle#track},
 * {@link PoolHandle#untrack}). In a package outside {@code dev.dragonpool.runtime} because the
 * tracker names the first frame outside the runtime as the acquisition site. Each test tracks a
 * class of its own: the counts are global to the JVM.
 */
class LeakTrackerTest {
    static final class Leaky {
    }

    static final class Careful {
    }

    static final class TwoSites {
    }

    final List<String> lines = new CopyOnWriteArrayList<>();

    @BeforeEach
    void tellTheTrackerWhereLinesGo() {
        LeakTracker.configure("paranoid");
        AgentLines.sink((level, line) -> lines.add(level + " " + line));
    }

    @AfterEach
    void reset() {
        LeakTracker.configure("off");
        AgentLines.sink(null);
    }

    static PoolHandle handle(Class<?> type) {
        ObjCache<Object> cache = ObjCache.builder("leaktest-" + type.getSimpleName(), () -> (Object) new Object()).build();
        return new PoolHandle().bind(type, cache, null, 2);
    }

    /** Runs the collector until {@code className} has {@code expected} leaks, for at most ten seconds. */
    static long awaitLeaks(String className, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (LeakTracker.leaks(className) < expected && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(10);
        }
        return LeakTracker.leaks(className);
    }

    /** Keeps nothing: the instance is unreachable once this returns. */
    static void acquireAndForget(PoolHandle h, Object instance) {
        assertTrue(h.track(instance) != null, "paranoid tracks every instance");
    }

    @Test
    void a_leak_is_reported_by_the_daemon_without_any_later_acquire() throws Exception {
        PoolHandle h = handle(Leaky.class);
        long before = AgentCounters.LEAKS.sum();
        for (int i = 0; i < 5; i++) {
            acquireAndForget(h, new Leaky());
        }
        // Nothing acquires or polls from here on: only the daemon can report them.
        assertEquals(5, awaitLeaks(Leaky.class.getName(), 5));
        assertTrue(AgentCounters.LEAKS.sum() >= before + 5);
        List<String> mine = lines.stream().filter(l -> l.contains(Leaky.class.getName())).toList();
        assertEquals(1, mine.size(), "one line per acquisition site, the rest counted: " + lines);
        assertTrue(mine.get(0).startsWith("WARNING LEAK: an instance of " + Leaky.class.getName() + " acquired at "
                + LeakTrackerTest.class.getName() + ".acquireAndForget(LeakTrackerTest.java:"), mine.get(0));
        assertTrue(mine.get(0).contains("release every instance (Pooling.release or a @Release method)"), mine.get(0));
        assertTrue(Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("dragonpool-leaks") && t.isDaemon()), "reported by a daemon thread");
    }

    @Test
    void released_instances_are_never_reported() throws Exception {
        PoolHandle h = handle(Careful.class);
        for (int i = 0; i < 50; i++) {
            Careful c = new Careful();
            PoolHandle.untrack(h.track(c));
        }
        PoolHandle.untrack(null); // an instance made by a plain new carries no reference: a no-op
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(10);
        }
        assertEquals(0, LeakTracker.leaks(Careful.class.getName()));
        assertTrue(lines.stream().noneMatch(l -> l.contains(Careful.class.getName())), lines::toString);
    }

    @Test
    void the_exit_summary_names_each_class_count_and_the_top_sites() throws Exception {
        PoolHandle h = handle(TwoSites.class);
        for (int i = 0; i < 3; i++) {
            acquireAndForget(h, new TwoSites());
        }
        forgetElsewhere(h);
        assertEquals(4, awaitLeaks(TwoSites.class.getName(), 4));
        String s = LeakTracker.atExit(200);
        assertTrue(s.startsWith("leaks: "), s);
        assertTrue(s.contains(TwoSites.class.getName() + " 4"), s);
        assertTrue(s.contains("top acquisition sites: "), s);
        assertTrue(s.contains(LeakTrackerTest.class.getName() + ".acquireAndForget(LeakTrackerTest.java:"), s);
        assertTrue(s.contains(LeakTrackerTest.class.getName() + ".forgetElsewhere(LeakTrackerTest.java:"), s);
        int three = s.indexOf(") 3 (" + TwoSites.class.getName());
        int one = s.indexOf(") 1 (" + TwoSites.class.getName());
        assertTrue(three > 0 && (one < 0 || three < one), "sorted by count: " + s);
        assertEquals(2, lines.stream().filter(l -> l.contains(TwoSites.class.getName())).count(), lines::toString);
        assertEquals(4, LeakTracker.leaksByClass().get(TwoSites.class.getName()));
    }

    static void forgetElsewhere(PoolHandle h) {
        assertTrue(h.track(new TwoSites()) != null);
    }

    @Test
    void without_any_leak_the_summary_is_empty_and_the_mode_is_what_the_agent_said() {
        LeakTracker.configure("sample");
        assertEquals("sample", LeakTracker.mode());
        if (AgentCounters.LEAKS.sum() == 0) {
            assertNull(LeakTracker.summary());
        }
        LeakTracker.configure("off");
        assertEquals("off", LeakTracker.mode());
    }
}
