package dev.dragonpool.agent;

import java.io.ByteArrayInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.net.URISyntaxException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.AclEntry;
import java.nio.file.attribute.AclEntryFlag;
import java.nio.file.attribute.AclEntryPermission;
import java.nio.file.attribute.AclEntryType;
import java.nio.file.attribute.AclFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.security.CodeSource;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;

/**
 * Puts the runtime nested in the agent jar ({@value #ENTRY}) on the bootstrap class path without
 * ever trusting a file that another user could have written (CWE-377, CWE-379).
 *
 * <p><b>Why a file at all.</b> {@link Instrumentation#appendToBootstrapClassLoaderSearch} takes a
 * jar on disk, and appending the agent jar itself would put the agent's own classes and ASM on the
 * boot loader's path as well (a package split between two loaders fails with
 * {@code IllegalAccessError}; see {@link DragonpoolAgent} for the split). So the nested jar is
 * written somewhere. It used to go to {@code java.io.tmpdir/dragonpool-runtime-<crc>-<size>.jar}, and any
 * regular file of that name and size was reused: a predictable name in a world-writable folder,
 * so a jar planted there by another user ran with the boot loader's privileges in every JVM,
 * root's included, that started with the agent.
 *
 * <p><b>The design: one private copy per JVM, deleted as soon as it is open.</b>
 * <ol>
 * <li>{@code java.io.tmpdir} is resolved to its real path and, on POSIX, checked like OpenSSH
 * checks a key's folder: it and every folder above it must belong to root or to this user, and
 * one that group or others may write must have the sticky bit (so nobody else can rename what we
 * create in it). {@code /tmp} (1777 root) passes; a world-writable folder without the sticky bit
 * (a Kubernetes {@code emptyDir}, mode 0777) does not.</li>
 * <li>A new folder {@code dragonpool-boot-<random>} is created in it with
 * {@link Files#createDirectory}, which fails if the name exists in any form (file, folder,
 * dangling link), with mode 0700 on POSIX; on a file system with ACLs instead (Windows), its ACL
 * is replaced by one entry that gives its owner everything. What was created is read back: a
 * folder that group or others may still write (a file system that ignores modes) is refused. A
 * file system with neither model is refused: there is no safe place to extract to.</li>
 * <li>The runtime is read from the agent jar, which the user named on the command line and is the
 * root of trust, and written into that folder, which no other user can enter ({@link Private#write}
 * says when the file must also be new). Nothing found on disk is ever reused, so no digest of a
 * cached copy is needed.</li>
 * <li>It is appended to the bootstrap search path. HotSpot opens the jar during that call (the
 * JVMTI live phase opens and maps the zip before it returns) and keeps it open for the life of
 * the JVM, so the file and its folder are deleted right away. On POSIX nothing is left behind,
 * even if the JVM is later killed; where an open file cannot be deleted (Windows) both are left
 * to {@link java.io.File#deleteOnExit()} and to the sweep.</li>
 * <li>Sweep: a JVM killed with {@code SIGKILL} between steps 2 and 4 (a window of a millisecond
 * or two), or any JVM on Windows, leaves a folder. After its own start-up each JVM lists
 * {@code java.io.tmpdir} once and removes the {@code dragonpool-boot-*} folders that are real
 * folders (links are never followed), belong to this user, and were last modified more than
 * {@value #STALE_MILLIS} ms ago; it deletes only the runtime jar in them and then the folder,
 * which fails harmlessly if anything else is inside or, on Windows, while a JVM still holds the
 * jar open. Deleting a live JVM's copy is harmless on POSIX anyway (it is open), and the age
 * threshold keeps the sweep away from JVMs that are starting.</li>
 * </ol>
 * Concurrent start-ups each get their own folder, so they never race on a name; two sweeps that
 * race on the same stale folder ignore each other's deletions.
 *
 * <p><b>Cost.</b> Instead of a lookup of the cached file, each start-up inflates the nested jar
 * (about 150 KB) into memory, creates and checks the folder, writes the jar, appends it, deletes
 * it, and lists the temporary folder once: about 4 ms more in {@code premain} on a hello world, on
 * JDK 17 and 25 (docs/security.md has the numbers). A per-user cache checked against a SHA-256
 * built into the agent would need the same ownership checks and, on a cold JVM, 15 ms or more for
 * {@code MessageDigest.getInstance("SHA-256")} and as much again to hash 150 KB in the interpreter
 * (measured on the same machine), at every start-up.
 *
 * <p>The folder's name is a SplitMix64 hash of {@link System#nanoTime()}, not a draw from
 * {@link java.security.SecureRandom} (which {@link Files#createTempDirectory} would initialise,
 * 10 to 30 ms) nor {@code ThreadLocalRandom} (about 1 ms of class initialisation on JDK 17): the
 * name need not be secret, because creation is exclusive and a taken name only costs a retry.
 *
 * <p><b>The {@code stat} command</b> does not need the boot loader at all: {@link #runtimeLoader}
 * defines the runtime's classes from the nested jar in memory, so the command writes nothing to
 * disk.
 *
 * <p>Every refusal is a {@link Refused} whose message names {@code java.io.tmpdir}, what is wrong
 * with it and what to do; {@link DragonpoolAgent} reports it (or any other failure) and lets the
 * application run without pooling.
 */
final class BootJar {
    static final String ENTRY = "META-INF/dragonpool/dragonpool-runtime.jar";
    /** Prefix of the per-JVM private folders in {@code java.io.tmpdir}. */
    static final String DIR_PREFIX = "dragonpool-boot-";
    /** Name of the runtime jar inside a private folder. */
    static final String FILE_NAME = "dragonpool-runtime.jar";
    /** Age after which a private folder of this user is litter: one hour. */
    static final long STALE_MILLIS = 3_600_000L;

    private static final String FIX = "start the JVM with -Djava.io.tmpdir=<a folder that exists, that this user can write"
            + " and that other users cannot> (or run with enabled=false)";
    private static final int ATTEMPTS = 32;
    private static final int GROUP_OTHER_WRITE = 0022;
    private static final int STICKY = 01000;

    private BootJar() {
    }

    /** @return the agent jar, or {@code null} when running from a class folder (tests) */
    static Path agentJar() throws URISyntaxException {
        CodeSource cs = DragonpoolAgent.class.getProtectionDomain().getCodeSource();
        if (cs == null || cs.getLocation() == null) {
            return null;
        }
        Path p = Paths.get(cs.getLocation().toURI());
        return Files.isRegularFile(p) ? p : null;
    }

    /**
     * Appends the nested runtime to the bootstrap search path through a private, short-lived copy
     * (see the class comment).
     *
     * @param inst the instrumentation
     * @return the path the copy had (deleted by now where the file system allows), or {@code null}
     *         when the agent does not run from a jar (the runtime is then on the class path already)
     * @throws IOException if the runtime cannot be put there safely; the message says why and what to do
     * @throws URISyntaxException if the agent's location is not a file
     */
    static Path appendToBootstrap(Instrumentation inst) throws IOException, URISyntaxException {
        Path agent = agentJar();
        if (agent == null) {
            return null;
        }
        byte[] runtime = readNested(agent);
        String property = System.getProperty("java.io.tmpdir");
        Path tmp = realTmpdir(property);
        Private dir = Private.create(tmp, property);
        Path jar = dir.path.resolve(FILE_NAME);
        try {
            dir.write(jar, runtime);
            try (JarFile j = new JarFile(jar.toFile(), false)) {
                inst.appendToBootstrapClassLoaderSearch(j);
            }
        } catch (IOException | RuntimeException e) {
            throw refused(property, "could not hold the runtime jar " + jar + " (" + e + ")");
        } finally {
            dir.remove(jar);
        }
        sweep(tmp, dir);
        return jar;
    }

    /**
     * A class loader that defines the runtime's classes from the nested jar, read into memory:
     * for the {@code stat} command, which needs the runtime but not the boot loader, and so
     * writes nothing to disk.
     *
     * @param agent the agent jar
     * @param parent the parent loader
     * @return the loader
     * @throws IOException if the agent jar cannot be read
     */
    static ClassLoader runtimeLoader(Path agent, ClassLoader parent) throws IOException {
        Map<String, byte[]> classes = new HashMap<>();
        try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(readNested(agent)), false)) {
            for (JarEntry e; (e = in.getNextJarEntry()) != null;) {
                String n = e.getName();
                if (!e.isDirectory() && n.endsWith(".class") && !n.startsWith("META-INF/") && !n.equals("module-info.class")) {
                    classes.put(n.substring(0, n.length() - ".class".length()).replace('/', '.'), in.readAllBytes());
                }
            }
        }
        return InMemoryLoader.of(classes, parent);
    }

    /** @return the bytes of the nested runtime jar */
    static byte[] readNested(Path agent) throws IOException {
        try (JarFile jar = new JarFile(agent.toFile(), false)) {
            JarEntry e = jar.getJarEntry(ENTRY);
            if (e == null) {
                throw new IOException(agent + " has no " + ENTRY + ": it is not a complete dragonpool-agent.jar; use the jar"
                        + " the build produces (agent/target/dragonpool-agent.jar)");
            }
            try (InputStream in = jar.getInputStream(e)) {
                return in.readAllBytes();
            }
        }
    }

    /** A refusal whose message is complete: names {@code java.io.tmpdir}, the problem and the fix. */
    static final class Refused extends IOException {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    private static Refused refused(String property, String what) {
        return new Refused("java.io.tmpdir=" + property + " " + what + "; " + FIX);
    }

    private static Path realTmpdir(String property) throws IOException {
        if (property == null || property.isEmpty()) {
            throw refused(String.valueOf(property), "is not set");
        }
        try {
            return Paths.get(property).toRealPath();
        } catch (NoSuchFileException e) {
            throw refused(property, "does not exist");
        } catch (IOException | RuntimeException e) {
            throw refused(property, "cannot be resolved (" + e + ")");
        }
    }

    private static boolean unix(Path p) {
        return p.getFileSystem().supportedFileAttributeViews().contains("unix");
    }

    /** @return the owner of {@code p} (not following a link): a uid on POSIX, a principal elsewhere */
    private static Object ownerOf(Path p) throws IOException {
        if (unix(p)) {
            return Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        }
        return Files.getOwner(p, LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * Checks that nobody but root and {@code uid} can rename or replace anything under
     * {@code real}: each folder from it up to the root belongs to one of them and, if group or
     * others may write it, has the sticky bit.
     */
    private static void checkAncestors(Path real, Object uid, String property) throws IOException {
        for (Path p = real; p != null; p = p.getParent()) {
            Map<String, Object> a = Files.readAttributes(p, "unix:mode,uid", LinkOption.NOFOLLOW_LINKS);
            int mode = (Integer) a.get("mode");
            Object owner = a.get("uid");
            if (!owner.equals(0) && !owner.equals(uid)) {
                throw refused(property, "is not safe: " + p + " belongs to uid " + owner + " (this JVM runs as uid " + uid
                        + "), who could replace the runtime jar extracted there");
            }
            if ((mode & GROUP_OTHER_WRITE) != 0 && (mode & STICKY) == 0) {
                throw refused(property, "is not safe: " + p + " (mode " + Integer.toOctalString(mode & 07777)
                        + ") may be written by other users and has no sticky bit, so they could rename the folder the"
                        + " runtime jar is extracted into (chmod +t " + p + " fixes that)");
            }
        }
    }

    /**
     * Removes this user's private folders older than {@value #STALE_MILLIS} ms: their runtime jar,
     * then the folder (see the class comment). Best effort: anything that fails is left alone.
     */
    private static void sweep(Path tmp, Private mine) {
        long cutoff = System.currentTimeMillis() - STALE_MILLIS;
        String[] names = tmp.toFile().list(); // not a DirectoryStream: it would load ~20 classes more
        if (names == null) {
            AgentLog.log(System.Logger.Level.DEBUG, "could not list " + tmp + " to sweep it");
            return;
        }
        for (String name : names) {
            if (name.startsWith(DIR_PREFIX)) {
                Path d = tmp.resolve(name);
                if (d.equals(mine.path)) {
                    continue;
                }
                try {
                    BasicFileAttributes a = Files.readAttributes(d, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                    if (a.isDirectory() && a.lastModifiedTime().toMillis() < cutoff && mine.owner.equals(ownerOf(d))) {
                        Files.deleteIfExists(d.resolve(FILE_NAME));
                        Files.delete(d);
                    }
                } catch (IOException | RuntimeException e) {
                    AgentLog.log(System.Logger.Level.DEBUG, "left " + d + " in place: " + e);
                }
            }
        }
    }

    /** A freshly created folder that only this user can enter, and its owner. */
    static final class Private {
        final Path path;
        final Object owner;
        private final boolean posix;

        private Private(Path path, Object owner, boolean posix) {
            this.path = path;
            this.owner = owner;
            this.posix = posix;
        }

        /**
         * Writes {@code bytes} to {@code file}, a new name in this folder. On POSIX the folder was
         * born 0700 and empty, so nobody else can have created the name: a plain
         * {@link FileOutputStream} does (no file channel to load at start-up). Elsewhere the
         * folder was open to the parent's ACL for a moment before it was locked, so the file must
         * be new ({@code CREATE_NEW}).
         */
        void write(Path file, byte[] bytes) throws IOException {
            if (posix) {
                try (FileOutputStream out = new FileOutputStream(file.toFile())) {
                    out.write(bytes);
                }
            } else {
                Files.write(file, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            }
        }

        static Private create(Path tmp, String property) throws IOException {
            Set<String> views = tmp.getFileSystem().supportedFileAttributeViews();
            boolean posix = views.contains("posix");
            if (!posix && !views.contains("acl")) {
                throw refused(property, "is on a file system without POSIX permissions or ACLs (" + views
                        + "), where no folder can be made private to this user");
            }
            Path d = null;
            long seed = System.nanoTime() ^ ((long) System.identityHashCode(tmp) << 32);
            for (int i = 0; d == null; i++) {
                Path candidate = tmp.resolve(DIR_PREFIX + Long.toUnsignedString(mix(seed + i * 0x9E3779B97F4A7C15L), 36));
                try {
                    if (posix) {
                        Files.createDirectory(candidate, PosixFilePermissions.asFileAttribute(
                                EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                                        PosixFilePermission.OWNER_EXECUTE)));
                    } else {
                        Files.createDirectory(candidate);
                    }
                    d = candidate;
                } catch (FileAlreadyExistsException taken) {
                    if (i == ATTEMPTS) {
                        throw refused(property, "already holds each of the " + (ATTEMPTS + 1) + " names tried for a private"
                                + " folder (" + DIR_PREFIX + "*): someone may be taking them on purpose");
                    }
                } catch (IOException | RuntimeException e) {
                    throw refused(property, "is not a folder this user can create a private folder in (" + e + ")");
                }
            }
            try {
                Object owner = posix ? checkPosix(d, tmp, property) : lockAcl(d, property);
                return new Private(d, owner, posix);
            } catch (Refused e) {
                discard(d);
                throw e;
            } catch (IOException | RuntimeException e) {
                discard(d);
                throw refused(property, "could not be checked (" + e + ")");
            }
        }

        /** The finaliser of SplitMix64: spreads a counter into 64 unrelated-looking bits. */
        private static long mix(long z) {
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return z ^ (z >>> 31);
        }

        private static void discard(Path d) {
            try {
                Files.deleteIfExists(d);
            } catch (IOException e) {
                d.toFile().deleteOnExit();
            }
        }

        /** Reads back the new folder's mode and checks the folders above it; returns this user's uid. */
        private static Object checkPosix(Path d, Path tmp, String property) throws IOException {
            if (!unix(d)) {
                // POSIX permissions but no "unix" view (no sticky bit, no uid): trust mode 0700 as created.
                return Files.getOwner(d, LinkOption.NOFOLLOW_LINKS);
            }
            Map<String, Object> a = Files.readAttributes(d, "unix:mode,uid", LinkOption.NOFOLLOW_LINKS);
            int mode = (Integer) a.get("mode");
            if ((mode & GROUP_OTHER_WRITE) != 0) {
                throw refused(property, "is on a file system that ignores permissions (a folder created with mode 700"
                        + " has mode " + Integer.toOctalString(mode & 07777) + ")");
            }
            Object uid = a.get("uid");
            checkAncestors(tmp, uid, property);
            return uid;
        }

        /** Replaces the new folder's ACL by one that gives its owner everything; returns the owner. */
        private static Object lockAcl(Path d, String property) throws IOException {
            AclFileAttributeView view = Files.getFileAttributeView(d, AclFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
            UserPrincipal owner = view.getOwner();
            AclEntry only = AclEntry.newBuilder().setType(AclEntryType.ALLOW).setPrincipal(owner)
                    .setPermissions(EnumSet.allOf(AclEntryPermission.class))
                    .setFlags(AclEntryFlag.FILE_INHERIT, AclEntryFlag.DIRECTORY_INHERIT).build();
            view.setAcl(Collections.singletonList(only));
            List<AclEntry> now = view.getAcl();
            for (AclEntry e : now) {
                if (e.type() == AclEntryType.ALLOW && !e.principal().equals(owner)) {
                    throw refused(property, "keeps giving " + e.principal() + " access to the folders created in it");
                }
            }
            return owner;
        }

        /** Deletes the jar and the folder now; where the file system refuses (an open file on Windows), at exit. */
        void remove(Path jar) {
            try {
                Files.deleteIfExists(jar);
                Files.delete(path);
            } catch (IOException | RuntimeException e) {
                path.toFile().deleteOnExit(); // registered first: deleted last
                jar.toFile().deleteOnExit();
            }
        }
    }

    /** Defines classes from bytes held in memory; see {@link #runtimeLoader}. */
    private static final class InMemoryLoader extends ClassLoader {
        static {
            registerAsParallelCapable();
        }

        private final Map<String, byte[]> classes;

        private InMemoryLoader(Map<String, byte[]> classes, ClassLoader parent) {
            super("dragonpool-runtime", parent);
            this.classes = classes;
        }

        /** Typed {@link ClassLoader} so that verifying {@link BootJar} (premain) does not load this class. */
        static ClassLoader of(Map<String, byte[]> classes, ClassLoader parent) {
            return new InMemoryLoader(classes, parent);
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] b = classes.get(name);
            if (b == null) {
                throw new ClassNotFoundException(name);
            }
            return defineClass(name, b, 0, b.length);
        }
    }
}
