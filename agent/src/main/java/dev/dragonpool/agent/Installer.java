package dev.dragonpool.agent;

import dev.dragonpool.agent.stat.StatTable;
import dev.dragonpool.agent.transform.PoolDecider;
import dev.dragonpool.runtime.Arena;
import dev.dragonpool.runtime.ObjectSizer;
import dev.dragonpool.runtime.internal.PooledClasses;
import dev.dragonpool.runtime.internal.agent.AgentCounters;
import dev.dragonpool.runtime.internal.agent.AgentStats;
import dev.dragonpool.runtime.jmx.DragonpoolJmx;
import java.lang.System.Logger.Level;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * Installs the agent once the runtime is on the bootstrap class path, in the order the design
 * fixes: (1) open the boot zone of pool descriptors ({@link PooledClasses#boot()}), so anything
 * pooled that initialises while the agent starts is served without the arena; (2) read the
 * configuration and report its problems (or fail with them under {@code strict=true}); (3) size
 * the global arena and install {@code Instrumentation::getObjectSize} as the object sizer; (4)
 * close the boot phase; (5) register the transformer; (6) on attach, mark every class already
 * loaded as not pooled (so no call is rewritten to an unenhanced class) and report those that
 * asked to be; (7) publish JMX beans unless {@code jmx=off}, from a daemon thread shortly after;
 * (8) with {@code report=exit}, print the {@code stat} table of every pool when the JVM exits.
 */
final class Installer {
    static final long JMX_DELAY_MILLIS = 500;

    private Installer() {
    }

    static void install(String args, Instrumentation inst, boolean attached) {
        PooledClasses.boot();
        AgentConfig cfg = AgentConfig.parse(args, System.getProperties());
        AgentLog.level(cfg.log);
        if (!cfg.problems.isEmpty()) {
            if (cfg.strict) {
                PooledClasses.bootDone();
                throw new IllegalArgumentException("dragonpool: bad options (strict=true): " + String.join("; ", cfg.problems));
            }
            for (String p : cfg.problems) {
                AgentLog.log(Level.WARNING, "ignoring " + p);
            }
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
        if (cfg.reportAtExit) {
            Runtime.getRuntime().addShutdownHook(new Thread("dragonpool-report") { // no lambda, as above
                @Override
                public void run() {
                    StatTable.printLocal(System.err);
                }
            });
        }
        if (cfg.summary) {
            Runtime.getRuntime().addShutdownHook(new Thread("dragonpool-summary") {
                @Override
                public void run() {
                    // Straight to stderr, like report=exit: java.util.logging resets its handlers in
                    // a shutdown hook of its own, which races with this one once JMX has set it up.
                    System.err.println("dragonpool: " + summary());
                }
            });
        }
    }

    /** @return the agent's counters in one line */
    static String summary() {
        AgentStats s = AgentCounters.snapshot();
        return "summary: classes seen " + s.seen() + ", parsed " + s.parsed() + ", enhanced " + s.enhanced()
                + ", refused " + s.refused() + "; allocation sites rewritten " + s.sitesRewritten() + ", left plain "
                + s.sitesSkipped() + "; direct releases " + s.releasesDirect() + "; errors " + s.errors()
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
                    + " class(es) asked to be pooled were already loaded and stay plain: " + refused);
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
