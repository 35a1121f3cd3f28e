package dev.dragonpool.agent.weave;

import dev.dragonpool.agent.transform.ClassBytesSource;
import dev.dragonpool.agent.transform.ConstantPoolScan;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The class files the predicate reads while weaving, without a live class loader: first the
 * classes being woven (as they were before weaving), then the class path (folders and jars, jars
 * opened on first use, multi-release jars at the running JDK's version), then the JDK's own
 * classes. Found bytes and misses are cached: a superclass chain is read once.
 *
 * <p>It also supplies the predicate's set of classes that must never be called pooled
 * ({@link #notPooledHere()}): everything outside the woven input that the weaver did not mark as
 * pooled (a {@code @Pooled} class of a dependency that nobody wove has no factories to call), and
 * woven classes whose mark says they were not enhanced. Classes of the input that are woven
 * already (an incremental build) are decided by their mark in the same way.
 *
 * <p>Not thread-safe: one weaving run uses it from one thread.
 */
final class ClassPathSource implements ClassBytesSource, Closeable {
    private static final byte[] MISSING = new byte[0];

    private final Map<String, byte[]> input;
    private final List<Path> classpath;
    private final Map<Path, JarFile> jars = new HashMap<>();
    private final Map<String, byte[]> cache = new HashMap<>();
    private final Map<String, Boolean> serializable = new HashMap<>();
    private final java.util.function.Consumer<String> notes;

    ClassPathSource(Map<String, byte[]> input, List<Path> classpath, java.util.function.Consumer<String> notes) {
        this.input = input;
        this.classpath = classpath;
        this.notes = notes;
    }

    @Override
    public byte[] bytes(String internalName) {
        byte[] b = input.get(internalName);
        if (b != null) {
            return b;
        }
        b = cache.get(internalName);
        if (b == null) {
            b = find(internalName);
            cache.put(internalName, b == null ? MISSING : b);
        }
        return b == MISSING ? null : b;
    }

    private byte[] find(String internalName) {
        String entry = internalName + ".class";
        for (Path p : classpath) {
            try {
                if (Files.isDirectory(p)) {
                    Path f = p.resolve(entry);
                    if (Files.isRegularFile(f)) {
                        return Files.readAllBytes(f);
                    }
                } else if (Files.isRegularFile(p)) {
                    JarFile j = jar(p);
                    ZipEntry e = j.getEntry(entry);
                    if (e != null) {
                        try (InputStream in = j.getInputStream(e)) {
                            return in.readAllBytes();
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + entry + " from class path entry " + p + ": " + e.getMessage(), e);
            }
        }
        try (InputStream in = ClassLoader.getPlatformClassLoader().getResourceAsStream(entry)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            return null;
        }
    }

    private JarFile jar(Path p) throws IOException {
        JarFile j = jars.get(p);
        if (j == null) {
            j = new JarFile(p.toFile(), false, ZipFile.OPEN_READ, Runtime.version());
            jars.put(p, j);
        }
        return j;
    }

    /**
     * Tells whether a class is serializable: it, a superclass or one of their interfaces (at any
     * depth) is {@code java.io.Serializable}. Classes whose files cannot be found count as not
     * serializable.
     *
     * @param internalName the class
     * @return whether it is serializable
     */
    boolean serializable(String internalName) {
        Boolean s = serializable.get(internalName);
        if (s == null) {
            serializable.put(internalName, Boolean.FALSE); // cycles in broken class paths end here
            s = computeSerializable(internalName);
            serializable.put(internalName, s);
        }
        return s;
    }

    private boolean computeSerializable(String internalName) {
        if ("java/io/Serializable".equals(internalName)) {
            return true;
        }
        if ("java/lang/Object".equals(internalName)) {
            return false;
        }
        byte[] b = bytes(internalName);
        if (b == null) {
            return false;
        }
        org.objectweb.asm.ClassReader r;
        try {
            r = new org.objectweb.asm.ClassReader(b);
        } catch (RuntimeException e) {
            return false;
        }
        for (String i : r.getInterfaces()) {
            if (serializable(i)) {
                return true;
            }
        }
        return r.getSuperName() != null && serializable(r.getSuperName());
    }

    /**
     * The set given to the predicate as the classes it must call not pooled, whatever their
     * annotation or the globs say. Membership is computed on demand; iteration shows the members
     * found so far.
     *
     * @return the set
     */
    java.util.Set<String> notPooledHere() {
        return new NotPooledHere();
    }

    private final class NotPooledHere extends AbstractSet<String> {
        private final Map<String, Boolean> decided = new HashMap<>();

        @Override
        public boolean contains(Object o) {
            if (!(o instanceof String)) {
                return false;
            }
            String name = (String) o;
            Boolean d = decided.get(name);
            if (d == null) {
                d = compute(name);
                decided.put(name, d);
            }
            return d;
        }

        private boolean compute(String name) {
            byte[] own = input.get(name);
            if (own != null) {
                Boolean woven = Woven.pooled(own);
                return woven != null && !woven; // not woven yet: decided from its bytes as usual
            }
            byte[] b = bytes(name);
            if (b == null) {
                return false; // unknown: the predicate finds nothing to read and calls it not pooled anyway
            }
            Boolean woven = Woven.pooled(b);
            if (woven == null && mentionsPooled(b)) {
                notes.accept("dependency class " + name.replace('/', '.') + " mentions @Pooled but was not woven: "
                        + "allocations of it stay plain here (weave its module too)");
            } else if (Boolean.FALSE.equals(woven) && Woven.read(b).pooled) {
                notes.accept("dependency class " + name.replace('/', '.') + " was woven by Dragonpool " + Woven.read(b).version
                        + ", not " + Woven.version() + ": allocations of it stay plain here (use one version)");
            }
            return !Boolean.TRUE.equals(woven);
        }

        private boolean mentionsPooled(byte[] b) {
            try {
                return ConstantPoolScan.scan(b).mentionsPooled;
            } catch (RuntimeException e) {
                return false;
            }
        }

        @Override
        public Iterator<String> iterator() {
            List<String> members = new ArrayList<>();
            for (Map.Entry<String, Boolean> e : decided.entrySet()) {
                if (e.getValue()) {
                    members.add(e.getKey());
                }
            }
            return members.iterator();
        }

        @Override
        public int size() {
            int n = 0;
            for (Boolean v : decided.values()) {
                n += v ? 1 : 0;
            }
            return n;
        }
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        for (JarFile j : jars.values()) {
            try {
                j.close();
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        jars.clear();
        if (first != null) {
            throw first;
        }
    }
}
