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
import java.util.concurrent.atomic.AtomicBoolean;
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
                d = new PoolDecider(pool, exclude, new LoaderBytes(loader), refusals, loadedBeforeAttach);
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

    /** Told by the deciders of every refused class (a class, not a lambda: no invokedynamic at start-up). */
    private final BiConsumer<String, String> refusals = new BiConsumer<String, String>() {
        @Override
        public void accept(String className, String reason) {
            refused(className, reason, swept(pool, className, reason));
        }
    };

    /** Whether a class swept in by a wildcard glob was reported yet (the first one is a warning, the rest debug). */
    private static final AtomicBoolean SWEPT_REPORTED = new AtomicBoolean();

    private static final Consumer<String> INFO = new Consumer<String>() {
        @Override
        public void accept(String msg) {
            AgentLog.log(Level.INFO, msg);
        }
    };

    /**
     * Reports a class asked to be pooled and refused: counted with its reason (JMX
     * {@code RefusedClasses}), a JFR event, and one WARNING line that says what to do instead,
     * {@code dragonpool: not pooling X: reason (what to do)}.
     */
    static void refused(String className, String reason) {
        refused(className, reason, false);
    }

    /**
     * As {@link #refused(String, String)}; a class {@code swept} in by a wildcard {@code pool=}
     * glob is logged at {@code DEBUG} after the first one, which is a warning that says so: a glob
     * such as {@code com.acme.**} naturally matches the package's interfaces, abstract classes,
     * enums and records, and one warning each would bury the refusals that matter. It is counted
     * and listed in JMX like any refusal.
     */
    static void refused(String className, String reason, boolean swept) {
        AgentCounters.refused(className, reason);
        if (!swept) {
            AgentLog.log(Level.WARNING, refusalLine(className, reason));
        } else if (SWEPT_REPORTED.compareAndSet(false, true)) {
            AgentLog.log(Level.WARNING, refusalLine(className, reason) + "; further interfaces, abstract classes, enums"
                    + " and records that wildcard pool= globs match are refused without a line (log=debug lists them,"
                    + " JMX Agent.RefusedClasses has them)");
        } else {
            AgentLog.log(Level.DEBUG, refusalLine(className, reason));
        }
        DragonpoolEvents.classRefused(className, reason);
    }

    /**
     * Whether a refused class was only swept in by a wildcard {@code pool=} glob, and is of a kind
     * that can never be pooled (so nobody meant it): it matches a glob with {@code *} or
     * {@code ?} and no glob naming it exactly. A class that is also annotated {@code @Pooled} is
     * then reported at {@code DEBUG} too (the decider does not say why a class was asked); it is
     * still counted and listed in JMX.
     */
    static boolean swept(List<Glob> pool, String className, String reason) {
        if (!(reason.equals("interface") || reason.equals("annotation type") || reason.equals("enum")
                || reason.equals("record") || reason.equals("abstract class"))) {
            return false;
        }
        boolean wildcard = false;
        for (Glob g : pool) {
            if (g.matches(className)) {
                String t = g.toString();
                if (t.indexOf('*') < 0 && t.indexOf('?') < 0) {
                    return false; // named exactly: meant
                }
                wildcard = true;
            }
        }
        return wildcard;
    }

    /** The line for a refused class: the reason and, when there is one, the fix. */
    static String refusalLine(String className, String reason) {
        String fix = fix(reason);
        return "not pooling " + className + ": " + reason + (fix == null ? "" : " (" + fix + ")");
    }

    /**
     * What to do about a refusal, from the reason {@link PoolDecider} gave; {@code null} when
     * the reason says it already.
     */
    static String fix(String reason) {
        if (reason.equals("record")) {
            return "records cannot be pooled: their fields are final by definition; pool a class instead";
        }
        if (reason.equals("enum")) {
            return "enum constants are created once by the JVM, there is nothing to recycle;"
                    + " remove @Pooled or narrow the pool= glob";
        }
        if (reason.equals("interface") || reason.equals("annotation type")) {
            return "it has no instances of its own; pool the concrete classes that implement it";
        }
        if (reason.equals("abstract class")) {
            return "only concrete classes are pooled; annotate its concrete subclasses @Pooled, and make its"
                    + " instance state theirs or pool it with them";
        }
        if (reason.startsWith("superclass ") && reason.contains(" is not pooled and has instance state")) {
            return "that state would not be reset on reuse; pool the superclass too (if it is yours) or hold"
                    + " an instance of it in a field instead of extending it";
        }
        if (reason.startsWith("superclass ") && reason.contains(" does more than delegate")) {
            return "that constructor would not run again on reuse; pool the superclass too (if it is yours), or"
                    + " make its constructors only call super(...)";
        }
        if (reason.startsWith("superclass ") && reason.contains(" no accessible no-argument constructor")) {
            return "give the superclass a public or protected no-argument constructor, or pool it too";
        }
        if (reason.startsWith("superclass ") && reason.contains(" cannot be read")) {
            return "its class file must be readable through the class loader's resources";
        }
        if (reason.startsWith("already loaded")) {
            return "start the JVM with -javaagent rather than attaching, and list the Dragonpool agent before"
                    + " other agents that load application classes";
        }
        if (reason.startsWith("excluded by")) {
            return "remove it from exclude= to pool it";
        }
        if (reason.startsWith("class file version")) {
            return "recompile it for Java 6 or later";
        }
        return null;
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
