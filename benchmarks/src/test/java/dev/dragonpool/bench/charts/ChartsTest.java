package dev.dragonpool.bench.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartsTest {
    @TempDir
    Path dir;

    private static final String RESULT = "{\"example\": \"orderbook\", \"title\": \"order book: 300,000 resting orders <&>\","
            + " \"command\": \"java -cp x dev.dragonpool.examples.Compare orderbook --gc parallel\","
            + " \"machine\": \"Test CPU, 2 CPUs, Linux amd64\", \"load\": \"load average 1.00 to 1.20\","
            + " \"jdk\": \"17.0.15 (Debian)\", \"gc\": \"Parallel\", \"heapMb\": 1024,"
            + " \"workload\": {\"book\": \"300000\", \"rate\": \"100000\"},"
            + " \"runs\": [" + run(false, 12.5, 3) + ", " + run(true, 1.5, 0) + "]}";

    private static String run(boolean agent, double p999, int pauses) {
        return "{\"agent\": " + agent + ", \"jvmArgs\": \"-Xmx1g\", \"metrics\": {\"latency.p50\": 0.9, \"latency.p99\": 3.1,"
                + " \"latency.p999\": " + p999 + ", \"latency.max\": 1234.5, \"gc.pause.count\": " + pauses
                + ", \"gc.young.count\": " + pauses + ", \"gc.old.count\": 0, \"gc.heap.count\": 0, \"gc.pause.maxMs\": 7,"
                + " \"gc.pause.totalMs\": " + (pauses * 5) + ", \"gc.concurrent.count\": 0, \"gc.concurrent.timeMs\": 0,"
                + " \"alloc.mbPerSec\": 30.5},"
                + " \"latencyCurve\": [[0, 0.5], [50, 0.9], [90, 1.5], [99, 3.1], [99.9, " + p999 + "], [99.99, 600], [100, 1234.5]],"
                + " \"gcEvents\": []}";
    }

    private static void assertWellFormedSvg(Path svg) throws Exception {
        byte[] bytes = Files.readAllBytes(svg);
        var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(bytes));
        assertEquals("svg", doc.getDocumentElement().getTagName());
        int h = Integer.parseInt(doc.getDocumentElement().getAttribute("height"));
        assertTrue(h > 200 && h < 3000, "height " + h);
    }

    @Test
    void parses_json_values_escapes_and_nesting() {
        Object v = JsonReader.parse("{\"a\": [1, -2.5e3, true, false, null, \"x\\\"\\u00e9\\n\"], \"b\": {}}");
        Map<?, ?> m = (Map<?, ?>) v;
        List<?> a = (List<?>) m.get("a");
        assertEquals(1.0, a.get(0));
        assertEquals(-2500.0, a.get(1));
        assertEquals(Boolean.TRUE, a.get(2));
        assertEquals(null, a.get(4));
        assertEquals("x\"\u00e9\n", a.get(5));
        assertEquals(Map.of(), m.get("b"));
    }

    @Test
    void malformed_json_names_the_offset_and_what_was_expected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JsonReader.parse("{\"a\" 1}"));
        assertTrue(e.getMessage().startsWith("malformed JSON at offset 5: expected ':'"), e.getMessage());
    }

    @Test
    void example_charts_state_provenance_and_are_well_formed() throws Exception {
        @SuppressWarnings("unchecked")
        Map<String, Object> r = (Map<String, Object>) JsonReader.parse(RESULT);
        List<Path> written = Charts.examples(dir, Map.of("orderbook-parallel", r));
        assertEquals(List.of(dir.resolve("orderbook-parallel-latency.svg"), dir.resolve("orderbook-gc.svg")), written);
        for (Path p : written) {
            assertWellFormedSvg(p);
            String s = Files.readString(p, StandardCharsets.UTF_8);
            assertTrue(s.contains("machine: Test CPU, 2 CPUs"), s);
            assertTrue(s.contains("JDK 17.0.15 (Debian), Parallel, heap 1024 MB"), s);
            assertTrue(s.contains("command: java -cp x dev.dragonpool.examples.Compare orderbook --gc parallel"), s);
        }
        String latency = Files.readString(written.get(0));
        assertTrue(latency.contains("&lt;&amp;&gt;"), "title escaped");
        assertTrue(latency.contains("without the agent:  p50 0.9 \u00b5s,  p99 3.1 \u00b5s,  p99.9 12.5 \u00b5s,  max 1.23 ms"), latency);
        assertTrue(latency.contains(">99.99%<") && latency.contains(">1 ms<"), "percentile and latency axes labelled");
        String gc = Files.readString(written.get(1));
        assertTrue(gc.contains("3 pauses (young 3, old 0), longest 7 ms"), gc);
        assertTrue(gc.contains(">15 ms<") && gc.contains(">0 ms<"), gc);
    }

    @Test
    void jmh_bars_group_by_size_and_mark_dragonpool() throws Exception {
        String jmh = "[" + jmhRow("kmalloc", "64", 25.8) + "," + jmhRow("direct", "64", 364) + "," + jmhRow("kmalloc", "1024", 27.7)
                + "," + jmhRow("direct", "1024", 1789) + "]";
        List<Path> written = Charts.jmh(dir, "buffers", JsonReader.parse(jmh), "2-core VM", "java -jar benchmarks.jar KmallocBench",
                List.of("kmalloc"));
        assertEquals(List.of(dir.resolve("jmh-buffers-allocFree.svg")), written);
        assertWellFormedSvg(written.get(0));
        String s = Files.readString(written.get(0));
        assertTrue(s.indexOf(">size 64 B<") < s.indexOf(">size 1024 B<"), "clusters in first-seen order");
        assertEquals(2, s.split("fill=\"" + Charts.WITH + "\"", -1).length - 1, "the two kmalloc bars are orange");
        assertTrue(s.contains("1,789 ns/op,  heap 136 B/op") && s.contains("log scale"), s);
        assertTrue(s.contains("JDK 25.0.3") && s.contains("command: java -jar benchmarks.jar KmallocBench"), s);
    }

    private static String jmhRow(String alloc, String size, double score) {
        return "{\"jmhVersion\": \"1.37\", \"benchmark\": \"dev.dragonpool.bench.buffers.KmallocBench.allocFree\", \"mode\": \"avgt\","
                + " \"threads\": 1, \"forks\": 1, \"jvmArgs\": [\"-Xmx1g\"], \"jdkVersion\": \"25.0.3\", \"vmName\": \"OpenJDK\","
                + " \"vmVersion\": \"25.0.3\", \"warmupIterations\": 2, \"warmupTime\": \"400 ms\", \"measurementIterations\": 3,"
                + " \"measurementTime\": \"400 ms\", \"params\": {\"alloc\": \"" + alloc + "\", \"size\": \"" + size + "\"},"
                + " \"primaryMetric\": {\"score\": " + score + ", \"scoreError\": \"NaN\", \"scoreUnit\": \"ns/op\"},"
                + " \"secondaryMetrics\": {\"gc.alloc.rate.norm\": {\"score\": 136.0}}}";
    }

    @Test
    void percent_and_latency_labels() {
        assertEquals("0%", Charts.percentLabel(0));
        assertEquals("90%", Charts.percentLabel(1));
        assertEquals("99%", Charts.percentLabel(2));
        assertEquals("99.99%", Charts.percentLabel(4));
        assertEquals("850 \u00b5s", Charts.micros(850));
        assertEquals("12.5 ms", Charts.micros(12_500));
        assertEquals("1.5 s", Charts.micros(1_500_000));
    }
}
