package dev.dragonpool.agent;

import dev.dragonpool.agent.stat.StatTable;
import dev.dragonpool.agent.transform.Glob;
import dev.dragonpool.agent.transform.PoolDecider;
import dev.dragonpool.runtime.Arena;
import dev.dragonpool.runtime.ObjectSizer;
import dev.dragonpool.runtime.internal.PooledClasses;
import dev.dragonpool.runtime.internal.agent.AgentCounters;
import dev.dragonpool.runtime.internal.agent.AgentLines;
import dev.dragonpool.runtime.internal.agent.AgentStats;
import dev.dragonpool.runtime.internal.agent.LeakTracker;
import dev.dragonpool.runtime.jmx.DragonpoolJmx;
import java.lang.System.Logger.Level;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.ToLongFunction;

/**
 * Installs the agent once the runtime is on the bootstrap class path, in the order the design
 * fixes: (1) open the boot zone of pool descriptors ({@link PooledClasses#boot()}), so anything
 * pooled that initialises while the agent starts is served without the arena; (2) read the
 * configuration's problems (the options were parsed by {@link DragonpoolAgent}, which stops
 * start-up on them under {@code strict=true}); (3) size the global arena and install {@code Instrumentation::getObjectSize} as the object sizer; (4)
 * close the boot phase; (5) register the transformer; (6) on attach, mark every class already
 * loaded as not pooled (so no call is rewritten to an unenhanced class) and report those that
 * asked to be; (7) publish JMX beans unless {@code jmx=off}, from a daemon thread shortly after;
 * (8) register one shutdown hook for what is said at exit: the last leak round, {@code pool=}
 * globs that matched nothing, {@code summary=true}'s counters and {@code report=exit}'s
 * {@code stat} table.
 */
final class Installer {
    static final long JMX_DELAY_MILLIS = 500;
    /** How long the exit round waits for the collector to find leaks. */
    static final long LEAK_EXIT_MILLIS = 200;

    private Installer() {
    }

    static void install(AgentConfig cfg, Instrumentation inst, boolean attached) {
        PooledClasses.boot();
        for (String p : cfg.problems) { // strict=true with problems never gets here (DragonpoolAgent)
            AgentLog.log(Level.WARNING, "ignoring " + p);
        }
        if (!cfg.enabled) {
            PooledClasses.bootDone();
            return;
        }
        if (cfg.arena > 0) {
            Arena.global().setBudget(cfg.arena);
        }
        ObjectSizer.install(new ToLongFunction<Object>() { // no lambda: premain avoids invokedynamic
            @Override
            public long applyAsLong(Object o) {
                return inst.getObjectSize(o);
            }
        });
        PooledClasses.configure(cfg.capacity, null);
        PooledClasses.leaks(cfg.leaks);
        if (!"off".equals(cfg.leaks)) {
            LeakTracker.configure(cfg.leaks); // off is its default: a start-up without leaks does not load it
        }
        AgentLines.sink(LINES);
        PooledClasses.bootDone();
        PoolTransformer t = new PoolTransformer(cfg.pool, cfg.exclude, "full".equals(cfg.guard), !"off".equals(cfg.leaks), inst);
        System.setProperty("dragonpool.agent.version", version());
        // Every class already loaded (by the JVM, by another agent's premain listed first, or by
        // the application before an attach) stays as it is, and no call is rewritten to it.
        markLoaded(inst, t, attached);
        inst.addTransformer(t, false);
        if (cfg.jmx) {
            startJmx();
        }
        atExit(cfg, inst);
    }

    /** The runtime's lines ({@link AgentLines}: leaks, releases that do nothing) into the agent's log (a class: no lambda in premain). */
    private static final BiConsumer<Level, String> LINES = new BiConsumer<Level, String>() {
        @Override
        public void accept(Level level, String line) {
            AgentLog.log(level, line);
        }
    };

    /**
     * Registers the one shutdown hook, {@code dragonpool-exit}, when there is anything to say at
     * exit. One hook, not one per task: the JVM runs hooks concurrently, and the summary and the
     * report must count the leaks the last round finds. In order: (1) with {@code leaks} on, the
     * last leak round ({@link LeakTracker#atExit}, at most {@value #LEAK_EXIT_MILLIS} ms of
     * waiting for the collector) and its summary line; (2) one line per {@code pool=} glob that
     * matched no class this JVM loaded; (3) with {@code summary=true}, the counters line; (4) with
     * {@code report=exit}, the {@code stat} table. Everything goes straight to standard error.
     */
    private static void atExit(AgentConfig cfg, Instrumentation inst) {
        final boolean leaks = !"off".equals(cfg.leaks);
        final List<Glob> pool = cfg.pool;
        final boolean summary = cfg.summary;
        final boolean report = cfg.reportAtExit;
        if (!leaks && pool.isEmpty() && !summary && !report) {
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread("dragonpool-exit") { // no lambda, as above
            @Override
            public void run() {
                if (leaks) {
                    String s = LeakTracker.atExit(LEAK_EXIT_MILLIS);
                    if (s != null) {
                        AgentLog.log(Level.WARNING, s);
                    }
                }
                if (!pool.isEmpty()) {
                    for (Glob g : unmatched(pool, inst.getAllLoadedClasses(), AgentCounters.refusals().keySet())) {
                        AgentLog.log(Level.WARNING, unmatchedLine(g));
                    }
                }
                if (summary) {
                    AgentLog.line(summary());
                }
                if (report) {
                    StatTable.printLocal(System.err);
                }
            }
        });
    }

    /**
     * The {@code pool=} globs that match none of the classes given (the classes loaded when the
     * JVM exits) nor any name in {@code refused} (refused classes stay listed even once their
     * loader is gone).
     *
     * @param pool the globs
     * @param loaded the loaded classes
     * @param refused binary names of refused classes
     * @return the globs that matched nothing, in the order given
     */
    static List<Glob> unmatched(List<Glob> pool, Class<?>[] loaded, Iterable<String> refused) {
        List<Glob> left = new ArrayList<>(pool);
        for (String name : refused) {
            matchedBy(left, name);
        }
        for (int i = 0; i < loaded.length && !left.isEmpty(); i++) {
            Class<?> c = loaded[i];
            if (!c.isArray() && !c.isPrimitive()) {
                matchedBy(left, c.getName());
            }
        }
        return left;
    }

    private static void matchedBy(List<Glob> left, String binaryName) {
        for (int j = left.size() - 1; j >= 0; j--) {
            if (left.get(j).matches(binaryName)) {
                left.remove(j);
            }
        }
    }

    /** The warning for a {@code pool=} glob that matched nothing. */
    static String unmatchedLine(Glob g) {
        String text = g.toString();
        boolean wildcard = text.indexOf('*') >= 0 || text.indexOf('?') >= 0;
        return "pool=" + text + (wildcard ? " matched no class this JVM loaded" : ": no class of that name was loaded by this JVM")
                + ", so it pooled nothing; check the name (binary names with dots and $ for nested classes,"
                + " e.g. com.acme.Order or com.acme.Outer$Line; * matches within a package, ** across packages)";
    }

    /** @return the agent's counters in one line */
    static String summary() {
        AgentStats s = AgentCounters.snapshot();
        String mode = LeakTracker.mode();
        return "summary: classes seen " + s.seen() + ", parsed " + s.parsed() + ", enhanced " + s.enhanced()
                + ", refused " + s.refused() + "; allocation sites rewritten " + s.sitesRewritten() + ", left plain "
                + s.sitesSkipped() + "; direct releases " + s.releasesDirect() + "; errors " + s.errors()
                + "; leaks " + ("off".equals(mode) ? "not tracked (leaks=off)" : s.leaks() + " (leaks=" + mode + ")")
                + "; transformer time " + s.transformNanos() / 1_000_000 + " ms";
    }

    private static void markLoaded(Instrumentation inst, PoolTransformer t, boolean attached) {
        List<String> refused = new ArrayList<>();
        long before = AgentCounters.CLASSES_REFUSED.sum();
        for (Class<?> c : inst.getAllLoadedClasses()) {
            ClassLoader l = c.getClassLoader();
            if (l == null || c.isArray() || c.isPrimitive()) {
                continue;
            }
            String name = c.getName().replace('.', '/');
            if (name.equals("dev/dragonpool/Pooling")) {
                AgentLog.log(Level.WARNING, "dev.dragonpool.Pooling was already loaded by " + l
                        + "; its release() stays a no-op and isPooled() false in that loader");
            }
            boolean annotated = false;
            try {
                for (var a : c.getDeclaredAnnotations()) {
                    if (a.annotationType().getName().equals("dev.dragonpool.annotations.Pooled")) {
                        annotated = true;
                    }
                }
            } catch (RuntimeException | LinkageError e) {
                annotated = false;
            }
            t.loadedBeforeAttach.add(name);
            PoolDecider d = t.decider(l);
            d.markLoaded(name, annotated);
            if (annotated && refused.size() < 20) {
                refused.add(c.getName());
            }
        }
        long n = AgentCounters.CLASSES_REFUSED.sum() - before;
        if (n > 0) {
            AgentLog.log(Level.WARNING, (attached ? "attached late: " : "started after other agents: ") + n
                    + " class(es) asked to be pooled were already loaded and stay plain: " + refused
                    + (attached ? " (start the JVM with -javaagent to pool them)"
                            : " (list -javaagent:dragonpool-agent.jar before the agents that load them)"));
        }
    }

    /** Publishes the MXBeans from a daemon thread half a second later: premain does not pay for the MBean server. */
    private static void startJmx() {
        try {
            DragonpoolJmx.startInBackground(JMX_DELAY_MILLIS);
        } catch (RuntimeException | LinkageError e) {
            AgentLog.log(Level.WARNING, "the MXBeans could not be published (jmx=off turns them off): " + e);
        }
    }

    static String version() {
        Package p = Installer.class.getPackage();
        String v = p == null ? null : p.getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
