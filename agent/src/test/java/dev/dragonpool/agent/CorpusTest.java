package dev.dragonpool.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dragonpool.agent.transform.ClassTransformer;
import dev.dragonpool.agent.transform.ConstantPoolScan;
import dev.dragonpool.agent.transform.Glob;
import dev.dragonpool.agent.transform.PoolDecider;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Corpus check: every class of real third-party jars (Guava, Jackson databind, Netty buffer and
 * common) is rewritten with a share of their own concrete classes pooled through {@code pool=}
 * globs (every third candidate, by name), and every output is verified by the JVM itself: the
 * class is defined in a child-first loader and linked ({@code getDeclaredMethods} links, and a
 * custom loader's classes are always verified). A class that fails to link only because an
 * optional dependency is missing counts as "unresolvable" when its untransformed original fails
 * the same way. It also checks that every rewritten call {@code T.$dp$new(..)} names a factory the
 * transformed {@code T} really has (the shared predicate at work).
 *
 * <p>By default every changed class is linked plus a sample of the unchanged ones (every
 * {@value #SAMPLE}th, time-boxed); with {@code -Ddragonpool.corpus=full} (the {@code corpus}
 * profile) every class.
 */
class CorpusTest {
    static final int SAMPLE = 6;
    static final long TIME_BOX_NANOS = 40_000_000_000L;

    static final class Tally {
        int classes;
        int pooled;
        int enhanced;
        int refused;
        int changed;
        int rewritten;
        int skipped;
        final Map<String, Integer> skipReasons = new TreeMap<>();
        int verified;
        int unresolvable;
        final List<String> failures = new ArrayList<>();
        final List<String> dangling = new ArrayList<>();
    }

    static Path jarOf(String className) throws Exception {
        return Paths.get(Class.forName(className).getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    static Map<String, byte[]> read(Path jar) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        try (JarFile j = new JarFile(jar.toFile())) {
            for (Enumeration<JarEntry> e = j.entries(); e.hasMoreElements();) {
                JarEntry je = e.nextElement();
                String n = je.getName();
                if (n.endsWith(".class") && !n.startsWith("META-INF/") && !n.endsWith("module-info.class")
                        && !n.endsWith("package-info.class")) {
                    try (InputStream in = j.getInputStream(je)) {
                        out.put(n.substring(0, n.length() - 6), in.readAllBytes());
                    }
                }
            }
        }
        return out;
    }

    /** Every third concrete, non-synthetic class with a superclass in the same jar or Object. */
    static String poolList(Map<String, byte[]> classes) {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        for (Map.Entry<String, byte[]> e : classes.entrySet()) {
            ClassReader r = new ClassReader(e.getValue());
            int acc = r.getAccess();
            if ((acc & (Opcodes.ACC_INTERFACE | Opcodes.ACC_ABSTRACT | Opcodes.ACC_ENUM | Opcodes.ACC_SYNTHETIC
                    | Opcodes.ACC_ANNOTATION)) != 0) {
                continue;
            }
            if (i++ % 3 == 0) {
                sb.append(sb.length() == 0 ? "" : ";").append(e.getKey().replace('/', '.'));
            }
        }
        return sb.toString();
    }

    /** Child-first loader over one jar's transformed classes (or originals). */
    static final class JarLoader extends ClassLoader {
        final Map<String, byte[]> bytes;

        JarLoader(Map<String, byte[]> bytes) {
            super(CorpusTest.class.getClassLoader());
            this.bytes = bytes;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null) {
                    byte[] b = bytes.get(name.replace('.', '/'));
                    if (b != null) {
                        c = defineClass(name, b, 0, b.length);
                    }
                }
                return c != null ? c : super.loadClass(name, resolve);
            }
        }
    }

    static Throwable link(ClassLoader l, String internal) {
        try {
            Class.forName(internal.replace('/', '.'), false, l).getDeclaredMethods();
            return null;
        } catch (Throwable t) {
            return t;
        }
    }

    Tally check(String label, Path jar, boolean full, PrintWriter report) throws Exception {
        Map<String, byte[]> in = read(jar);
        String pool = poolList(in);
        Tally t = new Tally();
        Map<String, Boolean> pooled = new HashMap<>();
        PoolDecider decider = new PoolDecider(Glob.parseList(pool), List.of(), n -> in.get(n),
                (name, why) -> t.refused++);
        ClassTransformer tx = new ClassTransformer(decider, msg -> { });
        Map<String, byte[]> out = new HashMap<>(in);
        Set<String> factories = new HashSet<>();
        List<String[]> calls = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : in.entrySet()) {
            ClassTransformer.Result r = tx.transform(e.getValue());
            t.classes++;
            if (r.enhanced) {
                t.enhanced++;
            }
            t.rewritten += r.rewritten;
            t.skipped += r.skipped;
            for (String w : r.skippedWhere) {
                t.skipReasons.merge(w.substring(w.indexOf("): ") + 3), 1, Integer::sum);
            }
            if (r.bytes != null) {
                t.changed++;
                out.put(e.getKey(), r.bytes);
                scanFactories(e.getKey(), r.bytes, factories, calls);
            }
        }
        t.pooled = pool.isEmpty() ? 0 : pool.split(";").length;
        for (String[] c : calls) {
            if (!factories.contains(c[0] + "." + c[1])) {
                t.dangling.add(c[2] + " -> " + c[0] + "." + c[1]);
            }
        }
        JarLoader transformed = new JarLoader(out);
        JarLoader original = new JarLoader(in);
        long deadline = System.nanoTime() + TIME_BOX_NANOS;
        int i = 0;
        for (String name : in.keySet()) {
            boolean changed = out.get(name) != in.get(name);
            if (!full && !changed && (i++ % SAMPLE != 0 || System.nanoTime() > deadline)) {
                continue;
            }
            Throwable bad = link(transformed, name);
            if (bad == null) {
                t.verified++;
            } else if (!(bad instanceof VerifyError || bad instanceof ClassFormatError) && link(original, name) != null) {
                t.unresolvable++;
            } else if (t.failures.size() < 20) {
                t.failures.add(name + ": " + bad);
            } else {
                t.failures.add("...");
            }
        }
        String line = String.format("%-18s classes %5d  pooled via pool= %4d  enhanced %4d  refused %4d  changed %5d"
                + "  sites rewritten %5d  skipped %3d  linked+verified %5d  unresolvable %4d  failures %d  dangling %d",
                label, t.classes, t.pooled, t.enhanced, t.refused, t.changed, t.rewritten, t.skipped, t.verified,
                t.unresolvable, t.failures.size(), t.dangling.size());
        System.out.println(line);
        report.println(line);
        t.skipReasons.forEach((why, n) -> report.println(String.format("%-18s   skipped %3d: %s", "", n, why)));
        return t;
    }

    static void scanFactories(String owner, byte[] b, Set<String> factories, List<String[]> calls) {
        new ClassReader(b).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String desc, String sig, String[] ex) {
                if (name.equals("$dp$new")) {
                    factories.add(owner + "." + desc);
                }
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitMethodInsn(int op, String o, String n, String d, boolean itf) {
                        if (n.equals("$dp$new")) {
                            calls.add(new String[] {o, d, owner});
                        }
                    }
                };
            }
        }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
    }

    @Test
    void third_party_jars_rewrite_and_verify_with_zero_failures() throws Exception {
        boolean full = "full".equals(System.getProperty("dragonpool.corpus"));
        Path dir = Paths.get(System.getProperty("dragonpool.build.dir", System.getProperty("java.io.tmpdir")));
        Files.createDirectories(dir);
        List<Tally> all = new ArrayList<>();
        try (PrintWriter report = new PrintWriter(Files.newBufferedWriter(dir.resolve("corpus-report.txt")))) {
            report.println("corpus check, mode " + (full ? "full" : "sample 1/" + SAMPLE) + ", JDK " + System.getProperty("java.version"));
            all.add(check("guava", jarOf("com.google.common.collect.ImmutableList"), full, report));
            all.add(check("jackson-databind", jarOf("com.fasterxml.jackson.databind.ObjectMapper"), full, report));
            all.add(check("netty-buffer", jarOf("io.netty.buffer.ByteBuf"), full, report));
            all.add(check("netty-common", jarOf("io.netty.util.Recycler"), full, report));
        }
        for (Tally t : all) {
            assertEquals(List.of(), t.failures, "verification failures");
            assertEquals(List.of(), t.dangling, "rewritten calls to factories that do not exist");
            assertTrue(t.verified > 0);
        }
        assertTrue(all.stream().mapToInt(x -> x.rewritten).sum() > 100, "sites rewritten");
        assertTrue(all.stream().mapToInt(x -> x.enhanced).sum() > 100, "classes enhanced");
    }

    @Test
    void classes_mentioning_no_pooled_type_pass_through_in_microseconds() throws Exception {
        Map<String, byte[]> in = read(jarOf("com.fasterxml.jackson.databind.ObjectMapper"));
        long best = Long.MAX_VALUE;
        for (int round = 0; round < 7; round++) {
            PoolDecider d = new PoolDecider(List.of(), List.of(), n -> in.get(n), (n, w) -> { });
            ClassTransformer tx = new ClassTransformer(d, m -> { });
            long t0 = System.nanoTime();
            for (byte[] b : in.values()) {
                if (tx.transform(b).parsed) {
                    throw new AssertionError("parsed a class that mentions no pooled type");
                }
            }
            best = Math.min(best, System.nanoTime() - t0);
        }
        double micros = best / 1000.0 / in.size();
        PoolDecider warm = new PoolDecider(List.of(), List.of(), n -> in.get(n), (n, w) -> { });
        ClassTransformer wtx = new ClassTransformer(warm, m -> { });
        long wbest = Long.MAX_VALUE;
        for (int round = 0; round < 7; round++) {
            long t0 = System.nanoTime();
            for (byte[] b : in.values()) {
                wtx.transform(b);
            }
            wbest = Math.min(wbest, System.nanoTime() - t0);
        }
        long sbest = Long.MAX_VALUE;
        long bytes = 0;
        for (int round = 0; round < 7; round++) {
            long t0 = System.nanoTime();
            for (byte[] b : in.values()) {
                bytes += ConstantPoolScan.scan(b).constructed.size();
            }
            sbest = Math.min(sbest, System.nanoTime() - t0);
        }
        long total = 0;
        for (byte[] b : in.values()) {
            total += b.length;
        }
        String line = String.format("pass-through: %d jackson-databind classes (%d bytes on average), %.1f us per class with"
                + " every decision made afresh (each referenced class's bytes scanned), %.1f us per class once decisions are"
                + " cached, of which %.1f us the constant-pool scan; best of 7 rounds, class bytes from memory", in.size(),
                total / in.size(), micros, wbest / 1000.0 / in.size(), sbest / 1000.0 / in.size());
        System.out.println(line);
        Path dir = Paths.get(System.getProperty("dragonpool.build.dir", System.getProperty("java.io.tmpdir")));
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("pass-through.txt"), line + "\n");
        assertTrue(micros < 500, line);
    }

    @Test
    void constant_pool_scan_agrees_with_asm_on_a_real_jar() throws Exception {
        Map<String, byte[]> in = read(jarOf("com.fasterxml.jackson.databind.ObjectMapper"));
        for (Map.Entry<String, byte[]> e : in.entrySet()) {
            ConstantPoolScan s = ConstantPoolScan.scan(e.getValue());
            ClassReader r = new ClassReader(e.getValue());
            assertEquals(r.getClassName(), s.className);
            assertEquals(r.getSuperName(), s.superName);
        }
    }
}
