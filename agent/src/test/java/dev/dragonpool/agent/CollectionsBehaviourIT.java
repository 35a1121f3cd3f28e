package dev.dragonpool.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;

/**
 * Behaviour check on someone else's tests: Apache commons-collections4 4.4's published test
 * classes run with JUnit 4 in a forked JVM, once plainly and once under the agent with every
 * class of the library (and of its tests) pooled through {@code pool=org.apache.commons.collections4.**}.
 * Nothing releases anything, so results must be identical: same number of tests run, same
 * failures. By default a sample of the test classes runs (every
 * {@value #SAMPLE}th); the {@code corpus} profile runs them all.
 */
class CollectionsBehaviourIT {
    static final int SAMPLE = 8;
    static final Pattern OK = Pattern.compile("OK \\((\\d+) tests?\\)");
    static final Pattern FAILED = Pattern.compile("Tests run: (\\d+),\\s+Failures: (\\d+)");
    static final Pattern FAILURE_HEADER = Pattern.compile("^\\d+\\) (.*)$", Pattern.MULTILINE);

    static String where(String className) throws Exception {
        return Paths.get(Class.forName(className).getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    static List<String> testClasses(String testsJar, boolean full) throws Exception {
        List<String> out = new ArrayList<>();
        try (JarFile j = new JarFile(testsJar)) {
            List<String> names = j.stream().map(e -> e.getName())
                    .filter(n -> n.endsWith("Test.class") && !n.contains("$")).sorted().collect(Collectors.toList());
            int i = 0;
            for (String n : names) {
                ClassReader r = new ClassReader(j.getInputStream(j.getJarEntry(n)));
                if ((r.getAccess() & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_INTERFACE)) != 0) {
                    continue;
                }
                if (full || i++ % SAMPLE == 0) {
                    out.add(n.substring(0, n.length() - 6).replace('/', '.'));
                }
            }
        }
        return out;
    }

    /** Extracts the tests jar's resources where the tests look for them ({@code src/test/resources/}). */
    static Path workDir(String testsJar, Path dir) throws Exception {
        return extractResources(testsJar, dir.resolve("collections-work"));
    }

    /**
     * Extracts a tests jar's resources (everything but classes and {@code META-INF/}) under
     * {@code work/src/test/resources/}, where a project's tests find them by path when run from its root.
     */
    static Path extractResources(String testsJar, Path work) throws Exception {
        Path res = work.resolve("src/test/resources");
        try (JarFile j = new JarFile(testsJar)) {
            for (var e : Collections.list(j.entries())) {
                if (!e.getName().endsWith(".class") && !e.getName().startsWith("META-INF/") && !e.isDirectory()) {
                    Path f = res.resolve(e.getName());
                    Files.createDirectories(f.getParent());
                    try (var in = j.getInputStream(e)) {
                        Files.copy(in, f, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        }
        return work;
    }

    static Path work;

    static String run(List<String> jvm, String cp, List<String> classes, Path argFile) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvm);
        cmd.add("-Xmx512m");
        cmd.add("-cp");
        cmd.add(cp);
        cmd.add("org.junit.runner.JUnitCore");
        cmd.addAll(classes);
        Files.write(argFile, String.join("\n", cmd).getBytes());
        Process p = new ProcessBuilder(cmd).directory(work.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        return out;
    }

    static int[] counts(String out) {
        Matcher ok = OK.matcher(out);
        if (ok.find()) {
            return new int[] {Integer.parseInt(ok.group(1)), 0};
        }
        Matcher f = FAILED.matcher(out);
        if (f.find()) {
            return new int[] {Integer.parseInt(f.group(1)), Integer.parseInt(f.group(2))};
        }
        throw new AssertionError("no JUnit summary in output:\n" + out.substring(Math.max(0, out.length() - 3000)));
    }

    static List<String> failures(String out) {
        List<String> l = new ArrayList<>();
        Matcher m = FAILURE_HEADER.matcher(out);
        while (m.find()) {
            l.add(m.group(1));
        }
        Collections.sort(l);
        return l;
    }

    @Test
    void commons_collections_tests_pass_the_same_with_its_classes_pooled() throws Exception {
        boolean full = "full".equals(System.getProperty("dragonpool.corpus"));
        String lib = where("org.apache.commons.collections4.CollectionUtils");
        String tests = where("org.apache.commons.collections4.BulkTest");
        String cp = String.join(File.pathSeparator, lib, tests, where("org.junit.runner.JUnitCore"),
                where("org.hamcrest.Matcher"), where("org.easymock.EasyMock"), where("org.objenesis.Objenesis"),
                where("org.apache.commons.lang3.StringUtils"));
        List<String> classes = testClasses(tests, full);
        Path dir = Paths.get(System.getProperty("dragonpool.build.dir", "target")).toAbsolutePath();
        work = workDir(tests, dir);
        long t0 = System.nanoTime();
        String plain = run(List.of(), cp, classes, dir.resolve("collections-plain.args"));
        long t1 = System.nanoTime();
        String pooled = run(List.of("-javaagent:" + AgentJarIT.JAR + "=pool=org.apache.commons.collections4.**,log=warn,summary=true"),
                cp, classes, dir.resolve("collections-agent.args"));
        long t2 = System.nanoTime();
        Files.writeString(dir.resolve("collections-plain.txt"), plain);
        Files.writeString(dir.resolve("collections-agent.txt"), pooled);
        int[] a = counts(plain);
        int[] b = counts(pooled);
        String agentLine = pooled.lines().filter(l -> l.contains("dragonpool: summary:")).findFirst().orElse("no agent summary");
        String summary = String.format("commons-collections4 4.4 tests (%s): %d test classes; plain: %d run, %d failed (%d ms);"
                + " agent: %d run, %d failed (%d ms); %s", full ? "full" : "sample 1/" + SAMPLE, classes.size(), a[0], a[1],
                (t1 - t0) / 1_000_000, b[0], b[1], (t2 - t1) / 1_000_000, agentLine.trim());
        System.out.println(summary);
        Files.writeString(dir.resolve("collections-report.txt"), summary + "\n");
        assertTrue(a[0] > 100, summary);
        assertEquals(a[0], b[0], summary);
        assertEquals(failures(plain), failures(pooled), summary);
        assertTrue(agentLine.contains("enhanced"), "agent summary missing:\n" + pooled);
    }
}
