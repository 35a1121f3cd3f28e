package dev.dragonpool.agent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.dragonpool.e2e.E2eApp;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The runtime jar that the agent puts on the bootstrap class path must never come from a file
 * someone else could have written (CWE-377/379). The agent once extracted it to
 * {@code java.io.tmpdir/dragonpool-runtime-<crc>-<size>.jar} and reused any regular file of that
 * name and size. Each test forks {@link E2eApp} under the packaged agent with its own
 * {@code -Djava.io.tmpdir} (a sticky, world-writable folder like {@code /tmp}), plants files where
 * an attacker would, and reads {@code -Xlog:class+load} to see which file the runtime classes
 * really came from. When the build runs as root, plants are also handed to {@code nobody}, the
 * "other user" of the threat.
 */
class BootJarSecurityIT {
    /** The prefix of the per-JVM private folders the agent extracts into. */
    static final String PRIVATE_PREFIX = "dragonpool-boot-";

    /** @return a fresh folder that behaves like {@code /tmp}: mode 1777 */
    static Path sharedTmp() throws Exception {
        Path root = Paths.get(System.getProperty("dragonpool.build.dir", "target"), "bootjar-it");
        Files.createDirectories(root);
        Path d = Files.createTempDirectory(root, "tmp");
        chmod("1777", d);
        return d;
    }

    static void chmod(String mode, Path p) throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX file system");
        Process c = new ProcessBuilder("chmod", mode, p.toString()).redirectErrorStream(true).start();
        String out = new String(c.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, c.waitFor(), out);
    }

    /** Sets the modification time of the link itself ({@code touch -h}, GNU and BSD), which Java cannot. */
    static void touchLink(Path link, FileTime t) throws Exception {
        String stamp = java.time.format.DateTimeFormatter.ofPattern("yyyyMMddHHmm.ss")
                .format(java.time.LocalDateTime.ofInstant(t.toInstant(), java.time.ZoneId.systemDefault()));
        Process c = new ProcessBuilder("touch", "-h", "-t", stamp, link.toString()).redirectErrorStream(true).start();
        String out = new String(c.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, c.waitFor(), out);
    }

    static boolean root() throws Exception {
        Path probe = Files.createTempFile(Paths.get(System.getProperty("dragonpool.build.dir", "target")), "owner", ".probe");
        try {
            return "root".equals(Files.getOwner(probe).getName());
        } finally {
            Files.delete(probe);
        }
    }

    /** @return {@code nobody}, or {@code null} when this build cannot hand files to another user */
    static UserPrincipal nobody() throws Exception {
        if (!root()) {
            return null;
        }
        try {
            return FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
        } catch (UserPrincipalNotFoundException e) {
            return null;
        }
    }

    static JarEntry nested(JarFile j) throws IOException {
        JarEntry e = j.getJarEntry(BootJar.ENTRY);
        assertTrue(e != null, "no " + BootJar.ENTRY + " in " + AgentJarIT.JAR);
        return e;
    }

    /** @return the name the old agent used: {@code dragonpool-runtime-<crc>-<size>.jar} */
    static String oldName() throws IOException {
        try (JarFile j = new JarFile(AgentJarIT.JAR.toFile())) {
            JarEntry e = nested(j);
            return "dragonpool-runtime-" + Long.toHexString(e.getCrc()) + "-" + e.getSize() + ".jar";
        }
    }

    /** @return the real runtime jar nested in the agent */
    static byte[] runtimeBytes() throws IOException {
        try (JarFile j = new JarFile(AgentJarIT.JAR.toFile()); InputStream in = j.getInputStream(nested(j))) {
            return in.readAllBytes();
        }
    }

    /** Runs {@link E2eApp} in {@code mode} under the agent with {@code tmp} as its temporary folder. */
    static AgentJarIT.Run run(Path tmp, String mode, String... more) throws Exception {
        List<String> jvm = new ArrayList<>(List.of("-Djava.io.tmpdir=" + tmp, "-Xlog:class+load=info"));
        jvm.addAll(List.of(more));
        jvm.add(AgentJarIT.AGENT);
        return AgentJarIT.java(jvm, AgentJarIT.appClassPath(), E2eApp.class.getName(), mode);
    }

    /** @return the files the runtime's classes were loaded from, as {@code -Xlog:class+load} tells */
    static Set<String> runtimeSources(String out) {
        Set<String> s = new TreeSet<>();
        for (String l : out.split("\n")) {
            int at = l.indexOf(" dev.dragonpool.runtime.");
            int src = l.indexOf(" source: ");
            if (l.contains("[class,load]") && at >= 0 && src > at) {
                String from = l.substring(src + " source: ".length()).trim();
                if (from.endsWith(".jar")) { // not the defining class of a hidden or Lookup-defined class
                    s.add(from);
                }
            }
        }
        return s;
    }

    static Set<String> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    /**
     * Asserts the run was pooled, its runtime came from a private folder in {@code tmp} other than
     * any of {@code planted}, and that folder is gone once the JVM has exited.
     */
    static void assertPooledFromAPrivateCopy(AgentJarIT.Run r, Path tmp, Path... planted) {
        assertEquals(0, r.status, r.out);
        assertTrue(r.out.contains("E2E OK agent"), r.out);
        assertTrue(r.out.contains("ok   identity after release: true"), r.out);
        Set<String> sources = runtimeSources(r.out);
        assertEquals(1, sources.size(), "runtime classes from exactly one jar: " + sources);
        Path source = Paths.get(sources.iterator().next());
        for (Path p : planted) {
            assertNotEquals(p.toAbsolutePath().normalize(), source.toAbsolutePath().normalize(), "loaded from the planted " + p);
        }
        Path folder = source.getParent();
        assertEquals(tmp.toAbsolutePath().normalize(), folder.getParent().toAbsolutePath().normalize(), "extracted into " + folder);
        assertTrue(folder.getFileName().toString().startsWith(PRIVATE_PREFIX), "a private folder: " + folder);
        assertFalse(Files.exists(folder, LinkOption.NOFOLLOW_LINKS), "private folder left behind: " + folder);
    }

    @Test
    void a_same_name_same_size_file_planted_in_the_temporary_folder_is_not_used() throws Exception {
        Path tmp = sharedTmp();
        Path planted = tmp.resolve(oldName());
        byte[] junk = new byte[runtimeBytes().length];
        java.util.Arrays.fill(junk, (byte) 'x');
        Files.write(planted, junk);
        UserPrincipal nobody = nobody();
        if (nobody != null) {
            Files.setOwner(planted, nobody);
        }
        AgentJarIT.Run r = run(tmp, "agent");
        assertPooledFromAPrivateCopy(r, tmp, planted);
        assertArrayEquals(junk, Files.readAllBytes(planted), "the planted file is left as it was");
        assertEquals(Set.of(planted.getFileName().toString()), list(tmp), "nothing else left in the temporary folder");
    }

    @Test
    void a_valid_runtime_jar_planted_under_the_old_name_is_not_used_either() throws Exception {
        Path tmp = sharedTmp();
        Path planted = tmp.resolve(oldName());
        Files.write(planted, runtimeBytes());
        UserPrincipal nobody = nobody();
        if (nobody != null) {
            Files.setOwner(planted, nobody);
        }
        assertPooledFromAPrivateCopy(run(tmp, "agent"), tmp, planted);
    }

    @Test
    void lookalike_private_folders_are_never_used_and_only_this_users_stale_ones_are_swept() throws Exception {
        Path tmp = sharedTmp();
        FileTime old = FileTime.fromMillis(System.currentTimeMillis() - TimeUnit.HOURS.toMillis(30));
        // Stale and ours (a JVM killed between extraction and start-up): swept.
        Path staleOurs = Files.createDirectory(tmp.resolve(PRIVATE_PREFIX + "1-stale"));
        Files.write(staleOurs.resolve("dragonpool-runtime.jar"), runtimeBytes());
        Files.setLastModifiedTime(staleOurs, old);
        // Fresh and ours (a JVM starting right now): kept.
        Path freshOurs = Files.createDirectory(tmp.resolve(PRIVATE_PREFIX + "2-fresh"));
        Files.write(freshOurs.resolve("dragonpool-runtime.jar"), runtimeBytes());
        // Stale, ours, but holding something else: kept (the sweep deletes only what the agent writes).
        Path staleOther = Files.createDirectory(tmp.resolve(PRIVATE_PREFIX + "3-other"));
        Files.write(staleOther.resolve("notes.txt"), new byte[] {1});
        Files.setLastModifiedTime(staleOther, old);
        // A stale link to a folder elsewhere: never followed.
        Path elsewhere = Files.createDirectories(tmp.getParent().resolve(tmp.getFileName() + "-elsewhere"));
        Files.write(elsewhere.resolve("dragonpool-runtime.jar"), runtimeBytes());
        Path link = Files.createSymbolicLink(tmp.resolve(PRIVATE_PREFIX + "4-link"), elsewhere);
        Files.setLastModifiedTime(elsewhere, old);
        touchLink(link, old);
        List<Path> kept = new ArrayList<>(List.of(freshOurs, staleOther, link, elsewhere.resolve("dragonpool-runtime.jar")));
        UserPrincipal nobody = nobody();
        if (nobody != null) {
            // Stale but another user's: kept.
            Path staleTheirs = Files.createDirectory(tmp.resolve(PRIVATE_PREFIX + "5-theirs"));
            Files.write(staleTheirs.resolve("dragonpool-runtime.jar"), runtimeBytes());
            Files.setOwner(staleTheirs.resolve("dragonpool-runtime.jar"), nobody);
            Files.setOwner(staleTheirs, nobody);
            Files.setLastModifiedTime(staleTheirs, old);
            kept.add(staleTheirs.resolve("dragonpool-runtime.jar"));
        }
        AgentJarIT.Run r = run(tmp, "agent");
        assertPooledFromAPrivateCopy(r, tmp, staleOurs.resolve("dragonpool-runtime.jar"),
                freshOurs.resolve("dragonpool-runtime.jar"), link.resolve("dragonpool-runtime.jar"),
                tmp.resolve(PRIVATE_PREFIX + "5-theirs").resolve("dragonpool-runtime.jar"));
        assertFalse(Files.exists(staleOurs, LinkOption.NOFOLLOW_LINKS), "stale private folder of this user swept");
        for (Path p : kept) {
            assertTrue(Files.exists(p, LinkOption.NOFOLLOW_LINKS), "kept: " + p);
        }
    }

    @Test
    void concurrent_start_ups_all_run_pooled_and_leave_nothing_behind() throws Exception {
        Path tmp = sharedTmp();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<AgentJarIT.Run>> runs = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                runs.add(pool.submit(() -> run(tmp, "agent")));
            }
            for (Future<AgentJarIT.Run> f : runs) {
                assertPooledFromAPrivateCopy(f.get(120, TimeUnit.SECONDS), tmp);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(Set.of(), list(tmp), "nothing left in the temporary folder");
    }

    @Test
    void a_temporary_folder_that_does_not_exist_is_reported_and_the_application_runs_unpooled() throws Exception {
        Path missing = sharedTmp().resolve("missing");
        AgentJarIT.Run r = run(missing, "plain");
        assertEquals(0, r.status, r.out);
        assertTrue(r.out.contains("E2E OK plain"), r.out);
        assertTrue(r.out.contains("java.io.tmpdir=" + missing), r.out);
        assertTrue(r.out.contains("-Djava.io.tmpdir="), "says what to do: " + r.out);
        assertEquals(Set.of(), runtimeSources(r.out));
        AgentJarIT.Run strict = run(missing, "plain", "-Ddragonpool.strict=true");
        assertEquals(1, strict.status, "strict=true makes the failure fatal: " + strict.out);
        // One line of the agent's and no stack trace (besides -Xlog's class-load lines, "[0.1s][info][class,load] ...",
        // and JDK 25's own "WARNING: java.io.tmpdir directory does not exist").
        assertTrue(strict.out.lines().filter(l -> !l.startsWith("[")).noneMatch(l -> l.startsWith("\tat ")
                || l.contains("Exception") || l.contains("ASSERTION") || l.contains("FATAL")), "no stack trace: " + strict.out);
        List<String> said = strict.out.lines().filter(l -> l.startsWith("dragonpool:")).collect(java.util.stream.Collectors.toList());
        assertEquals(1, said.size(), "one line: " + said);
        assertTrue(said.get(0).startsWith("dragonpool: not started (strict=true): cannot put the runtime on the bootstrap"
                + " class path: java.io.tmpdir=" + missing + " does not exist; "), said.get(0));
        assertTrue(said.get(0).endsWith("; fix that or drop strict=true"), said.get(0));
    }

    @Test
    void a_temporary_folder_others_may_rename_in_is_refused_and_the_application_runs_unpooled() throws Exception {
        Path tmp = sharedTmp();
        chmod("0777", tmp); // world-writable without the sticky bit: anyone may rename our folder away
        AgentJarIT.Run r = run(tmp, "plain");
        assertEquals(0, r.status, r.out);
        assertTrue(r.out.contains("E2E OK plain"), r.out);
        assertTrue(r.out.contains("java.io.tmpdir=" + tmp), r.out);
        assertTrue(r.out.contains("sticky"), "says why and what to do: " + r.out);
        assertEquals(Set.of(), list(tmp), "nothing written there");
    }

    @Test
    void a_temporary_folder_that_belongs_to_another_user_is_refused() throws Exception {
        UserPrincipal nobody = nobody();
        assumeTrue(nobody != null, "needs root to hand the folder to nobody");
        Path tmp = sharedTmp();
        Files.setOwner(tmp, nobody); // its owner may rename anything in it, sticky bit or not
        AgentJarIT.Run r = run(tmp, "plain");
        assertEquals(0, r.status, r.out);
        assertTrue(r.out.contains("E2E OK plain"), r.out);
        assertTrue(r.out.contains("java.io.tmpdir=" + tmp + " is not safe: " + tmp.toRealPath() + " belongs to uid "), r.out);
        assertEquals(Set.of(), list(tmp), "nothing written there");
    }

    @Test
    void the_stat_command_writes_nothing_to_the_temporary_folder() throws Exception {
        Path tmp = sharedTmp();
        for (Path t : List.of(tmp, tmp.resolve("missing"))) {
            List<String> cmd = List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Djava.io.tmpdir=" + t, "-jar", AgentJarIT.JAR.toString(), "stat", "--help");
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), out);
            assertTrue(out.contains("usage: stat"), "StatCommand ran in the launcher's loader: " + out);
        }
        assertEquals(Set.of(), list(tmp), "stat left nothing in the temporary folder");
    }
    /**
     * Starts {@link dev.dragonpool.e2e.AttachApp} (which waits on standard input after
     * {@code READY}) with {@code tmp} as its temporary folder, optionally attaches the agent to it,
     * and asserts that the temporary folder is empty while the JVM still runs pooled.
     */
    private static void assertNoCopyLeftWhileRunning(Path tmp, boolean attach) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xverify:all", "-Djava.io.tmpdir=" + tmp));
        if (!attach) {
            cmd.add(AgentJarIT.AGENT);
        }
        cmd.addAll(List.of("-cp", AgentJarIT.appClassPath(), "dev.dragonpool.e2e.AttachApp"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String ready = in.readLine();
            assertTrue(ready != null && ready.startsWith("READY "), String.valueOf(ready));
            if (attach) {
                AgentJarIT.Run r = AgentJarIT.java(List.of("--add-modules", "jdk.attach"),
                        AgentJarIT.where(AttachHelper.class), AttachHelper.class.getName(),
                        ready.substring("READY ".length()).trim(), AgentJarIT.JAR.toString());
                assertEquals(0, r.status, r.out);
            }
            assertEquals(Set.of(), list(tmp), "the private copy is deleted once the JVM holds it open");
            p.getOutputStream().write('\n');
            p.getOutputStream().flush();
            StringBuilder out = new StringBuilder();
            for (String l; (l = in.readLine()) != null;) {
                out.append(l).append('\n');
            }
            assertEquals(0, p.waitFor(), out.toString());
            assertTrue(out.toString().contains("pooled-after-attach true identity true"), out.toString());
        } finally {
            p.destroyForcibly();
        }
        assertEquals(Set.of(), list(tmp), "nothing left in the temporary folder");
    }

    @Test
    void the_private_copy_is_gone_while_the_jvm_runs_after_premain_and_after_dynamic_attach() throws Exception {
        assertNoCopyLeftWhileRunning(sharedTmp(), false);
        assertNoCopyLeftWhileRunning(sharedTmp(), true);
    }

    @Test
    void the_stat_command_defines_the_runtime_in_memory() throws Exception {
        ClassLoader l = BootJar.runtimeLoader(AgentJarIT.JAR, ClassLoader.getPlatformClassLoader());
        Class<?> jmx = Class.forName("dev.dragonpool.runtime.jmx.DragonpoolJmx", true, l);
        assertEquals(l, jmx.getClassLoader(), "defined by the in-memory loader, not found elsewhere");
        assertEquals(Boolean.FALSE, jmx.getMethod("isStarted").invoke(null));
    }
}
