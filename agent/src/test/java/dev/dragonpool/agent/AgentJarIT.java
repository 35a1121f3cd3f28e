package dev.dragonpool.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dragonpool.Pooling;
import dev.dragonpool.e2e.E2eApp;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;

/**
 * End-to-end: the packaged {@code dragonpool-agent.jar} in forked JVMs with {@code -Xverify:all}
 * on the JDK running the build. Needs the jar, hence run by failsafe after {@code package}.
 */
class AgentJarIT {
    static final Path JAR = Paths.get(System.getProperty("dragonpool.agent.jar", "target/dragonpool-agent.jar"));
    /** The {@code -javaagent} flag for the packaged jar; append {@code "=options"} for options. */
    static final String AGENT = "-javaagent:" + JAR;

    static final class Run {
        int status;
        String out;
    }

    static String where(Class<?> c) throws Exception {
        return Paths.get(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    static Run java(List<String> jvm, String cp, String main, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xverify:all");
        cmd.addAll(jvm);
        cmd.add("-cp");
        cmd.add(cp);
        cmd.add(main);
        Collections.addAll(cmd, args);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        Run r = new Run();
        r.out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        r.status = p.waitFor();
        return r;
    }

    static String appClassPath() throws Exception {
        return where(E2eApp.class) + File.pathSeparator + where(Pooling.class);
    }

    /** Runs {@link E2eApp} in {@code mode} on {@link #appClassPath()}, with {@code jvm} flags before it. */
    static Run e2e(String mode, String... jvm) throws Exception {
        return java(List.of(jvm), appClassPath(), E2eApp.class.getName(), mode);
    }

    /** {@link #e2e}, asserting the JVM exited 0 (its output is the failure message). */
    static Run e2eExitsZero(String mode, String... jvm) throws Exception {
        Run r = e2e(mode, jvm);
        assertEquals(0, r.status, r.out);
        return r;
    }

    @Test
    void jar_exists_with_agent_manifest() throws Exception {
        assertTrue(Files.isRegularFile(JAR), "missing " + JAR);
        try (JarFile j = new JarFile(JAR.toFile())) {
            Attributes a = j.getManifest().getMainAttributes();
            assertEquals("dev.dragonpool.agent.DragonpoolAgent", a.getValue("Premain-Class"));
            assertEquals("dev.dragonpool.agent.DragonpoolAgent", a.getValue("Agent-Class"));
            assertEquals("dev.dragonpool.agent.DragonpoolAgent", a.getValue("Launcher-Agent-Class"));
            assertEquals("true", a.getValue("Can-Retransform-Classes"));
            assertTrue(j.getJarEntry(BootJar.ENTRY) != null, "nested runtime jar");
        }
    }

    @Test
    void jar_holds_nothing_outside_dev_dragonpool_and_meta_inf() throws Exception {
        List<String> stray = new ArrayList<>();
        try (JarFile j = new JarFile(JAR.toFile())) {
            j.stream().map(e -> e.getName())
                    .filter(n -> !n.startsWith("dev/dragonpool/") && !n.startsWith("META-INF/") && !n.equals("dev/"))
                    .forEach(stray::add);
            assertTrue(j.getJarEntry("dev/dragonpool/agent/shaded/asm/ClassReader.class") != null, "ASM relocated");
            assertTrue(j.stream().noneMatch(e -> e.getName().startsWith("dev/dragonpool/runtime/")),
                    "the runtime is only nested, never at the top level");
        }
        assertEquals(List.of(), stray);
    }

    @Test
    void pooled_new_reuses_released_instances_and_allocates_nothing_per_cycle() throws Exception {
        Run r = e2eExitsZero("agent", AGENT);
        assertTrue(r.out.contains("E2E OK agent"), r.out);
        assertTrue(r.out.contains("ok   identity after release: true"), r.out);
        assertTrue(r.out.contains("ok   no allocation per cycle"), r.out);
    }

    @Test
    void guard_full_throws_on_use_after_release_naming_the_release_site() throws Exception {
        Run r = e2eExitsZero("guard", AGENT + "=guard=full");
        assertTrue(r.out.contains("ok   guard=full: UseAfterReleaseException"), r.out);
    }

    @Test
    void jmx_is_on_by_default_and_publishes_the_caches_under_the_dev_dragonpool_domain() throws Exception {
        Run r = e2eExitsZero("jmx", AGENT);
        assertTrue(r.out.contains("ok   jmx publishes dev.dragonpool:type=ObjCache,name=dev.dragonpool.e2e.Order"), r.out);
    }

    @Test
    void jmx_off_registers_nothing() throws Exception {
        Run r = e2eExitsZero("nojmx", AGENT + "=jmx=off");
        assertTrue(r.out.contains("ok   jmx=off registers no dev.dragonpool bean"), r.out);
    }

    @Test
    void report_exit_prints_the_stat_table_when_the_jvm_exits() throws Exception {
        Run r = e2eExitsZero("agent", AGENT + "=report=exit");
        String table = r.out.substring(r.out.indexOf("E2E OK") + 1);
        assertTrue(table.contains("KIND") && table.contains("REQUESTS") && table.contains("HIT%"), r.out);
        assertTrue(table.lines().anyMatch(l -> l.startsWith("objcache") && l.contains("dev.dragonpool.e2e.Order")), r.out);
        Run bad = e2eExitsZero("agent", AGENT + "=report=sometimes");
        assertTrue(bad.out.contains("option report=sometimes: expected one of off|exit"), bad.out);
    }

    @Test
    void without_the_agent_and_with_enabled_false_nothing_changes() throws Exception {
        e2eExitsZero("plain");
        Run off = e2eExitsZero("plain", AGENT + "=enabled=false");
        assertFalse(off.out.contains("dragonpool"), off.out);
        e2eExitsZero("plain", "-Ddragonpool.enabled=false", AGENT);
    }

    @Test
    void application_with_its_own_asm_runs_unaffected() throws Exception {
        String cp = appClassPath() + File.pathSeparator + where(ClassReader.class);
        Run r = java(List.of(AGENT), cp, E2eApp.class.getName(), "asm");
        assertEquals(0, r.status, r.out);
        assertTrue(r.out.contains("ok   application's own ASM works"), r.out);
    }

    @Test
    void malformed_and_unknown_options_are_reported_in_one_line_each_and_ignored() throws Exception {
        Run r = e2eExitsZero("agent", AGENT + "=bogus=1,arena=12x,log=info,nokey");
        String out = "\n" + r.out;
        assertTrue(out.contains("\ndragonpool: ignoring unknown option 'bogus' (known: enabled, pool, "), r.out);
        assertTrue(out.contains("\ndragonpool: ignoring option arena=12x: expected a size such as 4096, 64k, 256m or 1g\n"), r.out);
        assertTrue(out.contains("\ndragonpool: ignoring option 'nokey', which is not key=value (write options as key=value,"
                + " separated by commas)\n"), r.out);
        assertTrue(r.out.contains("E2E OK agent"), r.out);
        // strict=true: AgentDiagnosticsIT#strict_true_with_a_bad_option_prints_one_line_and_exits_with_status_2
    }

    @Test
    void dynamic_attach_pools_classes_loaded_later_and_reports_the_ones_already_loaded() throws Exception {
        List<String> cmd = List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xverify:all", "-cp", appClassPath(), "dev.dragonpool.e2e.AttachApp");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String ready = in.readLine();
            assertTrue(ready != null && ready.startsWith("READY "), String.valueOf(ready));
            String pid = ready.substring("READY ".length()).trim();
            // Attach from a helper JVM: a JVM may not attach to itself by default.
            Run attach = java(List.of("--add-modules", "jdk.attach"), where(AttachHelper.class), AttachHelper.class.getName(),
                    pid, JAR.toString());
            assertEquals(0, attach.status, attach.out);
            p.getOutputStream().write('\n');
            p.getOutputStream().flush();
            StringBuilder out = new StringBuilder();
            for (String l; (l = in.readLine()) != null;) {
                out.append(l).append('\n');
            }
            assertEquals(0, p.waitFor(), out.toString());
            String o = out.toString();
            assertTrue(o.contains("pooled-after-attach true identity true"), o);
            assertTrue(o.contains("early-pooled false"), o);
            assertTrue(o.contains("attached late: 1 class(es) asked to be pooled were already loaded and stay plain: [dev.dragonpool.e2e.Early]"), o);
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void refused_record_is_logged_once_with_its_reason() throws Exception {
        Run r = e2eExitsZero("agent", AGENT);
        assertEquals(1, r.out.lines().filter(l -> l.contains("not pooling dev.dragonpool.e2e.Tag: record")).count(), r.out);
    }
}
