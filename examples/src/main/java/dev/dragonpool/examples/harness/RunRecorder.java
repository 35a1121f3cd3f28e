package dev.dragonpool.examples.harness;

import dev.dragonpool.Pooling;
import dev.dragonpool.runtime.ObjCache;
import dev.dragonpool.runtime.ObjCacheStats;
import dev.dragonpool.runtime.Pools;
import dev.dragonpool.runtime.kmalloc.MallocType;
import dev.dragonpool.runtime.kmalloc.MallocTypeStats;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * Collects one measured run of an example (the JVM it ran in, its latency histogram, what it
 * allocated, what the collectors did, what the pools did) as flat {@code key=value} pairs, and
 * writes them as a properties file that {@link Compare} reads back from the child JVM.
 *
 * <p>Latencies are kept in nanoseconds in the histogram and written in microseconds.
 */
public final class RunRecorder {
    private final Map<String, String> values = new TreeMap<>();

    /** Starts a record with the JVM and machine it runs on. */
    public RunRecorder() {
        var rt = ManagementFactory.getRuntimeMXBean();
        put("jvm.version", System.getProperty("java.version"));
        put("jvm.vendor", System.getProperty("java.vm.vendor"));
        put("jvm.args", String.join(" ", rt.getInputArguments()));
        put("machine.cpus", Runtime.getRuntime().availableProcessors());
        put("machine.os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        put("machine.cpu", Machine.cpuModel());
        put("machine.load.start", Machine.loadAverage());
        put("heap.max.mb", Runtime.getRuntime().maxMemory() >> 20);
    }

    /**
     * Records a value.
     *
     * @param key its key
     * @param value its value ({@code String.valueOf})
     */
    public void put(String key, Object value) {
        values.put(key, String.valueOf(value));
    }

    /**
     * Records an integer.
     *
     * @param key its key
     * @param value its value
     */
    public void put(String key, long value) {
        values.put(key, Long.toString(value));
    }

    /**
     * Records a double with three decimals.
     *
     * @param key its key
     * @param value its value
     */
    public void put(String key, double value) {
        values.put(key, String.format(Locale.ROOT, "%.3f", value));
    }

    /**
     * Records a latency histogram (in nanoseconds) under {@code prefix}: p50, p90, p99, p99.9,
     * p99.99, max, mean in microseconds, the sample count, and the percentile curve
     * ({@code prefix.curve}: {@code percentile:micros;...}, five steps per halving of the tail).
     *
     * @param prefix key prefix, e.g. {@code latency}
     * @param h the histogram, in nanoseconds
     */
    public void histogram(String prefix, Histogram h) {
        put(prefix + ".count", h.getTotalCount());
        put(prefix + ".p50", h.getValueAtPercentile(50) / 1e3);
        put(prefix + ".p90", h.getValueAtPercentile(90) / 1e3);
        put(prefix + ".p99", h.getValueAtPercentile(99) / 1e3);
        put(prefix + ".p999", h.getValueAtPercentile(99.9) / 1e3);
        put(prefix + ".p9999", h.getValueAtPercentile(99.99) / 1e3);
        put(prefix + ".max", h.getMaxValue() / 1e3);
        put(prefix + ".mean", h.getMean() / 1e3);
        StringBuilder curve = new StringBuilder();
        for (HistogramIterationValue v : h.percentiles(5)) {
            curve.append(curve.length() == 0 ? "" : ";")
                    .append(String.format(Locale.ROOT, "%.6f:%.3f", v.getPercentileLevelIteratedTo(),
                            h.highestEquivalentValue(v.getValueIteratedTo()) / 1e3));
        }
        put(prefix + ".curve", curve.toString());
    }

    /**
     * Records the object caches of the given classes (with the agent; says {@code pooling=off}
     * without it): {@code pool.N.name/requested/reused/created/cached/inUse}.
     *
     * @param classes the {@code @Pooled} classes to report
     */
    public void pools(Class<?>... classes) {
        boolean on = classes.length > 0 && Pooling.isPooled(classes[0]);
        put("pooling", on ? "on" : "off");
        if (!on) {
            return;
        }
        int n = 0;
        for (Class<?> c : classes) {
            for (ObjCache<?> cache : Pools.objCaches()) {
                if (cache.name().equals(c.getName())) {
                    ObjCacheStats s = cache.stats();
                    String p = "pool." + n++ + ".";
                    put(p + "name", c.getSimpleName());
                    put(p + "requested", s.requested());
                    put(p + "reused", s.magazineHits());
                    put(p + "created", s.created());
                    put(p + "cached", s.cached());
                    put(p + "inUse", s.inUse());
                }
            }
        }
        put("pools", n);
    }

    /**
     * Records kmalloc malloc types by name: {@code malloc.N.name/requests/inUse/memUse/highUse/failures}.
     *
     * @param names the types' names
     */
    public void mallocTypes(String... names) {
        int n = 0;
        for (MallocType t : Pools.mallocTypes()) {
            for (String name : names) {
                if (t.name().equals(name)) {
                    MallocTypeStats s = t.stats();
                    String p = "malloc." + n++ + ".";
                    put(p + "name", s.name());
                    put(p + "requests", s.requests());
                    put(p + "inUse", s.inUse());
                    put(p + "memUse", s.memUse());
                    put(p + "highUse", s.highUse());
                    put(p + "failures", s.failures());
                }
            }
        }
        put("mallocs", n);
    }

    /**
     * Records the GC results of a finished phase.
     *
     * @param gc the watch that observed the phase
     */
    public void gc(GcWatch gc) {
        gc.writeTo(values);
    }

    /** @return the values recorded so far (sorted by key, live view) */
    public Map<String, String> values() {
        return values;
    }

    /**
     * Writes the record as a properties file.
     *
     * @param file where
     */
    public void write(Path file) {
        put("machine.load.end", Machine.loadAverage());
        Properties p = new Properties();
        p.putAll(values);
        try (OutputStream out = Files.newOutputStream(file)) {
            p.store(out, "dragonpool example run");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the run's results to " + file + ": " + e.getMessage(), e);
        }
    }
}
