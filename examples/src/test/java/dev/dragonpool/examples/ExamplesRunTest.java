package dev.dragonpool.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dragonpool.Pooling;
import dev.dragonpool.examples.net.NetRun;
import dev.dragonpool.examples.orderbook.OrderBookRun;
import dev.dragonpool.runtime.Pools;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs both examples with tiny workloads, so that they cannot rot: in this JVM without the
 * agent, and through {@link Compare} in forked JVMs without and with the agent when the agent jar
 * was built (the reactor builds agent/ before examples/; the system property
 * {@code dragonpool.agent.jar} points at it).
 */
class ExamplesRunTest {
    private static final String[] ORDERBOOK = {"--book", "20000", "--rate", "20000", "--seconds", "1", "--warmup", "50000",
        "--throughput", "50000"};
    private static final String[] NETWORK = {"--rate", "2000", "--seconds", "1", "--warmup-seconds", "1", "--max-size", "4096"};

    @TempDir
    Path dir;

    private Properties runInProcess(String which, String[] args) throws Exception {
        Path out = dir.resolve(which + ".properties");
        String[] withOut = Stream.concat(Stream.of(args), Stream.of("--out", out.toString())).toArray(String[]::new);
        PrintStream old = System.out;
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        System.setOut(new PrintStream(text, true));
        try {
            if (which.equals("orderbook")) {
                OrderBookRun.main(withOut);
            } else {
                NetRun.main(withOut);
            }
        } finally {
            System.setOut(old);
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(out)) {
            p.load(in);
        }
        return p;
    }

    @Test
    void order_book_runs_and_records_every_measure() throws Exception {
        Properties p = runInProcess("orderbook", ORDERBOOK);
        assertEquals("off", p.getProperty("pooling"));
        assertEquals("true", p.getProperty("phase.latency.complete"));
        assertEquals("20000", p.getProperty("phase.latency.orders"));
        assertTrue(Long.parseLong(p.getProperty("latency.count")) >= 20_000, p.getProperty("latency.count"));
        for (String k : List.of("latency.p50", "latency.p99", "latency.p999", "latency.max", "alloc.perOp", "gc.young.count",
                "gc.old.count", "gc.pause.totalMs", "throughput.max", "heap.live.mb", "checksum", "latency.curve")) {
            assertTrue(p.containsKey(k), k + " missing: " + p);
        }
        assertTrue(Double.parseDouble(p.getProperty("alloc.perOp")) > 100, "orders, fills and reports are plain objects without the agent");
        assertTrue(Integer.parseInt(p.getProperty("book.resting")) > 10_000, p.getProperty("book.resting"));
    }

    @Test
    void network_service_answers_every_request() throws Exception {
        Properties p = runInProcess("network", NETWORK);
        assertEquals("heap", p.getProperty("buffers"), "without the agent, auto picks heap buffers");
        assertEquals("2000", p.getProperty("phase.latency.orders"));
        assertEquals("0", p.getProperty("net.mismatches"));
        assertTrue(p.containsKey("latency.p999") && p.containsKey("gc.young.count"), p.toString());
    }

    private static String classPath() throws URISyntaxException {
        return Stream.of(Compare.class, Pooling.class, Pools.class, Histogram.class)
                .map(c -> c.getProtectionDomain().getCodeSource().getLocation())
                .map(u -> {
                    try {
                        return new File(u.toURI()).getPath();
                    } catch (URISyntaxException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .distinct().collect(Collectors.joining(File.pathSeparator));
    }

    private Properties[] compare(String example, String[] workload) throws Exception {
        String agent = System.getProperty("dragonpool.agent.jar", "");
        Assumptions.assumeTrue(!agent.isEmpty() && Files.isRegularFile(Path.of(agent)),
                "agent jar not built (" + agent + "): run the reactor build, which packages agent/ first");
        Path json = dir.resolve(example + ".json");
        String[] args = Stream.concat(Stream.of(example, "--agent", agent, "--cp", classPath(), "--heap", "256m", "--json",
                json.toString()), Stream.of(workload)).toArray(String[]::new);
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        Properties[] runs = Compare.run(args, new PrintStream(text, true));
        String out = text.toString();
        assertTrue(out.contains("without agent") && out.contains("output digest"), out);
        String written = Files.readString(json);
        assertTrue(written.contains("\"latencyCurve\"") && written.contains("\"agent\": true"), written);
        assertEquals("off", runs[0].getProperty("pooling"), out);
        assertEquals("on", runs[1].getProperty("pooling"), out);
        assertEquals(runs[0].getProperty("checksum"), runs[1].getProperty("checksum"), "same work, same output: " + out);
        double without = Double.parseDouble(runs[0].getProperty("alloc.perOp"));
        double with = Double.parseDouble(runs[1].getProperty("alloc.perOp"));
        assertTrue(with < without / 10, "pooling should remove nearly all allocation: " + with + " vs " + without + "\n" + out);
        return runs;
    }

    @Test
    void order_book_compare_with_and_without_agent() throws Exception {
        Properties[] runs = compare("orderbook", ORDERBOOK);
        assertTrue(runs[1].getProperty("pool.0.name").equals("Order"), runs[1].toString());
    }

    @Test
    void network_compare_with_and_without_agent() throws Exception {
        Properties[] runs = compare("network", NETWORK);
        assertEquals("heap", runs[0].getProperty("buffers"));
        assertEquals("kmalloc", runs[1].getProperty("buffers"));
        assertEquals("0", runs[1].getProperty("malloc.0.inUse"), "every kmalloc buffer freed");
    }
}
