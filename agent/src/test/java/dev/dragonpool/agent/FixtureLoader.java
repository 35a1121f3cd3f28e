package dev.dragonpool.agent;

import dev.dragonpool.agent.transform.ClassTransformer;
import dev.dragonpool.agent.transform.Glob;
import dev.dragonpool.agent.transform.PoolDecider;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.util.CheckClassAdapter;

/**
 * Loads the fixture classes (and {@code dev.dragonpool.Pooling}) child-first, each passed through
 * the pure transformation and checked with ASM's {@code CheckClassAdapter} before it is defined;
 * the JVM verifies them again when it defines them (custom loaders are always verified).
 */
final class FixtureLoader extends ClassLoader {
    static final String FIXTURES = "dev.dragonpool.fixtures.";

    final PoolDecider decider;
    final ClassTransformer transformer;
    final List<String> refusals = new ArrayList<>();
    final List<String> log = new ArrayList<>();
    final Map<String, ClassTransformer.Result> results = new ConcurrentHashMap<>();
    final Map<String, byte[]> extra = new ConcurrentHashMap<>();

    FixtureLoader(String pool) {
        this(pool, false);
    }

    FixtureLoader(String pool, boolean guard) {
        super(FixtureLoader.class.getClassLoader());
        decider = new PoolDecider(Glob.parseList(pool), List.of(), this::bytesOf,
                (name, why) -> refusals.add(name + ": " + why));
        transformer = new ClassTransformer(decider, log::add, guard);
    }

    byte[] bytesOf(String internalName) {
        byte[] b = extra.get(internalName);
        if (b != null) {
            return b;
        }
        try (InputStream in = getParent().getResourceAsStream(internalName + ".class")) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c == null && (name.startsWith(FIXTURES) || name.equals("dev.dragonpool.Pooling")
                    || extra.containsKey(name.replace('.', '/')))) {
                c = define(name);
            }
            if (c == null) {
                return super.loadClass(name, resolve);
            }
            return c;
        }
    }

    private Class<?> define(String name) throws ClassNotFoundException {
        String internal = name.replace('.', '/');
        byte[] in = bytesOf(internal);
        if (in == null) {
            throw new ClassNotFoundException(name);
        }
        ClassTransformer.Result r = transformer.transform(in);
        results.put(name, r);
        byte[] out = r.bytes == null ? in : r.bytes;
        if (r.bytes != null) {
            check(out);
        }
        return defineClass(name, out, 0, out.length);
    }

    /** Structural check plus data-flow verification with types resolved by the test's loader. */
    static void check(byte[] out) {
        StringWriter sw = new StringWriter();
        CheckClassAdapter.verify(new ClassReader(out), FixtureLoader.class.getClassLoader(), false, new PrintWriter(sw));
        if (!sw.toString().isEmpty()) {
            throw new AssertionError("CheckClassAdapter rejected " + new ClassReader(out).getClassName() + ":\n" + sw);
        }
    }
}
