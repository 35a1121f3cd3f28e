package dev.dragonpool.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dragonpool.runtime.Arena;
import dev.dragonpool.runtime.MPipe;
import dev.dragonpool.runtime.MPipeStats;
import dev.dragonpool.runtime.ObjCache;
import dev.dragonpool.runtime.ObjCacheStats;
import dev.dragonpool.runtime.Zone;
import dev.dragonpool.runtime.kmalloc.KMalloc;
import dev.dragonpool.runtime.kmalloc.MallocType;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link DragonpoolMetrics} against a {@link SimpleMeterRegistry}. */
class DragonpoolMetricsTest {
    private static final AtomicInteger SEQ = new AtomicInteger();

    private final List<Runnable> cleanup = new ArrayList<>();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    /** Snapshots are never reused, so every read sees the pool as it is. */
    private final DragonpoolMetrics metrics = new DragonpoolMetrics(Tags.empty(), Duration.ZERO);

    @AfterEach
    void tearDown() {
        metrics.close();
        for (int i = cleanup.size() - 1; i >= 0; i--) {
            cleanup.get(i).run();
        }
    }

    static String unique(String what) {
        return "mm-test-" + what + "-" + SEQ.incrementAndGet();
    }

    private <T> ObjCache<T> cache(ObjCache.Builder<T> b) {
        ObjCache<T> c = b.build();
        cleanup.add(c::destroy);
        return c;
    }

    static double gauge(MeterRegistry r, String name, String pool, String... tags) {
        Gauge g = r.find(name).tag("pool.name", pool).tags(tags).gauge();
        assertNotNull(g, "no gauge " + name + " for " + pool + " among " + names(r, pool));
        return g.value();
    }

    static double counter(MeterRegistry r, String name, String pool) {
        FunctionCounter c = r.find(name).tag("pool.name", pool).functionCounter();
        assertNotNull(c, "no counter " + name + " for " + pool + " among " + names(r, pool));
        return c.count();
    }

    static List<String> names(MeterRegistry r, String pool) {
        List<String> l = new ArrayList<>();
        for (Meter m : r.getMeters()) {
            if (pool.equals(m.getId().getTag("pool.name"))) {
                l.add(m.getId().getName() + m.getId().getTags());
            }
        }
        return l;
    }

    static List<Meter> metersOf(MeterRegistry r, String pool) {
        List<Meter> l = new ArrayList<>();
        for (Meter m : r.getMeters()) {
            if (pool.equals(m.getId().getTag("pool.name"))) {
                l.add(m);
            }
        }
        return l;
    }

    @Test
    void object_cache_gauges_and_counters_match_its_stats() {
        String name = unique("objcache");
        ObjCache<StringBuilder> c = cache(ObjCache.builder(name, StringBuilder::new).capacity(64).limit(1000));
        metrics.bindTo(registry);
        List<StringBuilder> held = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            held.add(c.get());
        }
        for (int i = 0; i < 30; i++) {
            c.put(held.remove(held.size() - 1));
        }
        for (int i = 0; i < 5; i++) {
            held.add(c.get());
        }
        ObjCacheStats s = c.stats();
        assertEquals(s.inUse(), gauge(registry, "dragonpool.objcache.objects", name, "state", "used"));
        assertEquals(15, s.inUse());
        assertEquals(s.cached(), gauge(registry, "dragonpool.objcache.objects", name, "state", "idle"));
        assertEquals(s.highWater(), gauge(registry, "dragonpool.objcache.high.water", name));
        assertEquals(1000, gauge(registry, "dragonpool.objcache.limit", name));
        assertEquals(s.chargedBytes(), gauge(registry, "dragonpool.objcache.memory", name));
        assertEquals(45, counter(registry, "dragonpool.objcache.requests", name));
        assertEquals(s.magazineHits(), counter(registry, "dragonpool.objcache.hits", name));
        assertEquals(s.requested() - s.magazineHits(), counter(registry, "dragonpool.objcache.misses", name));
        assertTrue(counter(registry, "dragonpool.objcache.hits", name) > 0, "some gets hit the magazines");
        assertTrue(counter(registry, "dragonpool.objcache.misses", name) > 0, "the first get misses");
        assertEquals(s.created(), counter(registry, "dragonpool.objcache.constructed", name));
        assertEquals(s.destroyed(), counter(registry, "dragonpool.objcache.destroyed", name));
        assertEquals(0, counter(registry, "dragonpool.objcache.exhaustions", name));
        assertEquals(0, counter(registry, "dragonpool.objcache.failures", name));
        assertEquals("bytes", registry.find("dragonpool.objcache.memory").tag("pool.name", name).gauge().getId().getBaseUnit());
    }

    @Test
    void a_default_binder_shows_work_done_right_after_binding() {
        String name = unique("fresh");
        ObjCache<Object> c = cache(ObjCache.builder(name, Object::new).limit(10));
        try (DragonpoolMetrics defaults = new DragonpoolMetrics()) {
            SimpleMeterRegistry r = new SimpleMeterRegistry();
            defaults.bindTo(r);
            c.put(c.get());
            c.put(c.get());
            assertEquals(2, counter(r, "dragonpool.objcache.requests", name), "binding takes no snapshot");
        }
    }

    @Test
    void an_unlimited_cache_has_no_limit_gauge() {
        String name = unique("unlimited");
        cache(ObjCache.builder(name, Object::new));
        metrics.bindTo(registry);
        assertNotNull(registry.find("dragonpool.objcache.requests").tag("pool.name", name).functionCounter());
        assertNull(registry.find("dragonpool.objcache.limit").tag("pool.name", name).gauge());
    }

    @Test
    void exhaustions_count_gets_beyond_the_cluster_limit() {
        String name = unique("limited");
        ObjCache<Object> c = cache(ObjCache.builder(name, Object::new).capacity(0).limit(2));
        metrics.bindTo(registry);
        c.get();
        c.get();
        c.get(); // the default policy allocates a plain object beyond the limit
        assertEquals(c.stats().exhausted(), counter(registry, "dragonpool.objcache.exhaustions", name));
        assertTrue(counter(registry, "dragonpool.objcache.exhaustions", name) >= 1);
    }

    @Test
    void pools_built_after_binding_appear_and_destroyed_ones_are_removed() {
        metrics.bindTo(registry);
        String cacheName = unique("late-cache");
        String pipeName = unique("late-pipe");
        String zoneName = unique("late-zone");
        String typeName = unique("late-type");
        assertTrue(metersOf(registry, cacheName).isEmpty());

        ObjCache<Object> c = ObjCache.builder(cacheName, Object::new).build();
        MPipe<Object> p = MPipe.builder(pipeName, Object::new).reserve(3).max(5).build();
        Zone<Object> z = Zone.create(zoneName, 4, Object::new);
        MallocType t = MallocType.define(typeName, 1 << 20);
        try {
            c.put(c.get());
            assertEquals(1, counter(registry, "dragonpool.objcache.requests", cacheName));
            Object o = p.get();
            assertEquals(1, counter(registry, "dragonpool.mpipe.requests", pipeName));
            assertEquals(1, counter(registry, "dragonpool.mpipe.hits", pipeName));
            assertEquals(0, counter(registry, "dragonpool.mpipe.misses", pipeName));
            assertEquals(1, gauge(registry, "dragonpool.mpipe.objects", pipeName, "state", "used"));
            assertEquals(2, gauge(registry, "dragonpool.mpipe.objects", pipeName, "state", "idle"));
            assertEquals(3, gauge(registry, "dragonpool.mpipe.reserve", pipeName));
            assertEquals(5, gauge(registry, "dragonpool.mpipe.limit", pipeName));
            p.put(o);
            Object r = z.alloc();
            assertEquals(1, gauge(registry, "dragonpool.zone.objects", zoneName, "state", "used"));
            assertEquals(3, gauge(registry, "dragonpool.zone.objects", zoneName, "state", "idle"));
            assertEquals(4, gauge(registry, "dragonpool.zone.limit", zoneName));
            assertEquals(1, counter(registry, "dragonpool.zone.hits", zoneName));
            z.free(r);
            ByteBuffer b = KMalloc.global().alloc(t, 1000);
            assertEquals(1, gauge(registry, "dragonpool.malloc.allocations", typeName));
            assertEquals(t.stats().memUse(), gauge(registry, "dragonpool.malloc.memory", typeName));
            assertTrue(gauge(registry, "dragonpool.malloc.memory", typeName) >= 1000);
            assertEquals(1 << 20, gauge(registry, "dragonpool.malloc.limit", typeName));
            assertEquals(1, counter(registry, "dragonpool.malloc.requests", typeName));
            KMalloc.global().free(b);
            assertEquals(0, gauge(registry, "dragonpool.malloc.allocations", typeName));
        } finally {
            c.destroy();
            p.destroy();
            z.destroy();
            t.destroy();
        }
        for (String n : List.of(cacheName, pipeName, zoneName, typeName)) {
            assertEquals(List.of(), metersOf(registry, n), n + ": meters of a destroyed pool are removed");
        }
    }

    @Test
    void the_global_arena_shows_budget_charge_and_pages() {
        String typeName = unique("arena-type");
        MallocType t = MallocType.define(typeName, 1 << 20);
        cleanup.add(t::destroy);
        ByteBuffer b = KMalloc.global().alloc(t, 64);
        cleanup.add(() -> KMalloc.global().free(b));
        metrics.bindTo(registry);
        Arena a = Arena.global();
        assertEquals(a.stats().budget(), gauge(registry, "dragonpool.arena.budget", "global"));
        assertTrue(gauge(registry, "dragonpool.arena.charged", "global") > 0, "kmalloc's chunk is charged");
        assertTrue(gauge(registry, "dragonpool.arena.high.water", "global") >= gauge(registry, "dragonpool.arena.charged", "global"));
        assertTrue(gauge(registry, "dragonpool.arena.pages", "global", "state", "used") >= 1, "a slab page is in use");
        assertEquals(KMalloc.pageStats(a).pagesFree(), gauge(registry, "dragonpool.arena.pages", "global", "state", "idle"));
        assertTrue(gauge(registry, "dragonpool.arena.chunks", "global") >= 1);
        assertEquals(KMalloc.pageStats(a).bytesReserved(), gauge(registry, "dragonpool.arena.direct", "global"));
        assertEquals(a.stats().charges(), counter(registry, "dragonpool.arena.charges", "global"));
        assertEquals(a.stats().reclaims(), counter(registry, "dragonpool.arena.reclaims", "global"));
        assertNotNull(registry.find("dragonpool.arena.reclaimed").tag("pool.name", "global").functionCounter());
        assertNotNull(registry.find("dragonpool.arena.failures").tag("pool.name", "global").functionCounter());
    }

    @Test
    void two_live_caches_with_one_name_are_published_apart() {
        String name = unique("twin");
        ObjCache<Object> first = cache(ObjCache.builder(name, Object::new));
        metrics.bindTo(registry);
        ObjCache<Object> second = cache(ObjCache.builder(name, Object::new));
        first.get();
        second.get();
        second.get();
        assertEquals(1, counter(registry, "dragonpool.objcache.requests", name));
        assertEquals(2, counter(registry, "dragonpool.objcache.requests", name + "#2"));
        first.destroy();
        assertEquals(List.of(), metersOf(registry, name));
        assertEquals(2, counter(registry, "dragonpool.objcache.requests", name + "#2"), "the twin keeps its meters");
    }

    @Test
    void extra_tags_go_on_every_meter() {
        String name = unique("tagged");
        cache(ObjCache.builder(name, Object::new));
        try (DragonpoolMetrics tagged = new DragonpoolMetrics(Tags.of("application", "orders"))) {
            SimpleMeterRegistry r = new SimpleMeterRegistry();
            tagged.bindTo(r);
            List<Meter> ms = metersOf(r, name);
            assertTrue(ms.size() >= 10, ms.toString());
            for (Meter m : ms) {
                assertEquals("orders", m.getId().getTag("application"), m.getId().toString());
                assertTrue(m.getId().getName().startsWith("dragonpool.objcache."), m.getId().toString());
            }
        }
    }

    @Test
    void close_removes_the_meters_and_stops_following_the_registry() {
        String before = unique("before-close");
        cache(ObjCache.builder(before, Object::new));
        SimpleMeterRegistry other = new SimpleMeterRegistry();
        metrics.bindTo(registry);
        metrics.bindTo(other);
        assertTrue(!metersOf(registry, before).isEmpty() && !metersOf(other, before).isEmpty());
        metrics.close();
        assertEquals(List.of(), registry.find("dragonpool.objcache.requests").meters());
        assertEquals(List.of(), other.getMeters());
        String after = unique("after-close");
        cache(ObjCache.builder(after, Object::new));
        assertEquals(List.of(), metersOf(registry, after));
        assertThrows(IllegalStateException.class, () -> metrics.bindTo(new SimpleMeterRegistry()));
        metrics.close(); // idempotent
    }

    @Test
    void a_snapshot_is_reused_for_its_max_age() {
        AtomicInteger taken = new AtomicInteger();
        Snapshot<Integer> longLived = new Snapshot<>(taken::incrementAndGet, Duration.ofHours(1).toNanos());
        assertEquals(1, longLived.get());
        assertEquals(1, longLived.get());
        assertEquals(1, taken.get());
        Snapshot<Integer> always = new Snapshot<>(taken::incrementAndGet, 0);
        assertEquals(2, always.get());
        assertEquals(3, always.get());
    }

    @Test
    void mpipe_without_a_maximum_has_no_limit_gauge() {
        String name = unique("open-pipe");
        MPipe<Object> p = MPipe.builder(name, Object::new).reserve(1).build();
        cleanup.add(p::destroy);
        metrics.bindTo(registry);
        assertEquals(MPipeStats.UNLIMITED, p.stats().nmax());
        assertNull(registry.find("dragonpool.mpipe.limit").tag("pool.name", name).gauge());
        assertEquals(1, gauge(registry, "dragonpool.mpipe.reserve", name));
    }
}
