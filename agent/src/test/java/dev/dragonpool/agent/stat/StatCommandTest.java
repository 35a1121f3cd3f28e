package dev.dragonpool.agent.stat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The stat command against real second JVMs: one publishing its pools over JMX, one not. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StatCommandTest {

    private static Process withJmx;
    private static Process withoutJmx;
    private static long pid;
    private static long plainPid;

    /** Output and status of one run. */
    private static final class Result {
        final int status;
        final String out;
        final String err;

        Result(int status, String out, String err) {
            this.status = status;
            this.out = out;
            this.err = err;
        }
    }

    private static Result stat(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = StatCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Process launch(String... args) throws IOException {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
        List<String> cmd = new ArrayList<>(List.of(java.toString(), "-Xmx64m", "-XX:TieredStopAtLevel=1",
                "-cp", cp, StatTarget.class.getName()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    private static long awaitReady(Process p) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = r.readLine();
        assertNotNull(line, "target JVM died before READY");
        assertTrue(line.startsWith("READY "), line);
        return Long.parseLong(line.substring(6).trim());
    }

    @BeforeAll
    static void start_targets() throws IOException {
        withJmx = launch();
        withoutJmx = launch("nojmx");
        pid = awaitReady(withJmx);
        plainPid = awaitReady(withoutJmx);
    }

    @AfterAll
    static void stop_targets() throws Exception {
        for (Process p : new Process[] {withJmx, withoutJmx}) {
            if (p != null) {
                p.getOutputStream().close();
                if (!p.waitFor(5, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
        }
    }

    /** The cells of the row whose NAME column is {@code name}, keyed by the header above it. */
    private static Map<String, String> row(String table, String name) {
        String[] header = null;
        for (String line : table.split("\n")) {
            String[] cells = line.trim().split("\\s+");
            if (cells.length > 1 && cells[0].equals("KIND")) {
                header = cells;
            } else if (header != null && cells.length == header.length && cells[1].equals(name)) {
                Map<String, String> m = new HashMap<>();
                for (int i = 0; i < header.length; i++) {
                    m.put(header[i], cells[i]);
                }
                return m;
            }
        }
        throw new AssertionError("no row for " + name + " in\n" + table);
    }

    @Test
    void table_of_a_live_jvm_shows_each_pool_with_its_counters() {
        Result r = stat(Long.toString(pid));
        assertEquals(0, r.status, r.err);
        assertEquals("", r.err);
        Map<String, String> zone = row(r.out, "stat-zone");
        assertEquals("zone", zone.get("KIND"));
        assertEquals("8", zone.get("LIMIT"));
        assertEquals("3", zone.get("INUSE"));
        assertEquals("5", zone.get("CACHED"));
        assertEquals("3", zone.get("HIGH"));
        assertEquals("3", zone.get("REQUESTS"));
        assertEquals("100.0%", zone.get("HIT%"));
        Map<String, String> pipe = row(r.out, "stat-pipe");
        assertEquals("mpipe", pipe.get("KIND"));
        assertEquals("16", pipe.get("LIMIT"));
        assertEquals("4", pipe.get("INUSE"));
        assertEquals("2", pipe.get("CACHED"));
        assertTrue(Long.parseLong(pipe.get("REQUESTS")) >= 6, r.out);
        Map<String, String> cache = row(r.out, "com.acme.Order");
        assertEquals("objcache", cache.get("KIND"));
        assertEquals("3", cache.get("INUSE"));
        assertEquals("10", cache.get("REQUESTS"));
        assertTrue(r.out.contains("ARENA") && r.out.contains("PAGES") && r.out.contains("DIRECT"), r.out);
        assertTrue(r.out.lines().anyMatch(l -> l.matches("stat-buffers\\s+2\\s+\\S+\\s+\\S+\\s+1\\.0M\\s+2\\s+0")),
                "vmstat -m line of the malloc type:\n" + r.out);
        assertTrue(r.out.lines().anyMatch(l -> l.startsWith("stat-arena") && l.contains("1.0M")),
                "arena line with a 1 MiB budget:\n" + r.out);
    }

    @Test
    void columns_are_aligned_right_under_their_headers() {
        Result r = stat(Long.toString(pid));
        List<String> lines = r.out.lines().collect(java.util.stream.Collectors.toList());
        int h = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("KIND")) {
                h = i;
            }
        }
        assertTrue(h >= 0, r.out);
        int end = lines.get(h).indexOf("INUSE") + "INUSE".length();
        for (int i = h + 1; i < lines.size() && !lines.get(i).isEmpty(); i++) {
            String l = lines.get(i);
            assertTrue(Character.isDigit(l.charAt(end - 1)) && l.charAt(end) == ' ',
                    "INUSE ends at column " + end + " in\n" + r.out);
        }
    }

    @Test
    void json_prints_one_machine_readable_object() {
        Result r = stat(Long.toString(pid), "--json");
        assertEquals(0, r.status, r.err);
        String json = r.out.trim();
        assertTrue(json.startsWith("{\"pid\":" + pid + ",\"time\":"), json);
        assertTrue(json.endsWith("}"), json);
        assertEquals(1, r.out.lines().count());
        assertTrue(json.contains("\"type\":\"Zone\",\"name\":\"stat-zone\""), json);
        assertTrue(json.matches(".*\"name\":\"stat-zone\"[^}]*\"inUse\":3[,}].*"), json);
        assertTrue(json.matches(".*\"name\":\"stat-arena\"[^}]*\"budget\":1048576[,}].*"), json);
    }

    @Test
    void watch_prints_rates_over_each_interval() {
        Result r = stat(Long.toString(pid), "-w", "0.5", "-c", "2");
        assertEquals(0, r.status, r.err);
        assertTrue(r.out.contains(" totals\n"), r.out);
        assertTrue(r.out.contains(" rates over "), r.out);
        String second = r.out.substring(r.out.indexOf(" rates over "));
        Map<String, String> pipe = row(second.replace("REQ/s", "REQUESTS"), "stat-pipe");
        double perSecond = Double.parseDouble(pipe.get("REQUESTS"));
        assertTrue(perSecond > 1 && perSecond < 1000, "the target takes one object every ~5 ms: " + perSecond);
    }

    @Test
    void list_shows_jvms_that_publish_pools_and_not_the_others() {
        Result r = stat();
        assertEquals(0, r.status, r.err);
        assertTrue(r.out.lines().anyMatch(l -> l.startsWith(pid + " ") && l.contains(" on ")), r.out);
        assertFalse(r.out.lines().anyMatch(l -> l.startsWith(plainPid + " ")), r.out);
    }

    @Test
    void a_jvm_without_dragonpool_gets_one_line_and_status_3() {
        Result r = stat(Long.toString(plainPid));
        assertEquals(3, r.status);
        assertEquals("stat: JVM " + plainPid + " does not run the Dragonpool agent (no dev.dragonpool MXBeans)\n",
                r.err);
        assertEquals("", r.out);
    }

    @Test
    void a_missing_pid_gets_one_line_and_status_1() {
        long missing = 2_000_000_000L;
        Result r = stat(Long.toString(missing));
        assertEquals(1, r.status);
        assertEquals("stat: no process with pid " + missing + "\n", r.err);
    }

    @Test
    void a_process_that_is_not_a_jvm_gets_one_line_and_status_1() throws Exception {
        Process sleeper = new ProcessBuilder("sleep", "30").start();
        try {
            Result r = stat(Long.toString(sleeper.pid()));
            assertEquals(1, r.status);
            assertTrue(r.err.startsWith("stat: process " + sleeper.pid() + " is not a Java VM this user can attach to"),
                    r.err);
            assertEquals(1, r.err.lines().count(), r.err);
            assertTrue(sleeper.isAlive(), "stat must not signal a process that is not a JVM");
        } finally {
            sleeper.destroyForcibly();
        }
    }

    @Test
    void a_jvm_that_refuses_attach_gets_one_line_naming_the_flag_and_status_1() throws Exception {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
        Process closed = new ProcessBuilder(java.toString(), "-Xmx64m", "-XX:TieredStopAtLevel=1", "-XX:+DisableAttachMechanism",
                "-cp", cp, StatTarget.class.getName(), "nojmx").redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            long closedPid = awaitReady(closed);
            Result r = stat(Long.toString(closedPid));
            assertEquals(1, r.status);
            assertTrue(r.err.startsWith("stat: process " + closedPid + " is not a Java VM this user can attach to (not listed by"
                    + " the Attach API; JVMs started with -XX:-UsePerfData or -XX:+DisableAttachMechanism are not listed)"), r.err);
            assertEquals(1, r.err.lines().count(), r.err);
            assertTrue(closed.isAlive(), "the target keeps running");
        } finally {
            closed.getOutputStream().close();
            if (!closed.waitFor(5, TimeUnit.SECONDS)) {
                closed.destroyForcibly();
            }
        }
    }

    @Test
    void bad_arguments_are_named_with_status_2() {
        Result r = stat("-w", "soon", "1");
        assertEquals(2, r.status);
        assertTrue(r.err.startsWith("stat: -w needs a number of seconds in (0, 86400], got 'soon'\n"), r.err);
        Result p = stat("12ab");
        assertEquals(2, p.status);
        assertTrue(p.err.startsWith("stat: not a pid: '12ab'\n"), p.err);
        Result o = stat("--color");
        assertEquals(2, o.status);
        assertTrue(o.err.startsWith("stat: unknown option '--color'\n"), o.err);
        Result c = stat("1", "-c", "0");
        assertEquals(2, c.status);
        assertTrue(c.err.startsWith("stat: -c needs a positive count, got '0'\n"), c.err);
        Result two = stat("1", "2");
        assertEquals(2, two.status);
        assertTrue(two.err.startsWith("stat: one pid at most"), two.err);
    }

    @Test
    void help_prints_usage() {
        Result r = stat("--help");
        assertEquals(0, r.status);
        assertTrue(r.out.startsWith("usage: stat [PID]"), r.out);
    }
}
