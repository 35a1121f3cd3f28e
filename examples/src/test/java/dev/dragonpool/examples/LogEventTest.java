package dev.dragonpool.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

class LogEventTest {

    @Test
    void parses_the_five_fields_and_extra_key_values() {
        try (LogEvent e = new LogEvent("POST /api/orders 503 1234 87 user=u7 region=eu-west")) {
            assertEquals("POST", e.method());
            assertEquals("/api/orders", e.path());
            assertEquals(503, e.status());
            assertEquals(1234, e.bytes());
            assertEquals(87, e.latencyMicros());
            assertEquals("u7", e.field("user"));
            assertEquals("eu-west", e.field("region"));
            assertNull(e.field("missing"));
        }
    }

    @Test
    void same_line_gives_same_fingerprint() {
        long a = new LogEvent("GET / 200 1 2").fingerprint();
        long b = new LogEvent("GET / 200 1 2").fingerprint();
        long c = new LogEvent("GET / 200 1 3").fingerprint();
        assertEquals(a, b);
        assertTrue(a != c);
    }

    @Test
    void short_line_throws_with_the_line_in_the_message() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new LogEvent("GET /x 200"));
        assertEquals("log line has 3 parts, needs 5: 'GET /x 200'", e.getMessage());
    }

    @Test
    @DisabledIfSystemProperty(named = "dragonpool.examples.woven", matches = ".+", disabledReason = "woven: pooling is on (WovenDemoTest)")
    void pipeline_runs_without_the_agent_and_says_pooling_is_off() {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true));
        try {
            LogPipeline.main(new String[] {"2000", "1"});
        } finally {
            System.setOut(old);
        }
        String out = buf.toString();
        assertTrue(out.contains("parsed 2,000 log lines per round"), out);
        assertTrue(out.contains("pooling: off"), out);
    }
}
