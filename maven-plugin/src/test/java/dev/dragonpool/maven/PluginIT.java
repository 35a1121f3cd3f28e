package dev.dragonpool.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The packaged plugin in a real Maven build of a small user project ({@code src/it/sample}): a
 * forked {@code mvn verify} with a private local repository under the build folder (never the
 * developer's {@code ~/.m2}, which other builds share), holding this build's Dragonpool artifacts;
 * everything else is read from the developer's local repository through a {@code file:} mirror, so
 * the test runs offline. Then the woven application runs in plain JVMs with {@code -Xverify:all}:
 * pooled without the agent, with JMX, JFR and {@code stat}; and without the runtime, failing with
 * one clear message.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PluginIT {
    static final String VERSION = System.getProperty("dragonpool.version", "0.1.0-SNAPSHOT");
    static final Path BUILD = Paths.get(System.getProperty("dragonpool.build.dir", "target")).toAbsolutePath();
    static final Path ROOT = Paths.get(System.getProperty("dragonpool.root", "..")).toAbsolutePath().normalize();
    static final String BUILD_NAME = System.getProperty("dragonpool.build", "target");
    static final Path M2 = Paths.get(System.getProperty("dragonpool.m2", System.getProperty("user.home") + "/.m2/repository"));
    static final Path REPO = BUILD.resolve("it-repo");
    static final Path PROJECT = BUILD.resolve("it/sample");
    static final Path JAVA = Paths.get(System.getProperty("java.home"), "bin", "java");

    static String buildLog;
    static int buildStatus;

    static final class Run {
        int status;
        String out;
    }

    static Path artifact(String module, String file) {
        return ROOT.resolve(module).resolve(BUILD_NAME).resolve(file);
    }

    static void deploy(String artifactId, Path pom, Path jar) throws IOException {
        Path dir = REPO.resolve("dev/dragonpool").resolve(artifactId).resolve(VERSION);
        Files.createDirectories(dir);
        Files.copy(pom, dir.resolve(artifactId + "-" + VERSION + ".pom"), StandardCopyOption.REPLACE_EXISTING);
        if (jar != null) {
            assertTrue(Files.isRegularFile(jar), "missing " + jar + ": build the reactor first (mvn -pl maven-plugin -am verify)");
            Files.copy(jar, dir.resolve(artifactId + "-" + VERSION + ".jar"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static void deleteTree(Path p) throws IOException {
        if (Files.exists(p)) {
            try (Stream<Path> s = Files.walk(p)) {
                for (Path f : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
                    Files.delete(f);
                }
            }
        }
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path f : (Iterable<Path>) s::iterator) {
                Path t = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(f, t, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    static String mvn() {
        String home = System.getProperty("maven.home");
        if (home != null && Files.isRegularFile(Paths.get(home, "bin", "mvn"))) {
            return Paths.get(home, "bin", "mvn").toString();
        }
        return "mvn";
    }

    @BeforeAll
    static void build() throws Exception {
        deleteTree(REPO.resolve("dev/dragonpool"));
        deploy("dragonpool-parent", ROOT.resolve("pom.xml"), null);
        deploy("dragonpool-annotations", ROOT.resolve("annotations/pom.xml"),
                artifact("annotations", "dragonpool-annotations-" + VERSION + ".jar"));
        deploy("dragonpool-runtime", ROOT.resolve("runtime/pom.xml"), artifact("runtime", "dragonpool-runtime-" + VERSION + ".jar"));
        deploy("dragonpool-agent", ROOT.resolve("agent/pom.xml"), artifact("agent", "dragonpool-agent.jar"));
        deploy("dragonpool-maven-plugin", ROOT.resolve("maven-plugin/pom.xml"),
                BUILD.resolve("dragonpool-maven-plugin-" + VERSION + ".jar"));

        String url = M2.toUri().toString();
        String repo = "<id>central</id><url>" + url + "</url><releases><enabled>true</enabled><checksumPolicy>ignore</checksumPolicy>"
                + "</releases><snapshots><enabled>false</enabled></snapshots>";
        String settings = "<settings><mirrors><mirror><id>developer-local</id><mirrorOf>*</mirrorOf><url>" + url
                + "</url></mirror></mirrors><profiles><profile><id>it</id><repositories><repository>" + repo
                + "</repository></repositories><pluginRepositories><pluginRepository>" + repo
                + "</pluginRepository></pluginRepositories></profile></profiles><activeProfiles><activeProfile>it"
                + "</activeProfile></activeProfiles></settings>\n";
        deleteTree(PROJECT);
        copyTree(ROOT.resolve("maven-plugin/src/it/sample"), PROJECT);
        Path settingsFile = BUILD.resolve("it/settings.xml");
        Files.writeString(settingsFile, settings);

        List<String> cmd = List.of(mvn(), "-B", "-ntp", "-s", settingsFile.toString(), "-Dmaven.repo.local=" + REPO,
                "-Ddragonpool.version=" + VERSION, "verify");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(PROJECT.toFile()).redirectErrorStream(true);
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().remove("MAVEN_OPTS");
        Process p = pb.start();
        buildLog = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        buildStatus = p.waitFor();
        Files.writeString(PROJECT.resolve("build.log"), buildLog);
    }

    static String classPath(boolean withRuntime) {
        String cp = PROJECT.resolve("target/classes") + File.pathSeparator
                + artifact("annotations", "dragonpool-annotations-" + VERSION + ".jar");
        return withRuntime ? cp + File.pathSeparator + artifact("runtime", "dragonpool-runtime-" + VERSION + ".jar") : cp;
    }

    static Run java(String cp, String... args) throws Exception {
        return java(List.of(), cp, args);
    }

    static Run java(List<String> jvm, String cp, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(JAVA.toString(), "-Xverify:all"));
        cmd.addAll(jvm);
        cmd.addAll(List.of("-cp", cp, "com.example.Main"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        Run r = new Run();
        r.out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        r.status = p.waitFor();
        return r;
    }

    @Test
    @Order(1)
    void the_build_weaves_classes_and_tests_and_reports() throws Exception {
        assertEquals(0, buildStatus, buildLog);
        assertTrue(buildLog.contains("[INFO] --- dragonpool-maven-plugin:" + VERSION + ":weave (default) @ sample ---"), buildLog);
        assertTrue(buildLog.contains("[INFO] dragonpool: woven " + PROJECT.resolve("target/classes")
                + ": 6 classes read, 4 changed, 3 enhanced, 2 refused; allocation sites 6 rewritten, 0 left plain; releases 2 direct,"),
                buildLog);
        assertTrue(buildLog.contains("[INFO] dragonpool: pooled com.example.Order\n"), buildLog);
        assertTrue(buildLog.contains("[INFO] dragonpool: pooled com.example.model.Point3\n"), buildLog);
        assertTrue(buildLog.contains("[INFO] dragonpool: pooled com.example.Ticket\n"), buildLog);
        assertTrue(buildLog.contains("[WARNING] dragonpool: not pooling com.example.Label: record\n"), buildLog);
        assertTrue(buildLog.contains("[WARNING] dragonpool: not pooling com.example.Excluded: excluded by the exclude= option\n"),
                buildLog);
        assertTrue(buildLog.contains("[INFO] --- dragonpool-maven-plugin:" + VERSION + ":weave-tests (default) @ sample ---"), buildLog);
        assertTrue(buildLog.contains("[INFO] dragonpool: woven " + PROJECT.resolve("target/test-classes")
                + ": 1 classes read, 1 changed, 0 enhanced, 0 refused; allocation sites 2 rewritten"), buildLog);
        assertTrue(buildLog.contains("Tests run: 1, Failures: 0, Errors: 0, Skipped: 0"), "the woven test ran: " + buildLog);
        assertFalse(buildLog.contains("is not a dependency of this module"), buildLog);

        String json = Files.readString(PROJECT.resolve("target/dragonpool-weave.json"));
        assertTrue(json.contains("\"enhanced\": [\n    \"com.example.Order\",\n    \"com.example.Ticket\",\n    \"com.example.model.Point3\"\n  ]"), json);
        assertTrue(json.contains("\"class\": \"com.example.Label\",\n      \"reason\": \"record\""), json);
        assertTrue(json.contains("\"options\": \"pool=com.example.model.*;exclude=com.example.Excluded;guard=off\""), json);
        assertTrue(Files.isRegularFile(PROJECT.resolve("target/dragonpool-weave-tests.json")));
    }

    @Test
    @Order(2)
    void the_woven_application_pools_without_the_agent_with_jmx_and_jfr() throws Exception {
        Run r = java(classPath(true));
        assertEquals(0, r.status, r.out);
        assertFalse(r.out.contains("javaagent"), r.out);
        for (String line : List.of("order.reused=true", "order.id=o-2", "order.retained=true", "point.reused=true x=4.0",
                "isPooled=true,true,false,false", "label=plain excluded=0", "woven.by=" + VERSION,
                "ticket.second=PoolExhaustedException", "exhausted.events=1", "jmx.bean=true")) {
            assertTrue(r.out.contains(line + "\n"), line + " in:\n" + r.out);
        }
    }

    @Test
    @Order(3)
    void run_time_settings_are_system_properties_and_bad_ones_are_reported() throws Exception {
        Run r = java(List.of("-Ddragonpool.jmx=off", "-Ddragonpool.arena=lots", "-Ddragonpool.leaks=sometimes",
                "-Ddragonpool.capacity=64"), classPath(true));
        assertEquals(0, r.status, r.out);
        assertTrue(r.out.contains("jmx.bean=false\n"), r.out);
        assertTrue(r.out.contains("order.reused=true\n"), r.out);
        assertTrue(r.out.contains("dragonpool: ignoring -Ddragonpool.arena=lots: expected a size such as 4096, 64k, 256m or 1g"), r.out);
        assertTrue(r.out.contains("dragonpool: ignoring -Ddragonpool.leaks=sometimes: leaks must be off, sample or paranoid"), r.out);
        assertFalse(r.out.contains("capacity"), r.out);
    }

    @Test
    @Order(3)
    void without_the_runtime_the_first_woven_class_names_the_missing_artifact() throws Exception {
        Run r = java(classPath(false));
        assertEquals(1, r.status, r.out);
        assertTrue(r.out.contains("java.lang.NoClassDefFoundError: com.example.Main was woven by Dragonpool " + VERSION
                + " at build time and needs dev.dragonpool:dragonpool-runtime:" + VERSION + " on its class path"), r.out);
    }

    @Test
    @Order(4)
    void stat_lists_and_reads_the_woven_application() throws Exception {
        Process app = new ProcessBuilder(JAVA.toString(), "-cp", classPath(true), "com.example.Main", "wait")
                .redirectErrorStream(true).start();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            StringBuilder seen = new StringBuilder();
            while ((line = in.readLine()) != null && !line.equals("waiting")) {
                seen.append(line).append('\n');
            }
            assertTrue(seen.toString().contains("jmx.bean=true"), seen.toString());
            Path agent = artifact("agent", "dragonpool-agent.jar");
            Process list = new ProcessBuilder(JAVA.toString(), "-jar", agent.toString(), "stat").redirectErrorStream(true).start();
            String listed = new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, list.waitFor(), listed);
            assertTrue(listed.contains(app.pid() + " "), listed);
            assertTrue(listed.contains("com.example.Main wait"), listed);
            Process stat = new ProcessBuilder(JAVA.toString(), "-jar", agent.toString(), "stat", Long.toString(app.pid()))
                    .redirectErrorStream(true).start();
            String table = new String(stat.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, stat.waitFor(), table);
            assertTrue(table.contains("objcache  com.example.Order"), table);
            assertTrue(table.contains("objcache  com.example.model.Point3"), table);
        } finally {
            try (OutputStream o = app.getOutputStream()) {
                o.write('\n');
            } catch (IOException gone) {
                // already exited
            }
            if (!app.waitFor(20, TimeUnit.SECONDS)) {
                app.destroyForcibly();
            }
        }
    }

    /**
     * JDK 25's AOT cache (JEP 483/514): woven classes are stored in the cache and load from it,
     * pooled; with the agent the same classes, changed by its {@code ClassFileTransformer}, are
     * skipped when the cache is made and load from the jar. Runs on JDK 25 or later only.
     */
    @Test
    @Order(5)
    void on_jdk_25_the_aot_cache_holds_woven_classes_and_skips_agent_transformed_ones() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Runtime.version().feature() >= 25, "the AOT cache needs JDK 25");
        Path dir = BUILD.resolve("it/aot");
        deleteTree(dir);
        Files.createDirectories(dir);
        String libs = File.pathSeparator + artifact("annotations", "dragonpool-annotations-" + VERSION + ".jar")
                + File.pathSeparator + artifact("runtime", "dragonpool-runtime-" + VERSION + ".jar");
        Path woven = PROJECT.resolve("target/sample-1.0.jar"); // packaged after weaving
        Path plain = plainJar(dir);

        Run train = aot(dir, "woven", woven + libs, true);
        assertEquals(0, train.status, train.out);
        Run run = aot(dir, "woven", woven + libs, false);
        assertEquals(0, run.status, run.out);
        for (String c : List.of("com.example.Main", "com.example.Order", "com.example.model.Point3")) {
            assertTrue(run.out.contains(c + " source: shared objects file"), c + " from the cache:\n" + run.out);
        }
        assertTrue(run.out.contains("order.reused=true\n") && run.out.contains("point.reused=true"), run.out);

        Path agent = artifact("agent", "dragonpool-agent.jar");
        String options = "=pool=com.example.model.*,exclude=com.example.Excluded"; // the plugin's configuration
        train = aot(dir, "agent", plain + libs, true, "-javaagent:" + agent + options);
        assertEquals(0, train.status, train.out);
        assertTrue(train.out.contains("Skipping com/example/Order: From ClassFileLoadHook"), train.out); // -Xlog:aot warnings
        run = aot(dir, "agent", plain + libs, false, "-javaagent:" + agent + options);
        assertEquals(0, run.status, run.out);
        assertTrue(run.out.contains("com.example.Order source: file:" + plain.toUri().getPath()), run.out);
        assertTrue(run.out.contains("order.reused=true\n"), run.out);
    }

    /** The sample's classes as compiled, not woven, in a jar (the AOT cache takes classes from jars only). */
    static Path plainJar(Path dir) throws Exception {
        Path classes = dir.resolve("plain-classes");
        Files.createDirectories(classes);
        List<String> args = new ArrayList<>(List.of("--release", "17", "-d", classes.toString(), "-cp",
                artifact("annotations", "dragonpool-annotations-" + VERSION + ".jar").toString()));
        try (Stream<Path> src = Files.walk(PROJECT.resolve("src/main/java"))) {
            src.filter(f -> f.toString().endsWith(".java")).forEach(f -> args.add(f.toString()));
        }
        assertEquals(0, javax.tools.ToolProvider.getSystemJavaCompiler().run(null, null, null, args.toArray(new String[0])));
        Path jar = dir.resolve("plain.jar");
        try (java.util.jar.JarOutputStream jo = new java.util.jar.JarOutputStream(Files.newOutputStream(jar));
                Stream<Path> files = Files.walk(classes)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                jo.putNextEntry(new java.util.jar.JarEntry(classes.relativize(f).toString().replace(File.separatorChar, '/')));
                jo.write(Files.readAllBytes(f));
            }
        }
        return jar;
    }

    /** Trains ({@code -XX:AOTCacheOutput}; {@code -Xlog:aot} warnings name skipped classes) or runs with the cache, logging class loads. */
    static Run aot(Path dir, String name, String cp, boolean train, String... jvm) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(JAVA.toString()));
        if (train) {
            cmd.add("-XX:AOTCacheOutput=" + dir.resolve(name + ".aot"));
        } else {
            cmd.add("-XX:AOTCache=" + dir.resolve(name + ".aot"));
            cmd.add("-Xlog:class+load=info");
        }
        cmd.addAll(List.of(jvm));
        cmd.addAll(List.of("-cp", cp, "com.example.Main"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        Run r = new Run();
        r.out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        r.status = p.waitFor();
        return r;
    }
}
