package dev.dragonpool.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A user's project built against what this build publishes. Before this test, the invoker
 * plugin's {@code install} goal (see {@code it/pom.xml}) installed the parent pom, the
 * annotations, runtime, agent and Micrometer artifacts of this build into a private local
 * repository ({@code target/consumer-repo}), exactly as {@code mvn install} would have put them
 * in {@code ~/.m2}. The test then
 * <ol>
 * <li>checks that the installed {@code dragonpool-agent-V.jar} is the agent itself (manifest
 * {@code Premain-Class}), so {@code -javaagent:} on the path the README gives works;</li>
 * <li>runs {@code java -jar} on that installed jar with {@code --help};</li>
 * <li>runs a real {@code mvn test} of {@code it/consumer} (annotations as the only compile
 * dependency, the agent fetched by maven-dependency-plugin and put on surefire's
 * {@code argLine}) with that private repository as its local repository, and asserts its tests
 * ran, under the agent, and passed.</li>
 * </ol>
 * Third-party plugins and libraries come from this build's own local repository, used read-only
 * as a {@code file:} mirror, so the inner build needs no network and never writes to it.
 */
class ConsumerProjectIT {
    static final Path CONSUMER = Paths.get(System.getProperty("consumer.project", "consumer"));
    static final Path WORK = Paths.get(System.getProperty("consumer.work", "target/consumer-work"));
    static final Path REPO = Paths.get(System.getProperty("consumer.repo", "target/consumer-repo")).toAbsolutePath();
    static final String VERSION = required("dragonpool.version");
    static final Path INSTALLED_AGENT = REPO.resolve(Paths.get("dev", "dragonpool", "dragonpool-agent", VERSION,
            "dragonpool-agent-" + VERSION + ".jar"));
    /** Properties handed to the inner build, so it uses the versions this build resolved. */
    static final List<String> PASSED = List.of("dragonpool.version", "junit.version", "micrometer.version",
            "resources-plugin.version", "compiler-plugin.version", "surefire.version", "dependency-plugin.version");

    static String required(String name) {
        String v = System.getProperty(name);
        if (v == null || v.isBlank()) {
            throw new IllegalStateException("system property " + name + " is not set: run this test through "
                    + "`mvn verify` in module it/ (failsafe passes it), not from an IDE");
        }
        return v;
    }

    static final class Run {
        int status;
        String out;
    }

    static Run run(List<String> cmd, Path dir, Path log, long timeoutSeconds) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().remove("MAVEN_OPTS");
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        Process p = pb.start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("timed out after " + timeoutSeconds + " s: " + String.join(" ", cmd) + "\n" + tail(log));
        }
        Run r = new Run();
        r.status = p.exitValue();
        r.out = Files.readString(log, StandardCharsets.UTF_8);
        return r;
    }

    static String tail(Path log) throws IOException {
        String s = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        return s.length() > 8000 ? "..." + s.substring(s.length() - 8000) : s;
    }

    @BeforeAll
    static void installedAgentPresent() {
        assertTrue(Files.isRegularFile(INSTALLED_AGENT), "invoker:install did not put the agent at " + INSTALLED_AGENT
                + "; run `mvn verify` with module it/ in the reactor (-pl it -am)");
    }

    @Test
    void installed_agent_artifact_is_the_shaded_agent_jar() throws Exception {
        try (JarFile j = new JarFile(INSTALLED_AGENT.toFile())) {
            Attributes a = j.getManifest().getMainAttributes();
            assertEquals("dev.dragonpool.agent.DragonpoolAgent", a.getValue("Premain-Class"),
                    INSTALLED_AGENT + " is not the agent jar: -javaagent on it fails with \"Failed to find "
                            + "Premain-Class manifest attribute\"");
            assertTrue(j.getJarEntry("META-INF/dragonpool/dragonpool-runtime.jar") != null, "nested runtime");
            assertTrue(j.getJarEntry("dev/dragonpool/agent/shaded/asm/ClassReader.class") != null, "relocated ASM");
        }
    }

    @Test
    void java_jar_on_the_installed_agent_prints_help() throws Exception {
        Files.createDirectories(WORK);
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        Run r = run(List.of(java, "-jar", INSTALLED_AGENT.toString(), "--help"), WORK, WORK.resolve("help.log"), 60);
        assertEquals(0, r.status, r.out);
        assertTrue(r.out.contains("stat") && r.out.contains("guard=off|full"), r.out);
    }

    @Test
    void consumer_project_tests_run_pooled_under_the_installed_agent() throws Exception {
        Path project = WORK.resolve("orders");
        deleteTree(project);
        copyTree(CONSUMER, project);
        Path settings = WORK.resolve("settings.xml");
        Files.writeString(settings, settings(Paths.get(required("outer.repo"))), StandardCharsets.UTF_8);

        String mvn = Paths.get(required("maven.home"), "bin", File.separatorChar == '\\' ? "mvn.cmd" : "mvn").toString();
        List<String> cmd = new ArrayList<>(List.of(mvn, "-B", "-ntp", "-s", settings.toString(),
                "-Dmaven.repo.local=" + REPO));
        for (String p : PASSED) {
            cmd.add("-D" + p + "=" + required(p));
        }
        cmd.add("test");
        Run r = run(cmd, project, WORK.resolve("mvn-test.log"), 300);
        assertEquals(0, r.status, "the consumer build failed (" + String.join(" ", cmd) + "):\n" + tailOf(r.out));

        // The agent jar the build used is the installed artifact, byte for byte.
        Path used = project.resolve(Paths.get("target", "dragonpool", "dragonpool-agent.jar"));
        assertEquals(Files.size(INSTALLED_AGENT), Files.size(used), used.toString());
        assertEquals(-1L, Files.mismatch(INSTALLED_AGENT, used), used.toString());

        int tests = 0;
        Path reports = project.resolve(Paths.get("target", "surefire-reports"));
        try (Stream<Path> s = Files.list(reports)) {
            for (Path xml : (Iterable<Path>) s.filter(f -> f.getFileName().toString().matches("TEST-.*\\.xml"))::iterator) {
                String x = Files.readString(xml, StandardCharsets.UTF_8);
                int[] counts = counts(x, xml);
                tests += counts[0];
                assertEquals(0, counts[1] + counts[2] + counts[3], xml + ": failures, errors or skipped\n" + x);
            }
        }
        assertEquals(3, tests, "tests the consumer ran:\n" + tailOf(r.out));
        assertTrue(r.out.contains("consumer: Order pooled, identity after release true"), tailOf(r.out));
        assertTrue(r.out.contains("consumer: dragonpool.objcache.requests{pool.name=com.example.orders.Order}"),
                tailOf(r.out));
    }

    static String tailOf(String out) {
        return out.length() > 8000 ? "..." + out.substring(out.length() - 8000) : out;
    }

    /** {@code tests, failures, errors, skipped} from a surefire XML report. */
    static int[] counts(String xml, Path file) {
        Matcher m = Pattern.compile("<testsuite\\b[^>]*>").matcher(xml);
        assertTrue(m.find(), file + ": no <testsuite> element");
        String head = m.group();
        int[] c = new int[4];
        String[] names = {"tests", "failures", "errors", "skipped"};
        for (int i = 0; i < 4; i++) {
            Matcher a = Pattern.compile("\\b" + names[i] + "=\"(\\d+)\"").matcher(head);
            assertTrue(a.find(), file + ": no " + names[i] + " attribute in " + head);
            c[i] = Integer.parseInt(a.group(1));
        }
        return c;
    }

    /**
     * Settings for the inner build: every remote repository is mirrored to this build's local
     * repository, read as a {@code file:} repository, so third-party artifacts come from there and
     * the Dragonpool snapshots only from the private local repository (Maven Central, which the
     * mirror stands for, serves no snapshots). Central is redeclared with checksums ignored: a
     * local repository keeps none, and the resolver would warn for every file.
     */
    static String settings(Path outerRepo) {
        String url = outerRepo.toAbsolutePath().toUri().toString();
        String central = "<id>central</id><url>" + url + "</url><releases><checksumPolicy>ignore</checksumPolicy>"
                + "</releases><snapshots><enabled>false</enabled></snapshots>";
        return "<settings xmlns=\"http://maven.apache.org/SETTINGS/1.0.0\">\n"
                + "  <mirrors>\n"
                + "    <mirror><id>outer-build-repository</id><mirrorOf>*</mirrorOf><url>" + url + "</url></mirror>\n"
                + "  </mirrors>\n"
                + "  <profiles>\n"
                + "    <profile>\n"
                + "      <id>outer-build-repository</id>\n"
                + "      <repositories><repository>" + central + "</repository></repositories>\n"
                + "      <pluginRepositories><pluginRepository>" + central + "</pluginRepository></pluginRepositories>\n"
                + "    </profile>\n"
                + "  </profiles>\n"
                + "  <activeProfiles><activeProfile>outer-build-repository</activeProfile></activeProfiles>\n"
                + "</settings>\n";
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path rel = from.relativize(p);
                if (rel.toString().startsWith("target")) {
                    continue;
                }
                Path dst = to.resolve(rel.toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dst);
                } else {
                    Files.copy(p, dst, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
