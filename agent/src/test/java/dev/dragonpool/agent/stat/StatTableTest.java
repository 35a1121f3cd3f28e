package dev.dragonpool.agent.stat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dragonpool.runtime.Zone;
import dev.dragonpool.runtime.jmx.DragonpoolJmx;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatTableTest {

    @Test
    void sizes_are_human_readable() {
        assertEquals("0", StatTable.size(0));
        assertEquals("1023", StatTable.size(1023));
        assertEquals("1.0K", StatTable.size(1024));
        assertEquals("4.0K", StatTable.size(4096));
        assertEquals("1.5M", StatTable.size(3L << 19));
        assertEquals("12M", StatTable.size(12L << 20));
        assertEquals("256M", StatTable.size(256L << 20));
        assertEquals("2.0G", StatTable.size(2L << 30));
        assertEquals("-", StatTable.size(-1));
    }

    @Test
    void rates_keep_small_values_precise_and_large_ones_short() {
        assertEquals("0.0", StatTable.rate(0));
        assertEquals("2.5", StatTable.rate(2.5));
        assertEquals("1234", StatTable.rate(1234.4));
        assertEquals("1.5M", StatTable.rate(1_500_000));
        assertEquals("0.0", StatTable.rate(-3), "a counter reset is not a negative rate");
    }

    private static StatTable.Bean pool(String kind, String name, long requests, long hits, long inUse) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("Kind", kind.toLowerCase());
        a.put("Limit", -1L);
        a.put("InUse", inUse);
        a.put("Cached", 10L);
        a.put("HighWater", inUse + 10);
        a.put("Requests", requests);
        a.put("Hits", hits);
        a.put("Exhausted", 0L);
        a.put("Failures", 0L);
        a.put("MemoryHeld", 8192L);
        a.put("ObjectSize", 48L);
        return new StatTable.Bean(kind, name, a);
    }

    @Test
    void rates_are_the_counter_differences_over_the_interval() {
        StatTable.Snapshot before = new StatTable.Snapshot(0, 0,
                List.of(pool("ObjCache", "com.acme.Order", 1000, 900, 5)));
        StatTable.Snapshot after = new StatTable.Snapshot(2000, 2_000_000_000L,
                List.of(pool("ObjCache", "com.acme.Order", 3000, 2800, 7)));
        String text = StatTable.format(after, before);
        String[] lines = text.split("\n");
        assertEquals(List.of("KIND", "NAME", "SIZE", "LIMIT", "INUSE", "CACHED", "HIGH", "REQ/s", "HIT%", "EXH/s",
                "FAIL/s", "MEMORY"), List.of(lines[0].trim().split("\\s+")));
        assertEquals(List.of("objcache", "com.acme.Order", "48", "-", "7", "10", "17", "1000", "95.0%", "0.0", "0.0",
                "8.0K"), List.of(lines[1].trim().split("\\s+")));
        String totals = StatTable.format(after, null);
        assertTrue(totals.contains(" 3000 ") && totals.contains("93.3%"), totals);
    }

    @Test
    void print_local_reads_this_jvms_pools_with_or_without_published_beans() throws Exception {
        Zone<StringBuilder> z = Zone.create("stat-local-zone", 2, StringBuilder::new);
        try {
            z.alloc();
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            StatTable.printLocal(new PrintStream(buf, true, StandardCharsets.UTF_8));
            String unpublished = buf.toString(StandardCharsets.UTF_8);
            assertTrue(unpublished.lines().anyMatch(l -> l.startsWith("zone") && l.contains("stat-local-zone")),
                    unpublished);
            assertTrue(DragonpoolJmx.start());
            try {
                buf.reset();
                StatTable.printLocal(new PrintStream(buf, true, StandardCharsets.UTF_8));
                assertTrue(buf.toString(StandardCharsets.UTF_8).contains("stat-local-zone"));
                ByteArrayOutputStream self = new ByteArrayOutputStream();
                int status = StatCommand.run(new String[] {Long.toString(ProcessHandle.current().pid())},
                        new PrintStream(self, true, StandardCharsets.UTF_8), System.err);
                assertEquals(0, status);
                assertTrue(self.toString(StandardCharsets.UTF_8).contains("stat-local-zone"), "own pid reads the platform server");
            } finally {
                DragonpoolJmx.stop();
            }
            assertTrue(ManagementFactory.getPlatformMBeanServer()
                    .queryNames(new javax.management.ObjectName("dev.dragonpool:*"), null).isEmpty());
        } finally {
            z.destroy();
        }
    }

    @Test
    void json_escapes_strings_and_maps_open_types() {
        StringBuilder sb = new StringBuilder();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", "a\"b\\c\n");
        m.put("n", 3L);
        m.put("ratio", 0.5);
        m.put("nan", Double.NaN);
        m.put("list", new String[] {"x", "y"});
        m.put("none", null);
        m.put("flag", true);
        Json.object(sb, m);
        assertEquals("{\"name\":\"a\\\"b\\\\c\\n\",\"n\":3,\"ratio\":0.5,\"nan\":null,\"list\":[\"x\",\"y\"],"
                + "\"none\":null,\"flag\":true}", sb.toString());
    }
}
