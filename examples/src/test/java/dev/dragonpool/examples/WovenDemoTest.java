package dev.dragonpool.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dragonpool.Pooling;
import dev.dragonpool.runtime.Pools;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * With the {@code weave} profile ({@code mvn -Pweave}), the classes are woven at build time by
 * dragonpool-maven-plugin: the demo pools {@link LogEvent} and {@link PathStats} in a plain JVM,
 * without {@code -javaagent}, with the runtime an ordinary class-path entry. Skipped without the
 * profile (the classes are then plain).
 */
@EnabledIfSystemProperty(named = "dragonpool.examples.woven", matches = ".+")
class WovenDemoTest {
    private static final Pattern POOL = Pattern.compile(
            "pool dev\\.dragonpool\\.examples\\.(\\w+) +acquired +([\\d,]+) +reused +([\\d,]+) +created +([\\d,]+)");

    static Path where(Class<?> c) throws Exception {
        return Paths.get(c.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    static long num(String s) {
        return Long.parseLong(s.replace(",", ""));
    }

    @Test
    void the_demo_pools_without_the_agent() throws Exception {
        String cp = System.getProperty("dragonpool.examples.woven") + File.pathSeparator + where(Pooling.class)
                + File.pathSeparator + where(Pools.class);
        List<String> cmd = List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(), "-Xverify:all",
                "-cp", cp, LogPipeline.class.getName(), "20000", "2");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        assertTrue(!out.contains("-javaagent"), "no agent on the command line: " + cmd);
        Matcher m = POOL.matcher(out);
        int pools = 0;
        while (m.find()) {
            pools++;
            long acquired = num(m.group(2));
            long reused = num(m.group(3));
            assertTrue(acquired > 0 && reused > acquired / 2, m.group());
            if (m.group(1).equals("LogEvent")) {
                assertEquals(40_000, acquired, m.group());
            }
        }
        assertEquals(2, pools, out);
    }

    @Test
    void woven_tests_allocate_from_the_pool_too() {
        assertTrue(Pooling.isPooled(LogEvent.class), "this test class is woven: isPooled goes to the runtime");
        LogEvent first;
        try (LogEvent e = new LogEvent("GET / 200 1 2")) {
            first = e;
        }
        try (LogEvent e = new LogEvent("GET /x 200 1 2")) {
            assertTrue(e == first, "the released instance came back");
            assertEquals("/x", e.path());
        }
    }
}
