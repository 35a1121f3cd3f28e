package dev.dragonpool.examples.net;

import dev.dragonpool.Pooling;
import dev.dragonpool.examples.harness.Args;
import dev.dragonpool.examples.harness.GcWatch;
import dev.dragonpool.examples.harness.RunRecorder;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Locale;

/**
 * One measured run of the network service in this JVM (with or without the agent, as it was
 * started): an {@link EchoServer} on 127.0.0.1 and a {@link LoadGenerator} in the same process,
 * first a warm-up session, then {@code System.gc()} twice, then the measured session on new
 * connections. {@link dev.dragonpool.examples.Compare} starts two of these and prints them side
 * by side.
 *
 * <p>{@code --buffers auto} (the default) reads requests into {@link Buffers#kmalloc()} buffers
 * when the agent is active and into new heap buffers ({@link Buffers#heap()}) when it is not:
 * the run without the agent is the service as plain Java would write it. {@code --buffers
 * kmalloc} or {@code heap} forces one for both runs (kmalloc needs no agent), to separate the
 * buffers' effect from the pooled request objects'.
 */
public final class NetRun {
    static final String USAGE = "NetRun [--rate 20000] [--seconds 10] [--requests RATE*SECONDS] [--connections 4]"
            + " [--min-size 128] [--max-size 16384] [--warmup-seconds 3] [--buffers auto|kmalloc|heap] [--seed 42]"
            + " [--out results.properties]";
    // --seconds sets the number of requests (rate * seconds); a run that falls behind keeps
    // sending until 2 * seconds + 5 s have passed, then waits 5 s at most for the last answers.

    private NetRun() {
    }

    /**
     * Runs the service and the load, prints a summary; with {@code --out} also writes the results.
     *
     * @param args options (see {@link #USAGE})
     * @throws InterruptedException if interrupted while the server stops
     */
    public static void main(String[] args) throws InterruptedException {
        Args a = new Args(USAGE, args);
        long rate = a.number("rate", 20_000);
        long seconds = a.number("seconds", 10);
        long requests = a.number("requests", rate * seconds);
        int connections = (int) a.number("connections", 4);
        int minSize = (int) a.number("min-size", 128);
        int maxSize = (int) a.number("max-size", 16_384);
        long warmup = a.number("warmup-seconds", 3);
        String which = a.string("buffers", "auto");
        long seed = a.number("seed", 42);
        String out = a.string("out", "");
        a.rejectUnknown();
        Buffers buffers;
        switch (which) {
            case "auto": buffers = Pooling.isPooled(Request.class) ? Buffers.kmalloc() : Buffers.heap(); break;
            case "kmalloc": buffers = Buffers.kmalloc(); break;
            case "heap": buffers = Buffers.heap(); break;
            default: throw new IllegalArgumentException("--buffers " + which + " is not auto, kmalloc or heap; usage: " + USAGE);
        }
        RunRecorder rec = new RunRecorder();
        rec.put("workload.rate", rate);
        rec.put("workload.seconds", seconds);
        rec.put("workload.requests", requests);
        rec.put("workload.connections", connections);
        rec.put("workload.minSize", minSize);
        rec.put("workload.maxSize", maxSize);
        rec.put("workload.warmupSeconds", warmup);
        rec.put("workload.seed", seed);
        rec.put("buffers", buffers.name());
        GcWatch gc = new GcWatch();
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

        EchoServer server = new EchoServer(buffers);
        Thread serving = new Thread(server, "echo-server");
        serving.setDaemon(true);
        serving.start();
        if (warmup > 0) {
            LoadGenerator w = new LoadGenerator(server.address(), connections, rate, minSize, maxSize, seed + 1);
            w.run(rate * warmup, 2 * warmup + 5, 2_000, () -> { });
            w.close();
        }
        LoadGenerator gen = new LoadGenerator(server.address(), connections, rate, minSize, maxSize, seed);
        System.gc();
        System.gc();
        long self = Thread.currentThread().getId();
        long serverId = serving.getId();
        long[] alloc0 = new long[2];
        long[] t = new long[1];
        gen.run(requests, 2 * seconds + 5, 5_000, () -> {
            alloc0[0] = threads.getThreadAllocatedBytes(serverId);
            alloc0[1] = threads.getThreadAllocatedBytes(self);
            gc.start();
            t[0] = System.nanoTime();
        });
        double elapsed = (System.nanoTime() - t[0]) / 1e9;
        gc.stop();
        long serverAlloc = threads.getThreadAllocatedBytes(serverId) - alloc0[0];
        long clientAlloc = threads.getThreadAllocatedBytes(self) - alloc0[1];
        gen.close();
        server.close();
        serving.join(5_000);

        long answered = Math.max(1, gen.received);
        rec.put("rate.offered", rate);
        rec.put("rate.achieved", gen.received / elapsed);
        rec.put("phase.latency.seconds", elapsed);
        rec.put("phase.latency.orders", gen.received);
        rec.put("phase.latency.sent", gen.sent);
        rec.put("phase.latency.complete", gen.received == requests);
        rec.histogram("latency", gen.latency);
        rec.put("alloc.bytes", serverAlloc);
        rec.put("alloc.perOp", (double) serverAlloc / answered);
        rec.put("alloc.mbPerSec", serverAlloc / elapsed / (1 << 20));
        rec.put("client.alloc.perOp", (double) clientAlloc / answered);
        rec.gc(gc);
        rec.pools(Request.class, Response.class);
        rec.mallocTypes(Buffers.TYPE_NAME);
        rec.put("net.mismatches", gen.mismatches);
        rec.put("net.serverFailures", server.failures);
        rec.put("checksum", Long.toHexString(gen.digest) + (gen.mismatches == 0 ? "" : "-" + gen.mismatches + "-mismatches"));
        System.out.printf(Locale.ROOT, "network service (%s buffers): %,d of %,d requests answered in %.1f s (%,.0f/s);"
                        + " p50 %.1f us, p99 %.1f us, p99.9 %.1f us, max %.1f us; server %.1f B/request; GC pauses %s (%s ms);"
                        + " %d mismatched answers; digest %s%n",
                buffers.name(), gen.received, requests, elapsed, gen.received / elapsed,
                gen.latency.getValueAtPercentile(50) / 1e3, gen.latency.getValueAtPercentile(99) / 1e3,
                gen.latency.getValueAtPercentile(99.9) / 1e3, gen.latency.getMaxValue() / 1e3,
                (double) serverAlloc / answered, rec.values().get("gc.pause.count"), rec.values().get("gc.pause.totalMs"),
                gen.mismatches, Long.toHexString(gen.digest));
        if (!out.isEmpty()) {
            rec.write(Path.of(out));
        }
    }
}
