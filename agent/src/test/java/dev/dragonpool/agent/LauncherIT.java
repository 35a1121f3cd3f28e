package dev.dragonpool.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code java -jar dragonpool-agent.jar} with no command, {@code --help} and an unknown command, on the packaged jar. */
class LauncherIT {

    static final class Result {
        int status;
        String out;
        String err;
    }

    static Result jar(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", AgentJarIT.JAR.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).start();
        Result r = new Result();
        p.getOutputStream().close();
        byte[] err = p.getErrorStream().readAllBytes();
        r.out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        r.err = new String(err, StandardCharsets.UTF_8);
        r.status = p.waitFor();
        return r;
    }

    @Test
    void help_exits_zero_and_lists_the_commands_and_every_agent_option() throws Exception {
        for (String flag : List.of("--help", "-h", "help")) {
            Result r = jar(flag);
            assertEquals(0, r.status, flag + ": " + r.out + r.err);
            assertEquals("", r.err, flag);
            assertTrue(r.out.startsWith("usage: java -jar dragonpool-agent.jar COMMAND [ARGS]"), r.out);
            assertTrue(r.out.contains("\n  stat [PID] [-w SECONDS] [-c COUNT] [--json]\n"), r.out);
            for (String key : AgentConfig.KEYS) {
                assertTrue(r.out.contains("\n  " + key + "="), flag + ": agent option " + key + " missing from\n" + r.out);
            }
        }
    }

    @Test
    void no_command_prints_the_help_on_stderr_and_exits_2() throws Exception {
        Result r = jar();
        assertEquals(2, r.status, r.out + r.err);
        assertEquals("", r.out);
        assertTrue(r.err.startsWith("usage: java -jar dragonpool-agent.jar COMMAND"), r.err);
    }

    @Test
    void an_unknown_command_is_named_and_exits_2() throws Exception {
        Result r = jar("stats");
        assertEquals(2, r.status, r.out + r.err);
        assertTrue(r.err.startsWith("dragonpool-agent.jar: unknown command 'stats'; the commands are stat, weave and help"), r.err);
    }

    @Test
    void stat_help_still_reaches_the_stat_command() throws Exception {
        Result r = jar("stat", "--help");
        assertEquals(0, r.status, r.out + r.err);
        assertTrue(r.out.startsWith("usage: stat [PID]"), r.out);
    }
}
