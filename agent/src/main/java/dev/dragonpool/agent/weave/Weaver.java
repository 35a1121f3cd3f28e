package dev.dragonpool.agent.weave;

import dev.dragonpool.agent.transform.ClassTransformer;
import dev.dragonpool.agent.transform.ConstantPoolScan;
import dev.dragonpool.agent.transform.PoolDecider;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * The build-time weaving driver shared by the Maven plugin and the {@code weave} command: applies
 * the agent's transformation ({@link ClassTransformer}, with the one predicate
 * {@link PoolDecider}) to a class folder or a jar, ahead of time, so the classes pool without
 * {@code -javaagent}.
 *
 * <p>Steps: (1) read every class file of the input (a folder, or a jar's entries in order;
 * {@code META-INF/versions/**} and {@code module-info} are copied as they are); (2) decide and
 * transform each class exactly as the agent would at load, with a predicate that reads class
 * files from the input, the given class path and the JDK ({@link ClassPathSource}) instead of a
 * live loader, and that calls pooled only the input's classes and classes already woven as
 * pooled (a {@code @Pooled} class in a dependency nobody wove has no factories); (3)
 * {@link Finisher finish} each changed class (facade calls to the runtime, the runtime check in
 * {@code <clinit>}, the {@link Woven} mark); (4) unless {@code verify=false}, define every changed
 * class in a throw-away loader and link it, so the JVM's verifier checks it, as it would at load
 * under the agent (a class that cannot be linked for a missing dependency that the original
 * lacks as well is reported, not failed); (5) only then write: the changed class files in place
 * or into a copy of the folder, or a new jar (entries in the same order, stored entries stored,
 * signature files dropped when a class changed) moved over the output atomically.
 *
 * <p>Classes already carrying the mark (an incremental build) are left as they are and counted;
 * if they were woven with other options the report says to clean. A transformation failure or a
 * verification failure throws {@link WeaveException} before anything is written.
 */
public final class Weaver {
    private final WeaveOptions options;

    /**
     * Makes a weaver.
     *
     * @param options the options
     */
    public Weaver(WeaveOptions options) {
        this.options = options;
    }

    /** One entry of the input: a class file or another file, in input order. */
    private static final class Entry {
        final String path;
        final byte[] bytes;
        final ZipEntry zip;
        String className;

        Entry(String path, byte[] bytes, ZipEntry zip) {
            this.path = path;
            this.bytes = bytes;
            this.zip = zip;
        }
    }

    /**
     * Weaves a class folder into a folder (the same one: in place) or a jar into a jar.
     *
     * @param in a class folder or a jar
     * @param out where the result goes; equal to {@code in} to weave in place
     * @return what was done (also written as JSON when the {@code json} option is set)
     * @throws IOException if reading or writing fails
     * @throws WeaveException if the input is unusable, a class cannot be transformed, or a woven
     *         class fails verification; nothing is written then
     */
    public WeaveReport weave(Path in, Path out) throws IOException {
        long t0 = System.nanoTime();
        boolean dir = Files.isDirectory(in);
        if (!dir && !Files.isRegularFile(in)) {
            throw new WeaveException("nothing to weave at " + in + ": give a class folder or a jar", null);
        }
        if (dir && Files.isRegularFile(out)) {
            throw new WeaveException("cannot weave the folder " + in + " into the file " + out + ": give a folder as output", null);
        }
        if (!dir && Files.isDirectory(out)) {
            throw new WeaveException("cannot weave the jar " + in + " into the folder " + out + ": give a jar file as output", null);
        }
        WeaveReport report = new WeaveReport();
        report.input = in.toString();
        report.output = out.toString();
        report.options = options.fingerprint();
        List<Entry> entries = dir ? readFolder(in) : readJar(in);
        Map<String, byte[]> classes = new TreeMap<>();
        for (Entry e : entries) {
            if (e.className != null) {
                classes.put(e.className, e.bytes);
            }
        }
        report.classes = classes.size();
        Map<String, byte[]> woven = new HashMap<>();
        Consumer<String> notes = new Consumer<String>() {
            @Override
            public void accept(String note) {
                report.notes.add(note);
            }
        };
        try (ClassPathSource source = new ClassPathSource(classes, options.classpath, notes)) {
            transformAll(classes, source, report, woven, notes);
            if (options.verify && !woven.isEmpty()) {
                verify(classes, woven, source, report);
            }
        }
        if (dir) {
            writeFolder(in, out, entries, woven);
        } else {
            writeJar(out, entries, woven, report);
        }
        report.millis = (System.nanoTime() - t0) / 1_000_000;
        if (options.json != null) {
            Path parent = options.json.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.write(options.json, report.toJson().getBytes(StandardCharsets.UTF_8));
        }
        return report;
    }

    private void transformAll(Map<String, byte[]> classes, ClassPathSource source, WeaveReport report,
            Map<String, byte[]> woven, Consumer<String> notes) {
        BiConsumer<String, String> refusals = new BiConsumer<String, String>() {
            @Override
            public void accept(String className, String reason) {
                report.refused.put(className, reason);
            }
        };
        PoolDecider decider = new PoolDecider(options.pool, options.exclude, source, refusals, source.notPooledHere());
        String fingerprint = options.fingerprint();
        for (Map.Entry<String, byte[]> c : classes.entrySet()) {
            String name = c.getKey().replace('/', '.');
            byte[] bytes = c.getValue();
            Woven.Marker mark = Woven.read(bytes);
            if (mark != null) {
                report.alreadyWoven.add(name);
                if (mark.pooled) {
                    report.alreadyPooled.add(name);
                }
                if (!mark.options.equals(fingerprint) || !mark.version.equals(Woven.version())) {
                    report.staleOptions.add(name);
                }
                continue;
            }
            ClassTransformer.Result r;
            Finisher.Outcome o;
            try {
                r = new ClassTransformer(decider, notes, options.guard).transform(bytes);
                o = Finisher.finish(bytes, r.bytes != null ? r.bytes : bytes, r.bytes != null, r.enhanced,
                        () -> source.serializable(c.getKey()), fingerprint);
            } catch (RuntimeException e) {
                throw new WeaveException("cannot weave " + name + ": " + e
                        + " (exclude it with exclude=" + name + ", and report the class file to Dragonpool)", e);
            }
            if (r.enhanced) {
                report.enhanced.add(name);
            }
            report.sitesRewritten += r.rewritten;
            report.sitesLeftPlain += r.skipped;
            report.leftPlain.addAll(r.skippedWhere);
            report.releasesDirect += r.releases;
            report.releasesBridged += o.bridgedReleases;
            report.isPooledBridged += o.bridgedIsPooled;
            if (o.bytes != null) {
                woven.put(c.getKey(), o.bytes);
                report.changed++;
            }
        }
    }

    // ---- verification ------------------------------------------------------------------------

    /**
     * Loads classes of the input from memory (woven, or original) before anything else, the rest
     * from the class path, the runtime and the JDK.
     */
    private static final class VerifyLoader extends ClassLoader {
        private final Map<String, byte[]> classes;

        VerifyLoader(Map<String, byte[]> classes, ClassLoader parent) {
            super("dragonpool-verify", parent);
            this.classes = classes;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null) {
                    byte[] b = classes.get(name.replace('.', '/'));
                    if (b == null) {
                        return super.loadClass(name, resolve);
                    }
                    c = defineClass(name, b, 0, b.length);
                }
                if (resolve) {
                    resolveClass(c);
                }
                return c;
            }
        }
    }

    private void verify(Map<String, byte[]> originals, Map<String, byte[]> woven, ClassPathSource source,
            WeaveReport report) throws IOException {
        List<URL> urls = new ArrayList<>();
        for (Path p : options.classpath) {
            urls.add(p.toUri().toURL());
        }
        if (source.bytes("dev/dragonpool/runtime/internal/PooledClasses") == null) {
            Path runtime = runtimeOfThisWeaver();
            if (runtime != null) {
                urls.add(runtime.toUri().toURL());
            }
        }
        Map<String, byte[]> after = new HashMap<>(originals);
        after.putAll(woven);
        List<String> failures = new ArrayList<>();
        try (URLClassLoader deps = new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader())) {
            VerifyLoader wovenLoader = new VerifyLoader(after, deps);
            VerifyLoader originalLoader = null;
            for (String internal : new TreeMap<>(woven).keySet()) {
                Throwable bad = link(wovenLoader, internal);
                if (bad == null) {
                    report.verified++;
                    continue;
                }
                if (!(bad instanceof VerifyError || bad instanceof ClassFormatError)) {
                    if (originalLoader == null) {
                        originalLoader = new VerifyLoader(originals, deps);
                    }
                    if (link(originalLoader, internal) != null) {
                        report.unverifiable.add(internal.replace('/', '.') + ": " + bad
                                + " (the class as compiled cannot be linked either: a dependency is missing from the class path)");
                        continue;
                    }
                }
                failures.add(internal.replace('/', '.') + ": " + bad);
            }
        }
        if (!failures.isEmpty()) {
            throw new WeaveException("the JVM rejects " + failures.size() + " woven class(es), nothing was written: "
                    + String.join("; ", failures) + " (exclude them with exclude=..., weave with verify=false to write them"
                    + " anyway, and report the class files to Dragonpool)", null);
        }
    }

    private static Throwable link(ClassLoader l, String internal) {
        try {
            Class.forName(internal.replace('/', '.'), false, l).getDeclaredMethods(); // links, so verifies
            return null;
        } catch (Throwable t) {
            return t;
        }
    }

    /** @return the folder or jar this weaver loaded the runtime from, {@code null} if it cannot see one */
    static Path runtimeOfThisWeaver() {
        String res = "dev/dragonpool/runtime/internal/PooledClasses.class";
        URL u = Weaver.class.getClassLoader() == null ? null : Weaver.class.getClassLoader().getResource(res);
        if (u == null) {
            return null;
        }
        try {
            String s = u.toString();
            if (s.startsWith("jar:")) {
                return Paths.get(new URL(s.substring(4, s.indexOf("!/"))).toURI());
            }
            if (s.startsWith("file:")) {
                Path p = Paths.get(u.toURI());
                for (int i = 0; i < res.split("/").length; i++) {
                    p = p.getParent();
                }
                return p;
            }
        } catch (MalformedURLException | URISyntaxException | RuntimeException e) {
            return null;
        }
        return null;
    }

    // ---- reading and writing -----------------------------------------------------------------

    private static boolean transformable(String path) {
        return path.endsWith(".class") && !path.startsWith("META-INF/") && !path.endsWith("module-info.class");
    }

    private static void classify(Entry e) {
        if (!transformable(e.path)) {
            return;
        }
        try {
            e.className = ConstantPoolScan.scan(e.bytes).className;
        } catch (RuntimeException notAClass) {
            e.className = null; // copied as it is, like any other file
        }
    }

    private static List<Entry> readFolder(Path in) throws IOException {
        List<Entry> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(in)) {
            files.filter(Files::isRegularFile).sorted().forEach(f -> {
                String rel = in.relativize(f).toString().replace(f.getFileSystem().getSeparator(), "/");
                try {
                    Entry e = new Entry(rel, transformable(rel) ? Files.readAllBytes(f) : null, null);
                    classify(e);
                    out.add(e);
                } catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return out;
    }

    private static List<Entry> readJar(Path in) throws IOException {
        List<Entry> out = new ArrayList<>();
        try (ZipFile z = new ZipFile(in.toFile())) {
            Enumeration<? extends ZipEntry> all = z.entries();
            while (all.hasMoreElements()) {
                ZipEntry ze = all.nextElement();
                byte[] b;
                try (InputStream s = z.getInputStream(ze)) {
                    b = s.readAllBytes();
                }
                Entry e = new Entry(ze.getName(), b, ze);
                classify(e);
                out.add(e);
            }
        } catch (java.util.zip.ZipException e) {
            throw new WeaveException(in + " is not a jar (" + e.getMessage() + "): give a class folder or a jar", e);
        }
        return out;
    }

    private static void writeFolder(Path in, Path out, List<Entry> entries, Map<String, byte[]> woven) throws IOException {
        boolean inPlace = Files.exists(out) && Files.isSameFile(in, out);
        for (Entry e : entries) {
            byte[] w = e.className == null ? null : woven.get(e.className);
            if (inPlace && w == null) {
                continue;
            }
            Path target = out.resolve(e.path);
            Files.createDirectories(target.getParent());
            if (w != null) {
                Path tmp = target.resolveSibling(target.getFileName() + ".dragonpool-tmp");
                Files.write(tmp, w);
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } else {
                Files.copy(in.resolve(e.path), target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }

    private static boolean signatureFile(String name) {
        String n = name.toUpperCase(Locale.ROOT);
        if (!n.startsWith("META-INF/") || n.indexOf('/', "META-INF/".length()) >= 0) {
            return false;
        }
        return n.endsWith(".SF") || n.endsWith(".RSA") || n.endsWith(".DSA") || n.endsWith(".EC") || n.startsWith("META-INF/SIG-");
    }

    private static void writeJar(Path out, List<Entry> entries, Map<String, byte[]> woven, WeaveReport report) throws IOException {
        Path abs = out.toAbsolutePath();
        Path parent = abs.getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, abs.getFileName().toString(), ".dragonpool-tmp");
        try {
            try (OutputStream fo = Files.newOutputStream(tmp); ZipOutputStream zo = new ZipOutputStream(fo)) {
                for (Entry e : entries) {
                    if (!woven.isEmpty() && signatureFile(e.path)) {
                        report.droppedSignatures.add(e.path);
                        continue;
                    }
                    byte[] b = e.className != null && woven.containsKey(e.className) ? woven.get(e.className) : e.bytes;
                    ZipEntry ze = new ZipEntry(e.path);
                    ze.setTime(e.zip.getTime());
                    if (e.zip.getComment() != null) {
                        ze.setComment(e.zip.getComment());
                    }
                    if (e.zip.getMethod() == ZipEntry.STORED) {
                        CRC32 crc = new CRC32();
                        crc.update(b);
                        ze.setMethod(ZipEntry.STORED);
                        ze.setSize(b.length);
                        ze.setCompressedSize(b.length);
                        ze.setCrc(crc.getValue());
                    }
                    zo.putNextEntry(ze);
                    zo.write(b);
                    zo.closeEntry();
                }
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (java.nio.file.AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
