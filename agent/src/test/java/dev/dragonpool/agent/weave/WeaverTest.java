package dev.dragonpool.agent.weave;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dragonpool.annotations.Pooled;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The weaving driver on class folders and jars: what it changes, what the woven classes do when
 * they run with the runtime as an ordinary dependency (no agent), and what it reports.
 */
class WeaverTest {
    static final String PKG = "dev/dragonpool/weavefixtures/";
    static final String FIX = "dev.dragonpool.weavefixtures.";
    static final List<String> ALL_BUT_OUTSIDE = List.of("App", "Msg", "Conn", "Tag", "Bag");

    @TempDir
    Path tmp;

    static Path location(Class<?> c) throws Exception {
        return Paths.get(c.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    static Path testClasses() throws Exception {
        return location(WeaverTest.class);
    }

    /** Copies fixture class files (with their nested classes) into a fresh class folder. */
    Path fixtures(String folder, List<String> simpleNames) throws Exception {
        Path dir = tmp.resolve(folder);
        Path src = testClasses().resolve(PKG);
        Files.createDirectories(dir.resolve(PKG));
        try (Stream<Path> files = Files.list(src)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String n = f.getFileName().toString();
                String top = n.substring(0, n.indexOf(n.contains("$") ? '$' : '.'));
                if (simpleNames.contains(top)) {
                    Files.copy(f, dir.resolve(PKG).resolve(n));
                }
            }
        }
        return dir;
    }

    static WeaveOptions options(String... kv) {
        List<String> l = new ArrayList<>();
        Collections.addAll(l, kv);
        return WeaveOptions.parse(l);
    }

    /** Loads the fixture package child-first from the given class folders, in order; the rest from the parent. */
    static final class WovenLoader extends ClassLoader {
        private final List<Path> roots;

        WovenLoader(ClassLoader parent, Path... roots) {
            super(parent);
            this.roots = List.of(roots);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null && name.startsWith(FIX)) {
                    for (Path r : roots) {
                        Path f = r.resolve(name.replace('.', '/') + ".class");
                        if (Files.isRegularFile(f)) {
                            try {
                                byte[] b = Files.readAllBytes(f);
                                c = defineClass(name, b, 0, b.length);
                            } catch (IOException e) {
                                throw new ClassNotFoundException(name, e);
                            }
                            break;
                        }
                    }
                }
                if (c == null) {
                    return super.loadClass(name, resolve);
                }
                return c;
            }
        }
    }

    static Object call(ClassLoader l, String cls, String method, Object... args) throws Throwable {
        for (Method m : Class.forName(FIX + cls, false, l).getDeclaredMethods()) {
            if (m.getName().equals(method) && m.getParameterCount() == args.length) {
                try {
                    return m.invoke(null, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            }
        }
        throw new AssertionError("no method " + cls + "." + method);
    }

    @Test
    void a_folder_is_woven_in_place_and_its_classes_pool_without_the_agent() throws Throwable {
        Path dir = fixtures("classes", ALL_BUT_OUTSIDE);
        WeaveReport r = new Weaver(options()).weave(dir, dir);

        assertEquals(List.of(FIX + "Conn", FIX + "Msg"), r.enhanced());
        assertEquals("record", r.refused().get(FIX + "Tag"));
        assertTrue(r.refused().get(FIX + "Bag").startsWith("superclass java.util.ArrayList is not pooled and has instance state"),
                r.refused().toString());
        assertEquals(5, r.classes());
        assertEquals(3, r.changed(), "App, Msg, Conn");
        assertEquals(r.changed(), r.verified(), "every changed class linked by the JVM");
        assertTrue(r.sitesRewritten() >= 6, "sites: " + r.sitesRewritten());
        assertEquals(0, r.sitesLeftPlain());
        // Direct: the analysis sees the value's type, so even release(o) of "Object o = b" is direct; through the
        // runtime: App.release(Object), the method reference, release(new Object()).
        assertEquals(2, r.releasesDirect, r.summary());
        assertEquals(3, r.releasesBridged, r.summary());
        assertEquals(2, r.isPooledBridged);
        for (String c : List.of("App", "Msg", "Conn")) {
            assertTrue(Woven.isWoven(Files.readAllBytes(dir.resolve(PKG + c + ".class"))), c);
        }
        assertFalse(Woven.isWoven(Files.readAllBytes(dir.resolve(PKG + "Tag.class"))));

        ClassLoader l = new WovenLoader(WeaverTest.class.getClassLoader(), dir);
        assertEquals("reused=true,fields=b2,bridged=true,methodref=true,isPooled=true/false,closeReleases=true,retained=true,"
                + "peer=p2,hooks=2,plain=t09,foreign=refused", call(l, "App", "run"));
    }

    /**
     * The contract of the agent-side hook (see {@link Woven}): the agent leaves a woven class as
     * it is and calls it pooled exactly when its mark says so. Modelled here with the agent's own
     * transformation and predicate (public API): code the agent transforms at load is rewritten to
     * the woven class's factories, and the woven class is not enhanced twice.
     */
    @Test
    void an_agent_that_leaves_woven_classes_alone_rewrites_unwoven_callers_to_them() throws Throwable {
        Path dir = fixtures("classes", ALL_BUT_OUTSIDE);
        new Weaver(options("exclude=" + FIX + "Conn")).weave(dir, dir);
        Path original = testClasses();
        java.util.function.Function<String, byte[]> bytes = internal -> {
            for (Path root : List.of(dir, original)) {
                Path f = root.resolve(internal + ".class");
                if (Files.isRegularFile(f)) {
                    try {
                        return Files.readAllBytes(f);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            }
            return null;
        };
        java.util.Set<String> wovenNotPooled = new java.util.HashSet<>();
        for (String c : List.of("App", "Msg", "Conn")) {
            if (Boolean.FALSE.equals(Woven.pooled(bytes.apply(PKG + c)))) {
                wovenNotPooled.add(PKG + c);
            }
        }
        dev.dragonpool.agent.transform.PoolDecider decider = new dev.dragonpool.agent.transform.PoolDecider(List.of(),
                List.of(), bytes::apply, (n, why) -> { }, wovenNotPooled);
        List<String> transformed = new ArrayList<>();
        ClassLoader agentLike = new ClassLoader(WeaverTest.class.getClassLoader()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                synchronized (getClassLoadingLock(name)) {
                    Class<?> c = findLoadedClass(name);
                    if (c == null && name.startsWith(FIX)) {
                        byte[] b = bytes.apply(name.replace('.', '/'));
                        if (!Woven.isWoven(b)) { // the hook: a woven class is left as it is
                            dev.dragonpool.agent.transform.ClassTransformer.Result r =
                                    new dev.dragonpool.agent.transform.ClassTransformer(decider, s -> { }).transform(b);
                            if (r.bytes != null) {
                                b = r.bytes;
                                transformed.add(name);
                            }
                        }
                        c = defineClass(name, b, 0, b.length);
                    }
                    return c != null ? c : super.loadClass(name, resolve);
                }
            }
        };
        Object m = call(agentLike, "Outside", "plain");
        call(agentLike, "App", "release", m);
        assertSame(m, call(agentLike, "Outside", "plain"), "Outside's new Msg was rewritten to the woven Msg's factory");
        call(agentLike, "Outside", "release", m); // made direct: m.dragonpool$release()
        assertSame(m, call(agentLike, "App", "make"));
        assertTrue(((String) call(agentLike, "App", "run")).startsWith("reused=true"));
        assertEquals(List.of(FIX + "Outside", FIX + "Conn"), transformed,
                "the agent transforms only what was not woven (Conn: excluded when weaving, enhanced at load)");
    }

    @Test
    void serializable_classes_keep_the_default_serial_version_of_the_class_as_compiled() throws Throwable {
        Path dir = fixtures("classes", List.of("Msg", "Note", "BigNote"));
        WeaveReport r = new Weaver(options()).weave(dir, dir);
        assertEquals(List.of(FIX + "BigNote", FIX + "Msg"), r.enhanced());
        assertEquals(3, r.changed(), "Note changes too: its new Msg is rewritten, and it gets a static initialiser");
        ClassLoader woven = new WovenLoader(WeaverTest.class.getClassLoader(), dir);
        ClassLoader compiled = new WovenLoader(WeaverTest.class.getClassLoader(), testClasses());
        for (String c : List.of("Note", "BigNote")) {
            long before = java.io.ObjectStreamClass.lookup(Class.forName(FIX + c, false, compiled)).getSerialVersionUID();
            long after = java.io.ObjectStreamClass.lookup(Class.forName(FIX + c, false, woven)).getSerialVersionUID();
            assertEquals(before, after, c);
        }
    }

    @Test
    void the_report_is_written_as_json() throws Exception {
        Path dir = fixtures("classes", ALL_BUT_OUTSIDE);
        Path json = tmp.resolve("out/report.json");
        WeaveReport r = new Weaver(options("json=" + json)).weave(dir, dir);
        String s = Files.readString(json);
        assertEquals(r.toJson(), s);
        assertTrue(s.contains("\"enhanced\": [\n    \"dev.dragonpool.weavefixtures.Conn\",\n    \"dev.dragonpool.weavefixtures.Msg\"\n  ]"), s);
        assertTrue(s.contains("\"class\": \"dev.dragonpool.weavefixtures.Tag\",\n      \"reason\": \"record\""), s);
        assertTrue(s.contains("\"rewritten\": " + r.sitesRewritten()), s);
        assertTrue(s.contains("\"options\": \"pool=;exclude=;guard=off\""), s);
    }

    @Test
    void code_that_was_not_woven_allocates_plainly_and_its_instances_may_be_released_into_the_pool() throws Throwable {
        Path dir = fixtures("classes", ALL_BUT_OUTSIDE);
        new Weaver(options()).weave(dir, dir);
        ClassLoader l = new WovenLoader(WeaverTest.class.getClassLoader(), dir, testClasses()); // Outside: as compiled
        Object plain = call(l, "Outside", "plain");
        assertEquals("outside", plain.getClass().getField("text").get(plain));
        call(l, "App", "release", plain);
        assertSame(plain, call(l, "App", "make"), "the plain instance went into the pool and came out again");
        call(l, "Outside", "release", call(l, "Outside", "plain")); // the facade, not woven: never fails
    }

    @Test
    void weaving_again_changes_nothing_and_other_options_are_reported_as_stale() throws Exception {
        Path dir = fixtures("classes", ALL_BUT_OUTSIDE);
        WeaveReport first = new Weaver(options()).weave(dir, dir);
        byte[] msg = Files.readAllBytes(dir.resolve(PKG + "Msg.class"));
        WeaveReport again = new Weaver(options()).weave(dir, dir);
        assertEquals(0, again.changed());
        assertEquals(first.changed(), again.alreadyWoven().size());
        assertEquals(first.enhanced(), again.alreadyPooled());
        assertTrue(again.staleOptions.isEmpty());
        assertArrayEquals(msg, Files.readAllBytes(dir.resolve(PKG + "Msg.class")));
        WeaveReport other = new Weaver(options("guard=full")).weave(dir, dir);
        assertEquals(0, other.changed());
        assertEquals(first.changed(), other.staleOptions.size());
        assertTrue(other.lines().stream().anyMatch(s -> s.contains("was woven before with other options")), other.lines().toString());
    }

    @Test
    void the_mark_says_pooled_version_and_options() throws Exception {
        Path dir = fixtures("classes", ALL_BUT_OUTSIDE);
        new Weaver(options("exclude=" + FIX + "Conn")).weave(dir, dir);
        Woven.Marker msg = Woven.read(Files.readAllBytes(dir.resolve(PKG + "Msg.class")));
        assertNotNull(msg);
        assertTrue(msg.pooled);
        assertEquals(Woven.version(), msg.version);
        assertEquals("pool=;exclude=" + FIX + "Conn;guard=off", msg.options);
        assertEquals(Boolean.TRUE, Woven.pooled(Files.readAllBytes(dir.resolve(PKG + "Msg.class"))));
        Woven.Marker app = Woven.read(Files.readAllBytes(dir.resolve(PKG + "App.class")));
        assertFalse(app.pooled);
        assertEquals(Boolean.FALSE, Woven.pooled(Files.readAllBytes(dir.resolve(PKG + "App.class"))));
        assertNull(Woven.pooled(Files.readAllBytes(dir.resolve(PKG + "Conn.class"))), "excluded: not woven at all");
        assertNull(Woven.read(Files.readAllBytes(testClasses().resolve(PKG + "Msg.class"))));
        assertNull(Woven.read(new byte[] {1, 2, 3}));
    }

    @Test
    void a_missing_runtime_fails_with_one_message_naming_the_artifact() throws Throwable {
        Path dir = fixtures("classes", ALL_BUT_OUTSIDE);
        new Weaver(options()).weave(dir, dir);
        try (URLClassLoader annotationsOnly = new URLClassLoader(new URL[] {location(Pooled.class).toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            ClassLoader l = new WovenLoader(annotationsOnly, dir);
            // The class initialises first, as when it is a main class or called by other code: the check runs there.
            // (Reflection that resolves a method signature mentioning a pooled class loads that class first, and the
            // JVM's own error names the runtime interface it implements instead.)
            NoClassDefFoundError e = assertThrows(NoClassDefFoundError.class, () -> Class.forName(FIX + "App", true, l));
            assertEquals(FIX + "App was woven by Dragonpool " + Woven.version() + " at build time and needs"
                    + " dev.dragonpool:dragonpool-runtime:" + Woven.version() + " on its class path, which is missing or"
                    + " incompatible: add that dependency (scope compile or runtime), or run with -javaagent:dragonpool-agent.jar",
                    e.getMessage());
            assertTrue(e.getCause() instanceof NoClassDefFoundError, String.valueOf(e.getCause()));
            assertTrue(e.getCause().getMessage().contains("dev/dragonpool/runtime/internal/WovenRuntime"), e.getCause().getMessage());
        }
    }

    @Test
    void guard_full_is_compiled_in() throws Throwable {
        Path dir = fixtures("classes", ALL_BUT_OUTSIDE);
        new Weaver(options("guard=full")).weave(dir, dir);
        ClassLoader l = new WovenLoader(WeaverTest.class.getClassLoader(), dir);
        Class<?> conn = Class.forName(FIX + "Conn", true, l);
        Object c = conn.getConstructor(String.class).newInstance("x");
        call(l, "App", "release", c);
        // A @Release method on a released instance is a double release (naming the first release's site).
        InvocationTargetException e = assertThrows(InvocationTargetException.class, () -> conn.getMethod("close").invoke(c));
        assertTrue(e.getCause().getMessage().startsWith("double release of an instance of " + FIX + "Conn: it was already released at "),
                e.getCause().getMessage());
        // A field read of the released instance from another class is a use after release.
        Throwable read = call(l, "App", "peerOf", c) instanceof Throwable t ? t : null;
        assertEquals("UseAfterReleaseException", read == null ? "nothing" : read.getClass().getSimpleName());
        assertTrue(read.getMessage().startsWith("use after release: field " + FIX + "Conn.peer accessed"), read.getMessage());
    }

    @Test
    void a_pooled_class_of_a_dependency_is_pooled_only_if_that_dependency_was_woven() throws Throwable {
        Path app = fixtures("app", List.of("App"));
        Path deps = fixtures("deps", List.of("Msg", "Conn", "Tag", "Bag"));
        WeaveReport unwoven = new Weaver(options("classpath=" + deps)).weave(app, tmp.resolve("app-1"));
        assertEquals(0, unwoven.sitesRewritten());
        assertTrue(unwoven.notes.contains("dependency class " + FIX + "Msg mentions @Pooled but was not woven: allocations of it"
                + " stay plain here (weave its module too)"), unwoven.notes.toString());
        assertEquals(0, unwoven.releasesDirect);

        new Weaver(options()).weave(deps, deps);
        WeaveReport woven = new Weaver(options("classpath=" + deps)).weave(app, tmp.resolve("app-2"));
        assertTrue(woven.sitesRewritten() >= 6, woven.summary());
        assertTrue(woven.releasesDirect >= 1, woven.summary());
        assertTrue(woven.refused().isEmpty(), "refusals belong to the module that holds the class: " + woven.refused());
        ClassLoader l = new WovenLoader(WeaverTest.class.getClassLoader(), tmp.resolve("app-2"), deps);
        assertTrue(((String) call(l, "App", "run")).startsWith("reused=true,fields=b2,bridged=true,methodref=true"));
        assertTrue(Files.isRegularFile(tmp.resolve("app-2").resolve(PKG + "App.class")), "output folder written");
    }

    @Test
    void a_jar_is_woven_into_a_jar_keeping_its_entries() throws Exception {
        Path dir = fixtures("classes", ALL_BUT_OUTSIDE);
        Path in = tmp.resolve("in.jar");
        Manifest mf = new Manifest();
        mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        mf.getMainAttributes().put(Attributes.Name.MAIN_CLASS, FIX + "App");
        List<String> names = new ArrayList<>();
        try (OutputStream fo = Files.newOutputStream(in); JarOutputStream jo = new JarOutputStream(fo, mf)) {
            byte[] stored = "not compressed".getBytes(StandardCharsets.UTF_8);
            JarEntry s = new JarEntry("BOOT-INF/lib/nested.jar");
            CRC32 crc = new CRC32();
            crc.update(stored);
            s.setMethod(ZipEntry.STORED);
            s.setSize(stored.length);
            s.setCrc(crc.getValue());
            jo.putNextEntry(s);
            jo.write(stored);
            jo.putNextEntry(new JarEntry("META-INF/SIGNER.SF"));
            jo.write("Signature-Version: 1.0\n".getBytes(StandardCharsets.UTF_8));
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                    String n = dir.relativize(f).toString().replace('\\', '/');
                    names.add(n);
                    jo.putNextEntry(new JarEntry(n));
                    jo.write(Files.readAllBytes(f));
                }
            }
        }
        Path out = tmp.resolve("out.jar");
        WeaveReport r = new Weaver(options()).weave(in, out);
        assertEquals(List.of(FIX + "Conn", FIX + "Msg"), r.enhanced());
        assertEquals(List.of("META-INF/SIGNER.SF"), r.droppedSignatures);
        try (JarFile j = new JarFile(out.toFile())) {
            List<String> entries = new ArrayList<>();
            j.stream().forEach(e -> entries.add(e.getName()));
            List<String> expected = new ArrayList<>(List.of("META-INF/MANIFEST.MF", "BOOT-INF/lib/nested.jar"));
            expected.addAll(names);
            assertEquals(expected, entries);
            assertEquals(FIX + "App", j.getManifest().getMainAttributes().getValue(Attributes.Name.MAIN_CLASS));
            assertEquals(ZipEntry.STORED, j.getEntry("BOOT-INF/lib/nested.jar").getMethod());
            assertTrue(Woven.isWoven(j.getInputStream(j.getEntry(PKG + "Msg.class")).readAllBytes()));
            assertFalse(Woven.isWoven(j.getInputStream(j.getEntry(PKG + "Tag.class")).readAllBytes()));
        }
    }

    @Test
    void the_agent_fixtures_weave_and_pass_the_verifier() throws Exception {
        Path dir = tmp.resolve("fixtures");
        Path src = testClasses().resolve("dev/dragonpool/fixtures");
        Files.createDirectories(dir.resolve("dev/dragonpool/fixtures"));
        try (Stream<Path> files = Files.list(src)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.copy(f, dir.resolve("dev/dragonpool/fixtures").resolve(f.getFileName()));
            }
        }
        WeaveReport r = new Weaver(options()).weave(dir, dir);
        assertTrue(r.changed() > 10, r.summary());
        assertEquals(r.changed(), r.verified(), r.lines().toString());
        assertTrue(r.enhanced().contains("dev.dragonpool.fixtures.Point"), r.enhanced().toString());
    }

    @Test
    void the_command_weaves_and_explains_bad_arguments() throws Exception {
        Path dir = fixtures("classes", ALL_BUT_OUTSIDE);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = WeaveCommand.run(new String[] {"pool=" + FIX + "Nothing", dir.toString(), tmp.resolve("w").toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
        String o = out.toString(StandardCharsets.UTF_8);
        assertTrue(o.startsWith("woven " + dir + " -> " + tmp.resolve("w") + ": 5 classes read, 3 changed, 2 enhanced, 2 refused;"), o);
        assertTrue(o.contains("  pooled " + FIX + "Msg\n"), o);
        assertTrue(o.contains("  not pooling " + FIX + "Tag: record\n"), o);

        Map<String[], String> bad = Map.of(
                new String[] {"arena=256m", "a", "b"}, "weave: option arena is a run-time setting: pass -Ddragonpool.arena=256m to the woven application instead",
                new String[] {"colour=red", "a", "b"}, "weave: unknown option 'colour' (keys: pool, exclude, guard, classpath, json, verify)",
                new String[] {"guard=half", "a", "b"}, "weave: option guard=half: expected off or full",
                new String[] {"only-one"}, "weave: expected IN and OUT, got 1 path(s): [only-one]");
        for (Map.Entry<String[], String> e : bad.entrySet()) {
            err.reset();
            assertEquals(2, WeaveCommand.run(e.getKey(), new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8)));
            assertEquals(e.getValue(), err.toString(StandardCharsets.UTF_8).lines().findFirst().orElse(""));
        }
        err.reset();
        assertEquals(1, WeaveCommand.run(new String[] {tmp.resolve("missing").toString(), tmp.resolve("x").toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)));
        assertEquals("weave: nothing to weave at " + tmp.resolve("missing") + ": give a class folder or a jar",
                err.toString(StandardCharsets.UTF_8).trim());
    }
}
