package dev.dragonpool.agent.stat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The stat command end to end with the packaged agent: a second JVM runs {@link StatTarget} under
 * {@code -javaagent:dragonpool-agent.jar}, and {@code java -jar dragonpool-agent.jar stat} reads it.
 * Needs the jar, hence run by failsafe after {@code package}.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class StatAgentIT {
    static final Path JAR = Paths.get(System.getProperty("dragonpool.agent.jar", "target/dragonpool-agent.jar"));

    private static Process target;
    private static long pid;

    private static Path java() {
        return Paths.get(System.getProperty("java.home"), "bin", "java");
    }

    @BeforeAll
    static void start_target_under_the_agent() throws IOException {
        assertTrue(Files.isRegularFile(JAR), "missing " + JAR);
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        target = new ProcessBuilder(java().toString(), "-Xmx64m", "-javaagent:" + JAR, "-cp", cp,
                StatTarget.class.getName()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader r = new BufferedReader(new InputStreamReader(target.getInputStream(), StandardCharsets.UTF_8));
        String line = r.readLine();
        assertNotNull(line, "target JVM died before READY");
        assertTrue(line.startsWith("READY "), line);
        pid = Long.parseLong(line.substring(6).trim());
    }

    @AfterAll
    static void stop_target() throws Exception {
        if (target != null) {
            target.getOutputStream().close();
            if (!target.waitFor(5, TimeUnit.SECONDS)) {
                target.destroyForcibly();
            }
        }
    }

    /** Runs {@code java -jar dragonpool-agent.jar stat args...}; returns status, stdout, stderr lines from stat. */
    private static String[] jarStat(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(java().toString(), "-jar", JAR.toString(), "stat"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).start();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        String errText = new String(err, StandardCharsets.UTF_8);
        // The JVM itself may warn (class data sharing); keep only what stat says.
        String statErr = errText.lines().filter(l -> l.startsWith("stat:")).collect(Collectors.joining("\n"));
        return new String[] {Integer.toString(p.exitValue()), new String(out, StandardCharsets.UTF_8), statErr};
    }

    @Test
    void the_jar_command_prints_the_pools_and_the_agent_counters() throws Exception {
        String[] r = jarStat(Long.toString(pid));
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].lines().anyMatch(l -> l.matches("zone\\s+stat-zone\\s+\\S+\\s+8\\s+3\\s+5\\s+3\\s+3\\s.*")),
                r[1]);
        assertTrue(r[1].lines().anyMatch(l -> l.startsWith("agent ") && l.contains(" classes enhanced, ")), r[1]);
    }

    @Test
    void the_list_names_the_agent_version() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = StatCommand.run(new String[0], new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        assertEquals(0, status);
        String text = out.toString(StandardCharsets.UTF_8);
        String line = text.lines().filter(l -> l.startsWith(pid + " ")).findFirst().orElseThrow(() -> new AssertionError(text));
        String[] cells = line.trim().split("\\s+");
        assertTrue(!cells[1].equals("-") && cells[2].equals("on"), line);
    }

    @Test
    void the_jar_command_does_not_pool_itself_nor_list_itself() throws Exception {
        Process p = new ProcessBuilder(java().toString(), "-jar", JAR.toString(), "stat").start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), err);
        assertTrue(out.lines().anyMatch(l -> l.startsWith(pid + " ")), out);
        assertTrue(out.lines().noneMatch(l -> l.startsWith(p.pid() + " ")), "stat lists itself:\n" + out);
        assertTrue(!err.contains("Sharing is only supported"), "stat put the runtime on its own boot path:\n" + err);
    }

    @Test
    void the_jar_command_reports_a_missing_pid_in_one_line() throws Exception {
        String[] r = jarStat("2000000000");
        assertEquals("1", r[0]);
        assertEquals("stat: no process with pid 2000000000", r[2]);
    }
}
