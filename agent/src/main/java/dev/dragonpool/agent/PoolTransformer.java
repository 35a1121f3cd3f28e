package dev.dragonpool.agent;

import dev.dragonpool.agent.transform.ClassBytesSource;
import dev.dragonpool.agent.transform.ClassTransformer;
import dev.dragonpool.agent.transform.Glob;
import dev.dragonpool.agent.transform.PoolDecider;
import dev.dragonpool.runtime.internal.agent.AgentCounters;
import dev.dragonpool.runtime.jfr.DragonpoolEvents;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.lang.instrument.Instrumentation;
import dev.dragonpool.runtime.internal.PooledClasses;
import java.util.WeakHashMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The one {@link ClassFileTransformer} the agent registers: per class loader it keeps a
 * {@link PoolDecider} (the shared pooled-class predicate, reading not-yet-loaded class files
 * through that loader's resources) and runs the pure {@link ClassTransformer}. Classes of the
 * bootstrap loader and redefinitions are passed through untouched. A failure never escapes: the
 * class is left unchanged, the error counted and logged.
 *
 * <p>Concurrency: classes load on many threads; the loader map is guarded by its monitor (one
 * lookup per class, uncontended in practice) and the deciders are thread-safe.
 */
final class PoolTransformer implements ClassFileTransformer {
    private final List<Glob> pool;
    private final List<Glob> exclude;
    private final boolean guard;
    private final boolean leaks;
    private final Instrumentation inst;
    /** Modules already made to read the runtime (named modules that hold enhanced classes). */
    private final Set<Module> reading = java.util.Collections.newSetFromMap(new WeakHashMap<>());
    private final Map<ClassLoader, PoolDecider> deciders = new WeakHashMap<>();
    /** Classes loaded (in any loader) before an attach: never pooled, in any loader's decisions. */
    final java.util.Set<String> loadedBeforeAttach = java.util.concurrent.ConcurrentHashMap.newKeySet();

    PoolTransformer(List<Glob> pool, List<Glob> exclude, boolean guard, boolean leaks, Instrumentation inst) {
        this.pool = pool;
        this.exclude = exclude;
        this.guard = guard;
        this.leaks = leaks;
        this.inst = inst;
    }

    PoolDecider decider(ClassLoader loader) {
        synchronized (deciders) {
            PoolDecider d = deciders.get(loader);
            if (d == null) {
                d = new PoolDecider(pool, exclude, new LoaderBytes(loader), REFUSALS, loadedBeforeAttach);
                deciders.put(loader, d);
            }
            return d;
        }
    }

    /**
     * Reads class files through a loader's resources (a class, not a lambda: no invokedynamic at
     * start-up). The loader is held weakly: the decider is the value of a weak map keyed by that
     * loader, and a value that held its key strongly would keep every loader alive for good.
     */
    private static final class LoaderBytes implements ClassBytesSource {
        private final java.lang.ref.WeakReference<ClassLoader> loader;

        LoaderBytes(ClassLoader loader) {
            this.loader = new java.lang.ref.WeakReference<>(loader);
        }

        @Override
        public byte[] bytes(String internalName) {
            ClassLoader l = loader.get();
            return l == null ? null : read(l, internalName);
        }
    }

    private static final BiConsumer<String, String> REFUSALS = new BiConsumer<String, String>() {
        @Override
        public void accept(String className, String reason) {
            refused(className, reason);
        }
    };

    private static final Consumer<String> INFO = new Consumer<String>() {
        @Override
        public void accept(String msg) {
            AgentLog.log(Level.INFO, msg);
        }
    };

    static void refused(String className, String reason) {
        AgentCounters.refused(className, reason);
        AgentLog.log(Level.INFO, "not pooling " + className + ": " + reason);
        DragonpoolEvents.classRefused(className, reason);
    }

    private static byte[] read(ClassLoader loader, String internalName) {
        try (InputStream in = loader.getResourceAsStream(internalName + ".class")) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Transforms a class of any module. An enhanced class, or one whose {@code Pooling.release}
     * calls were made direct, refers to the runtime on the bootstrap class path; in a named module
     * that needs a read edge to the boot loader's unnamed module, which is added before the class
     * is defined ({@link Instrumentation#redefineModule}). Code in the unnamed module reads
     * everything already.
     */
    @Override
    public byte[] transform(Module module, ClassLoader loader, String className, Class<?> redefined, ProtectionDomain pd,
            byte[] bytes) {
        byte[] out = transform(loader, className, redefined, pd, bytes);
        if (out != null && module != null && module.isNamed()) {
            readRuntime(module);
        }
        return out;
    }

    private void readRuntime(Module module) {
        Module runtime = PooledClasses.class.getModule();
        synchronized (reading) {
            if (!reading.add(module) || module.canRead(runtime)) {
                return;
            }
        }
        try {
            inst.redefineModule(module, Set.of(runtime), Map.of(), Map.of(), Set.of(), Map.of());
        } catch (RuntimeException e) {
            AgentLog.log(Level.WARNING, "cannot make module " + module.getName() + " read the Dragonpool runtime;"
                    + " its pooled classes will fail to initialise: " + e);
        }
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> redefined, ProtectionDomain pd, byte[] bytes) {
        if (loader == null || redefined != null || className == null || bytes == null) {
            return null;
        }
        long t0 = System.nanoTime();
        AgentCounters.CLASSES_SEEN.increment();
        try {
            ClassTransformer.Result r = new ClassTransformer(decider(loader), INFO, guard, leaks)
                    .transform(bytes);
            if (r.parsed) {
                AgentCounters.CLASSES_PARSED.increment();
            }
            if (r.enhanced) {
                AgentCounters.CLASSES_ENHANCED.increment();
                AgentLog.log(Level.DEBUG, "pooled " + className.replace('/', '.'));
            }
            AgentCounters.SITES_REWRITTEN.add(r.rewritten);
            AgentCounters.SITES_SKIPPED.add(r.skipped);
            AgentCounters.RELEASES_DIRECT.add(r.releases);
            for (String s : r.skippedWhere) {
                AgentLog.log(Level.INFO, "allocation site left plain in " + s);
            }
            return r.bytes;
        } catch (Throwable e) {
            AgentCounters.ERRORS.increment();
            AgentLog.log(Level.WARNING, "cannot transform " + className.replace('/', '.') + ", left unchanged: " + e);
            return null;
        } finally {
            AgentCounters.TRANSFORM_NANOS.add(System.nanoTime() - t0);
        }
    }
}
