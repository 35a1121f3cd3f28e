package dev.dragonpool.examples.orderbook;

import dev.dragonpool.examples.harness.Args;
import dev.dragonpool.examples.harness.GcWatch;
import dev.dragonpool.examples.harness.RunRecorder;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * One measured run of the order book in this JVM (with or without the agent, as it was
 * started); {@link dev.dragonpool.examples.Compare} starts two of these and prints them side by
 * side.
 *
 * <p>Phases, all counted in orders so that two runs do identical work:
 * <ol>
 * <li>fill the book with {@code --book} passive limit orders (the old generation's live set);</li>
 * <li>warm up: {@code --warmup} orders of the stream as fast as possible (JIT);</li>
 * <li>{@code System.gc()} twice, so both runs start measuring from a collected heap;</li>
 * <li>throughput: {@code --throughput} orders as fast as possible (orders per second);</li>
 * <li>latency: {@code --rate} orders per second for {@code --seconds} seconds on one thread, on a
 * fixed schedule: order {@code i} is due at {@code start + i / rate}. Allocation (this thread's
 * allocated bytes) and GC (the collector MXBeans) are measured over this phase. Two ways to
 * keep coordinated omission out of the latency histogram (HdrHistogram, nanoseconds):
 * <ul>
 * <li>{@code --pacing open} (the default): the schedule is kept whatever happens, so an order
 * held up by a GC pause makes the orders due meanwhile wait, and they are sent in a burst when
 * it ends; each order's latency is measured from its due time ({@code recordValue(end - due)}).
 * Both runs get exactly the same offered load, also on a machine whose cores other work
 * competes for.</li>
 * <li>{@code --pacing corrected}: each order's service time is recorded with
 * {@code recordValueWithExpectedInterval(serviceTime, 1/rate)}, which adds the orders that a
 * fixed-rate sender would have sent during a stall, with the latencies they would have seen; the
 * pacer then resumes from the end of the stall instead of bursting, so each stall counts once.
 * Equivalent when stalls are rare; when the thread is often descheduled (a loaded machine) the
 * orders actually sent fall behind the nominal rate and the run may hit its time limit.</li>
 * </ul></li>
 * </ol>
 * A final digest of every report and trade must be equal between runs of the same options.
 */
public final class OrderBookRun {
    static final String USAGE = "OrderBookRun [--book 300000] [--rate 100000] [--seconds 20] [--warmup 1000000]"
            + " [--throughput 1000000] [--ticks 32768] [--seed 42] [--pacing open|corrected] [--out results.properties]";

    private OrderBookRun() {
    }

    /**
     * Runs the phases and prints a summary; with {@code --out} also writes the results.
     *
     * @param args options (see {@link #USAGE})
     */
    public static void main(String[] args) {
        Args a = new Args(USAGE, args);
        int book = (int) a.number("book", 300_000);
        long rate = a.number("rate", 100_000);
        long seconds = a.number("seconds", 20);
        long warmup = a.number("warmup", 1_000_000);
        long throughput = a.number("throughput", 1_000_000);
        int ticks = (int) a.number("ticks", 32_768);
        long seed = a.number("seed", 42);
        String pacing = a.string("pacing", "open");
        String out = a.string("out", "");
        a.rejectUnknown();
        if (!pacing.equals("open") && !pacing.equals("corrected")) {
            throw new IllegalArgumentException("--pacing " + pacing + " is not open or corrected; usage: " + USAGE);
        }
        boolean open = pacing.equals("open");
        if (rate <= 0 || seconds <= 0) {
            throw new IllegalArgumentException("--rate " + rate + " and --seconds " + seconds + " must be positive");
        }
        RunRecorder rec = new RunRecorder();
        rec.put("workload.book", book);
        rec.put("workload.rate", rate);
        rec.put("workload.seconds", seconds);
        rec.put("workload.warmup", warmup);
        rec.put("workload.throughput", throughput);
        rec.put("workload.ticks", ticks);
        rec.put("workload.seed", seed);
        rec.put("workload.pacing", pacing);
        GcWatch gc = new GcWatch();
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long self = Thread.currentThread().getId();

        MatchingEngine engine = new MatchingEngine(ticks, book * 2);
        OrderFlow flow = new OrderFlow(seed, book, ticks);
        long t0 = System.nanoTime();
        while (engine.resting() < book) {
            flow.passive(engine);
        }
        rec.put("phase.fill.ms", (System.nanoTime() - t0) / 1_000_000);
        for (long i = 0; i < warmup; i++) {
            flow.next(engine);
        }
        System.gc();
        System.gc();
        rec.put("heap.live.mb", oldGenUsedMb());

        t0 = System.nanoTime();
        for (long i = 0; i < throughput; i++) {
            flow.next(engine);
        }
        long ns = Math.max(1, System.nanoTime() - t0);
        rec.put("throughput.max", throughput * 1e9 / ns);

        long orders = rate * seconds;
        long interval = 1_000_000_000L / rate;
        Histogram h = new Histogram(3_600_000_000_000L, 3);
        long deadline = System.nanoTime() + seconds * 3_000_000_000L + 10_000_000_000L;
        long a0 = threads.getThreadAllocatedBytes(self);
        gc.start();
        long start = System.nanoTime();
        long next = start;
        long sent = 0;
        long end = start;
        while (sent < orders) {
            long now;
            while ((now = System.nanoTime()) < next) {
                Thread.onSpinWait();
            }
            flow.next(engine);
            end = System.nanoTime();
            sent++;
            if (open) {
                // Latency from the order's place in the schedule: waiting behind a stall counts.
                h.recordValue(end - next);
                next = start + sent * interval;
            } else {
                // Service time; the histogram adds the orders a fixed-rate sender would have sent
                // during a stall. The pacer then resumes from now (no burst), so each stall counts once.
                h.recordValueWithExpectedInterval(end - now, interval);
                next = Math.max(next + interval, end);
            }
            if ((sent & 0x3FF) == 0 && end > deadline) {
                break;
            }
        }
        gc.stop();
        long allocated = threads.getThreadAllocatedBytes(self) - a0;
        double elapsed = (end - start) / 1e9;

        rec.put("rate.offered", rate);
        rec.put("rate.achieved", sent / elapsed);
        rec.put("phase.latency.seconds", elapsed);
        rec.put("phase.latency.orders", sent);
        rec.put("phase.latency.complete", sent == orders);
        rec.histogram("latency", h);
        rec.put("alloc.bytes", allocated);
        rec.put("alloc.perOp", (double) allocated / sent);
        rec.put("alloc.mbPerSec", allocated / elapsed / (1 << 20));
        rec.gc(gc);
        rec.pools(Order.class, Fill.class, ExecReport.class, BookUpdate.class);
        rec.put("book.resting", engine.resting());
        rec.put("book.orders", flow.orders());
        rec.put("book.trades", engine.trades());
        rec.put("book.volume", engine.volume());
        long[] kinds = engine.reports();
        rec.put("book.reports", kinds[0] + kinds[1] + kinds[2] + kinds[3] + kinds[4] + kinds[5]);
        rec.put("book.updates", engine.bookUpdates());
        rec.put("book.cancels", flow.commands[3]);
        rec.put("book.markets", flow.commands[2]);
        rec.put("checksum", Long.toHexString(engine.checksum()));

        System.out.printf(Locale.ROOT, "order book: %,d resting, %,d orders in all, %,d trades; max %,.0f orders/s;"
                        + " at %,d/s: p50 %.1f us, p99 %.1f us, p99.9 %.1f us, max %.1f us; %.1f B/order;"
                        + " GC pauses %s (%s ms); checksum %s%n",
                engine.resting(), flow.orders(), engine.trades(), throughput * 1e9 / ns, rate,
                h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(99) / 1e3, h.getValueAtPercentile(99.9) / 1e3,
                h.getMaxValue() / 1e3, (double) allocated / sent, rec.values().get("gc.pause.count"),
                rec.values().get("gc.pause.totalMs"), Long.toHexString(engine.checksum()));
        if (!out.isEmpty()) {
            rec.write(Path.of(out));
        }
    }

    /** @return megabytes used in the heap's tenured pools after the collections (the live set) */
    private static long oldGenUsedMb() {
        long used = 0;
        long all = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() != MemoryType.HEAP) {
                continue;
            }
            long u = p.getUsage().getUsed();
            all += u;
            String n = p.getName();
            if (n.contains("Old") || n.contains("Tenured")) {
                used += u;
            }
        }
        return (used > 0 ? used : all) >> 20;
    }
}
