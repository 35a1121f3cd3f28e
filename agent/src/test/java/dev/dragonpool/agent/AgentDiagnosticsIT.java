package dev.dragonpool.agent;

import static dev.dragonpool.agent.AgentJarIT.AGENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dragonpool.agent.AgentJarIT.Run;
import dev.dragonpool.e2e.DiagApp;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * What the packaged agent tells its user, in forked JVMs ({@code -Xverify:all}): one line per
 * message on standard error ({@code dragonpool: ...}) that names the problem and the fix;
 * {@code log=} thresholds; {@code strict=true} failing in one line with a clear status;
 * {@code pool=} globs that name classes that cannot be pooled or that do not exist; leaks found
 * while the application runs and at exit, counted in JMX, {@code summary=true} and
 * {@code report=exit}. The short runs use {@link DiagApp}.
 */
class AgentDiagnosticsIT {
    static Run diag(String options, String... args) throws Exception {
        return AgentJarIT.java(List.of(AGENT + (options.isEmpty() ? "" : "=" + options)), AgentJarIT.appClassPath(),
                DiagApp.class.getName(), args);
    }

    static Run diagExitsZero(String options, String... args) throws Exception {
        Run r = diag(options, args);
        assertEquals(0, r.status, r.out);
        assertTrue(r.out.contains("DIAG OK named tag pooled true"), r.out);
        return r;
    }

    /** The agent's lines, in order. */
    static List<String> agentLines(Run r) {
        return r.out.lines().filter(l -> l.startsWith("dragonpool: ")).collect(Collectors.toList());
    }

    @Test
    void a_refusal_is_one_warning_line_that_says_what_to_do_shown_by_default() throws Exception {
        Run r = diagExitsZero("");
        assertEquals(List.of("dragonpool: not pooling dev.dragonpool.e2e.Tag: record (records cannot be pooled: their fields"
                + " are final by definition; pool a class instead)"), agentLines(r), r.out);
        // java.util.logging's default format would add a header line ("<date> dev.dragonpool.agent.AgentLog log")
        // and a level prefix ("INFO: ").
        assertFalse(r.out.contains("AgentLog") || r.out.contains("INFO:") || r.out.contains("WARNING:"), r.out);
        Run warn = diagExitsZero("log=warn");
        assertEquals(agentLines(r), agentLines(warn), "refusals are warnings: log=warn keeps them");
    }

    @Test
    void log_debug_shows_debug_lines_and_log_off_shows_nothing() throws Exception {
        Run debug = diagExitsZero("log=debug");
        assertTrue(agentLines(debug).contains("dragonpool: pooled dev.dragonpool.e2e.Order"), debug.out);
        Run off = diagExitsZero("log=off");
        assertEquals(List.of(), agentLines(off), off.out);
    }

    @Test
    void strict_true_with_a_bad_option_prints_one_line_and_exits_with_status_2() throws Exception {
        Run r = diag("bogus=1,arena=12x,strict=true");
        assertEquals(2, r.status, r.out);
        assertEquals("dragonpool: bad agent options (strict=true): unknown option 'bogus' (known: enabled, pool, exclude,"
                + " arena, capacity, guard, leaks, jmx, log, strict, summary, report); option arena=12x: expected a size"
                + " such as 4096, 64k, 256m or 1g; fix them or drop strict=true", r.out.strip());
    }

    @Test
    void pool_globs_that_name_unpoolable_excluded_or_absent_classes_are_reported() throws Exception {
        Run r = diag("pool=dev.dragonpool.e2e.Named;dev.dragonpool.e2e.Ordr;com.nowhere.**;dev.dragonpool.e2e.Ord*,"
                + "exclude=dev.dragonpool.e2e.Order");
        assertEquals(0, r.status, r.out);
        assertTrue(r.out.contains("DIAG OK named tag pooled false"), r.out);
        List<String> lines = agentLines(r);
        assertTrue(lines.contains("dragonpool: not pooling dev.dragonpool.e2e.Order: excluded by the exclude= option (remove it"
                + " from exclude= to pool it)"), r.out);
        assertTrue(lines.contains("dragonpool: not pooling dev.dragonpool.e2e.Named: interface (it has no instances of its own;"
                + " pool the concrete classes that implement it)"), r.out);
        String check = ", so it pooled nothing; check the name (binary names with dots and $ for nested classes, e.g."
                + " com.acme.Order or com.acme.Outer$Line; * matches within a package, ** across packages)";
        assertTrue(lines.contains("dragonpool: pool=dev.dragonpool.e2e.Ordr: no class of that name was loaded by this JVM" + check),
                r.out);
        assertTrue(lines.contains("dragonpool: pool=com.nowhere.** matched no class this JVM loaded" + check), r.out);
        assertEquals(2, lines.stream().filter(l -> l.startsWith("dragonpool: pool=")).count(),
                "a glob that matched (Ord*, Named, even if excluded) is not reported: " + r.out);
    }

    @Test
    void a_leak_nobody_polled_is_reported_at_exit_with_its_site_and_a_summary() throws Exception {
        Run r = diagExitsZero("leaks=paranoid", "leak");
        List<String> lines = agentLines(r);
        String leak = "dragonpool: LEAK: an instance of dev.dragonpool.e2e.Order acquired at dev.dragonpool.e2e.DiagApp.main(DiagApp.java:";
        assertEquals(1, lines.stream().filter(l -> l.startsWith(leak)).count(), "one line per site: " + r.out);
        String summary = lines.stream().filter(l -> l.startsWith("dragonpool: leaks: ")).findFirst().orElse("none");
        assertTrue(summary.matches("dragonpool: leaks: \\d+ pooled instances? (was|were) garbage-collected without a release"
                + " \\(dev\\.dragonpool\\.e2e\\.Order \\d+\\); top acquisition sites: dev\\.dragonpool\\.e2e\\.DiagApp\\.main"
                + "\\(DiagApp\\.java:\\d+\\) \\d+ \\(dev\\.dragonpool\\.e2e\\.Order\\); release every instance .*"), r.out);
    }

    @Test
    void a_leak_is_reported_while_the_application_runs_and_counted_in_jmx_summary_and_report() throws Exception {
        Run r = AgentJarIT.e2eExitsZero("leaks", AGENT + "=leaks=paranoid,summary=true,report=exit");
        assertTrue(r.out.contains("ok   leaks=paranoid found"), r.out);
        assertTrue(r.out.contains("ok   jmx: Agent.Leaks "), r.out);
        assertTrue(r.out.contains("dragonpool: LEAK: an instance of dev.dragonpool.e2e.Order acquired at"
                + " dev.dragonpool.e2e.E2eApp.main(E2eApp.java:"), r.out);
        assertTrue(r.out.lines().anyMatch(l -> l.matches("dragonpool: summary: .*; leaks [1-9]\\d* \\(leaks=paranoid\\); .*")),
                r.out);
        assertTrue(r.out.lines().anyMatch(l -> l.matches("agent .*: .* skipped, [1-9]\\d* leaked \\(leaks=paranoid\\)")), r.out);
    }

    @Test
    void an_exhausted_pool_names_the_unreleased_instances_and_what_to_do() throws Exception {
        Run r = diagExitsZero("", "exhaust");
        assertTrue(r.out.contains("\nthird: dev.dragonpool.runtime.PoolExhaustedException: objcache 'dev.dragonpool.e2e.Limited'"
                + " exhausted: cluster limit 2 reached (policy FAIL): 2 instances were handed out and never released, and"
                + " they count against the limit until released, even after the GC collected them; release every instance"
                + " (Pooling.release, a @Release method or ObjCache.put), raise the limit, or choose LimitPolicy.ALLOCATE;"
                + " with the agent, leaks=sample reports where they were acquired\n"), r.out);
        assertTrue(r.out.contains("\nafter a release: 4 (held 2)\n"), "a release makes room again: " + r.out);
    }

    @Test
    void strict_true_with_a_bad_option_on_attach_says_so_in_one_line_and_leaves_the_application_running_unpooled()
            throws Exception {
        List<String> cmd = List.of(java.nio.file.Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xverify:all", "-cp", AgentJarIT.appClassPath(), "dev.dragonpool.e2e.AttachApp");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(),
                    java.nio.charset.StandardCharsets.UTF_8));
            String ready = in.readLine();
            assertTrue(ready != null && ready.startsWith("READY "), String.valueOf(ready));
            Run attach = AgentJarIT.java(List.of("--add-modules", "jdk.attach"), AgentJarIT.where(AttachHelper.class),
                    AttachHelper.class.getName(), ready.substring("READY ".length()).trim(), AgentJarIT.JAR.toString(),
                    "bogus=1,strict=true");
            assertEquals(0, attach.status, attach.out);
            p.getOutputStream().write('\n');
            p.getOutputStream().flush();
            String out = in.lines().collect(Collectors.joining("\n", "", "\n"));
            assertEquals(0, p.waitFor(), out);
            assertEquals(List.of("dragonpool: bad agent options (strict=true): unknown option 'bogus' (known: enabled, pool,"
                    + " exclude, arena, capacity, guard, leaks, jmx, log, strict, summary, report); fix them or drop strict=true"
                    + " (attach: the agent is not installed, the application keeps running)"),
                    out.lines().filter(l -> l.startsWith("dragonpool: ")).collect(Collectors.toList()), out);
            assertTrue(out.contains("pooled-after-attach false identity false\n"), out);
            assertTrue(out.contains("ATTACH DONE"), out);
        } finally {
            p.destroyForcibly();
        }
    }
}
