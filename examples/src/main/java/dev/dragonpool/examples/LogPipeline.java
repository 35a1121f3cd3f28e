package dev.dragonpool.examples;

import dev.dragonpool.Pooling;
import dev.dragonpool.runtime.ObjCacheStats;
import dev.dragonpool.runtime.Pools;
import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * The demo application: parses a synthetic access log line by line into {@link LogEvent}s,
 * aggregates per path into {@link PathStats} windows, and releases both when done with them.
 * Run it with and without {@code -javaagent:dragonpool-agent.jar}; it prints the time, the heap
 * bytes it allocated, and (with the agent) what each pool did: objects acquired, created,
 * reused, hit rate.
 *
 * <p>Usage: {@code LogPipeline [lines] [rounds]} (defaults 1,000,000 and 3; the last round is
 * reported).
 */
public final class LogPipeline {
    private static final String[] PATHS = {"/", "/login", "/api/orders", "/api/orders/42", "/static/app.js",
        "/api/users", "/health", "/api/search"};
    private static final String[] METHODS = {"GET", "GET", "GET", "POST", "PUT", "DELETE"};

    private LogPipeline() {
    }

    /**
     * Runs the demo.
     *
     * @param args optional line count and round count
     */
    public static void main(String[] args) {
        int lines = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        StringBuilder line = new StringBuilder(128);
        long[] requests = new long[PATHS.length];
        long[] errors = new long[PATHS.length];
        long[] latency = new long[PATHS.length];
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long checksum = 0;
        long millis = 0;
        long allocated = 0;
        for (int round = 0; round < rounds; round++) {
            long a0 = mx.getThreadAllocatedBytes(Thread.currentThread().getId());
            long t0 = System.nanoTime();
            long seed = 42;
            for (int i = 0; i < lines; i++) {
                seed = seed * 6364136223846793005L + 1442695040888963407L;
                int p = (int) ((seed >>> 33) % PATHS.length);
                synth(line, seed, p);
                try (LogEvent e = new LogEvent(line)) {
                    requests[p]++;
                    if (e.status() >= 500) {
                        errors[p]++;
                    }
                    latency[p] += e.latencyMicros();
                    checksum += e.bytes() + e.fingerprint() + (e.field("user") != null ? 1 : 0);
                }
                if ((i & 0xFFFF) == 0xFFFF) {
                    checksum += flush(requests, errors, latency);
                }
            }
            checksum += flush(requests, errors, latency);
            millis = (System.nanoTime() - t0) / 1_000_000;
            allocated = mx.getThreadAllocatedBytes(Thread.currentThread().getId()) - a0;
        }
        System.out.printf(Locale.ROOT, "parsed %,d log lines per round, %d rounds; last round: %d ms, %,d bytes allocated (%.1f B/line)%n",
                lines, rounds, millis, allocated, (double) allocated / lines);
        System.out.println("checksum " + checksum);
        report();
    }

    private static void synth(StringBuilder line, long seed, int p) {
        line.setLength(0);
        int status = (seed & 0x3F) == 0 ? 503 : (seed & 0x7) == 0 ? 404 : 200;
        line.append(METHODS[(int) ((seed >>> 20) & 0x7FFF) % METHODS.length]).append(' ')
                .append(PATHS[p]).append(' ')
                .append(status).append(' ')
                .append((seed >>> 40) & 0xFFFF).append(' ')
                .append((seed >>> 24) & 0x3FF)
                .append(" user=u").append((seed >>> 50) & 0xF)
                .append(" region=eu-west");
    }

    private static long flush(long[] requests, long[] errors, long[] latency) {
        long sum = 0;
        for (int p = 0; p < PATHS.length; p++) {
            PathStats s = new PathStats(PATHS[p], requests[p], errors[p], latency[p]);
            sum += s.requests - s.errors;
            Pooling.release(s);
            requests[p] = 0;
            errors[p] = 0;
            latency[p] = 0;
        }
        return sum;
    }

    private static void report() {
        if (!Pooling.isPooled(LogEvent.class)) {
            System.out.println("pooling: off (run with -javaagent:agent/target/dragonpool-agent.jar to pool LogEvent and PathStats)");
            return;
        }
        for (ObjCacheStats s : statsOf(LogEvent.class.getName(), PathStats.class.getName())) {
            // A hit is a get served by the thread's magazines (a recycled object); a miss refills the
            // magazine from the depot or by constructing a batch, counted in "created".
            long reused = s.magazineHits();
            System.out.printf(Locale.ROOT, "pool %-36s acquired %,12d  reused %,12d  created %,6d  hit rate %6.2f%%  cached %d%n",
                    s.name(), s.requested(), reused, s.created(),
                    s.requested() == 0 ? 0.0 : 100.0 * reused / s.requested(), s.cached());
        }
    }

    private static java.util.List<ObjCacheStats> statsOf(String... names) {
        java.util.List<ObjCacheStats> out = new java.util.ArrayList<>();
        for (var c : Pools.objCaches()) {
            for (String n : names) {
                if (c.name().equals(n)) {
                    out.add(c.stats());
                }
            }
        }
        return out;
    }
}
