package dev.dragonpool.micrometer;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dragonpool.runtime.MPipe;
import dev.dragonpool.runtime.ObjCache;
import dev.dragonpool.runtime.Zone;
import dev.dragonpool.runtime.kmalloc.KMalloc;
import dev.dragonpool.runtime.kmalloc.MallocType;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What a Prometheus server scraping {@code /actuator/prometheus} (or any endpoint serving
 * {@link PrometheusMeterRegistry#scrape()}) receives: asserted on the scrape text itself.
 */
class PrometheusScrapeTest {

    static void assertLine(String scrape, String regex) {
        assertTrue(Pattern.compile("(?m)^" + regex + "$").matcher(scrape).find(),
                "no line matching " + regex + " in the scrape:\n" + scrape);
    }

    @Test
    void scrape_holds_every_kind_with_prometheus_names_and_labels() {
        String cacheName = DragonpoolMetricsTest.unique("prom-cache");
        String pipeName = DragonpoolMetricsTest.unique("prom-pipe");
        String zoneName = DragonpoolMetricsTest.unique("prom-zone");
        String typeName = DragonpoolMetricsTest.unique("prom-type");
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        ObjCache<Object> c = ObjCache.builder(cacheName, Object::new).limit(500).build();
        MPipe<Object> p = MPipe.builder(pipeName, Object::new).reserve(2).max(4).build();
        Zone<Object> z = Zone.create(zoneName, 8, Object::new);
        MallocType t = MallocType.define(typeName, 1 << 20);
        try (DragonpoolMetrics metrics = new DragonpoolMetrics(Tags.empty(), Duration.ZERO)) {
            metrics.bindTo(registry);
            Object held = c.get();
            c.put(c.get());
            c.put(c.get());
            p.get();
            z.alloc();
            ByteBuffer b = KMalloc.global().alloc(t, 4096);

            String scrape = registry.scrape();
            String cache = "\\{pool_name=\"" + Pattern.quote(cacheName) + "\"";
            assertLine(scrape, "# HELP dragonpool_objcache_requests_total calls to get \\(new of a @Pooled class\\)");
            assertLine(scrape, "# TYPE dragonpool_objcache_requests_total counter");
            assertLine(scrape, "dragonpool_objcache_requests_total" + cache + "\\} 3(\\.0)?");
            assertLine(scrape, "# TYPE dragonpool_objcache_objects gauge");
            assertLine(scrape, "dragonpool_objcache_objects" + cache + ",state=\"used\"\\} 1(\\.0)?");
            assertLine(scrape, "dragonpool_objcache_objects" + cache + ",state=\"idle\"\\} [0-9.E]+");
            assertLine(scrape, "dragonpool_objcache_limit" + cache + "\\} 500(\\.0)?");
            assertLine(scrape, "dragonpool_objcache_high_water" + cache + "\\} [0-9.E]+");
            assertLine(scrape, "dragonpool_objcache_hits_total" + cache + "\\} [0-9.E]+");
            assertLine(scrape, "dragonpool_objcache_misses_total" + cache + "\\} [1-9][0-9.E]*");
            assertLine(scrape, "dragonpool_objcache_exhaustions_total" + cache + "\\} 0(\\.0)?");
            assertLine(scrape, "dragonpool_objcache_memory_bytes" + cache + "\\} [0-9.E]+");
            // Not "_created": the exposition format keeps that suffix for a counter's creation time.
            assertLine(scrape, "dragonpool_objcache_constructed_total" + cache + "\\} [1-9][0-9.E]*");
            assertLine(scrape, "dragonpool_objcache_destroyed_total" + cache + "\\} [0-9.E]+");

            String pipe = "\\{pool_name=\"" + Pattern.quote(pipeName) + "\"";
            assertLine(scrape, "dragonpool_mpipe_objects" + pipe + ",state=\"used\"\\} 1(\\.0)?");
            assertLine(scrape, "dragonpool_mpipe_objects" + pipe + ",state=\"idle\"\\} 1(\\.0)?");
            assertLine(scrape, "dragonpool_mpipe_hits_total" + pipe + "\\} 1(\\.0)?");
            assertLine(scrape, "dragonpool_mpipe_limit" + pipe + "\\} 4(\\.0)?");

            String zone = "\\{pool_name=\"" + Pattern.quote(zoneName) + "\"";
            assertLine(scrape, "dragonpool_zone_objects" + zone + ",state=\"used\"\\} 1(\\.0)?");
            assertLine(scrape, "dragonpool_zone_objects" + zone + ",state=\"idle\"\\} 7(\\.0)?");
            assertLine(scrape, "dragonpool_zone_requests_total" + zone + "\\} 1(\\.0)?");

            String type = "\\{pool_name=\"" + Pattern.quote(typeName) + "\"";
            assertLine(scrape, "dragonpool_malloc_allocations" + type + "\\} 1(\\.0)?");
            assertLine(scrape, "dragonpool_malloc_memory_bytes" + type + "\\} 4096(\\.0)?");
            assertLine(scrape, "dragonpool_malloc_limit_bytes" + type + "\\} 1048576(\\.0)?");
            assertLine(scrape, "dragonpool_malloc_requests_total" + type + "\\} 1(\\.0)?");

            assertLine(scrape, "dragonpool_arena_budget_bytes\\{pool_name=\"global\"\\} [0-9.E]+");
            assertLine(scrape, "dragonpool_arena_charged_bytes\\{pool_name=\"global\"\\} [1-9][0-9.E]*");
            assertLine(scrape, "dragonpool_arena_pages\\{pool_name=\"global\",state=\"used\"\\} [1-9][0-9.E]*");
            assertLine(scrape, "dragonpool_arena_pages\\{pool_name=\"global\",state=\"idle\"\\} [0-9.E]+");
            assertLine(scrape, "dragonpool_arena_reclaims_total\\{pool_name=\"global\"\\} [0-9.E]+");
            assertLine(scrape, "dragonpool_arena_reclaimed_bytes_total\\{pool_name=\"global\"\\} [0-9.E]+");

            KMalloc.global().free(b);
            c.put(held);
        } finally {
            c.destroy();
            p.destroy();
            z.destroy();
            t.destroy();
        }
        String after = registry.scrape();
        assertTrue(!after.contains(cacheName) && !after.contains(pipeName) && !after.contains(zoneName)
                && !after.contains(typeName), "closed binder and destroyed pools leave nothing:\n" + after);
    }
}
