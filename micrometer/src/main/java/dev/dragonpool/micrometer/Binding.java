package dev.dragonpool.micrometer;

import dev.dragonpool.runtime.Arena;
import dev.dragonpool.runtime.ArenaStats;
import dev.dragonpool.runtime.MPipe;
import dev.dragonpool.runtime.MPipeStats;
import dev.dragonpool.runtime.ObjCache;
import dev.dragonpool.runtime.ObjCacheStats;
import dev.dragonpool.runtime.Pools;
import dev.dragonpool.runtime.Zone;
import dev.dragonpool.runtime.ZoneStats;
import dev.dragonpool.runtime.internal.Registry;
import dev.dragonpool.runtime.kmalloc.ArenaPageStats;
import dev.dragonpool.runtime.kmalloc.KMalloc;
import dev.dragonpool.runtime.kmalloc.MallocType;
import dev.dragonpool.runtime.kmalloc.MallocTypeStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * The meters of {@link DragonpoolMetrics} in one {@link MeterRegistry}, kept in step with the
 * runtime's pool registry.
 *
 * <p>Concurrency: {@link #sync()} and {@link #close()} are {@code synchronized}. {@code sync} runs
 * on the thread that called {@code bindTo}, and as the registry's listener on the thread that
 * builds or destroys a pool, with no pool lock held (see {@link Registry}); it compares the live
 * pools with the bound ones, so an event heard twice, late, or before the first snapshot changes
 * nothing. Registering a meter is a short critical section in Micrometer and reads no pool.
 *
 * <p>Failure policy: a meter that cannot be registered (a registry that refuses it) is logged
 * once per pool and skipped; the pool, the application and the other meters are unaffected.
 */
final class Binding implements Registry.Listener<Object> {
    private static final System.Logger LOG = System.getLogger(DragonpoolMetrics.class.getName());

    static final String TAG_NAME = "pool.name";
    static final String TAG_STATE = "state";
    static final String BYTES = "bytes";

    private final MeterRegistry registry;
    private final Tags tags;
    private final long maxAgeNanos;
    /** Bound pools, by identity, to the meters registered for them. */
    private final Map<Object, Bound> bound = new IdentityHashMap<>();
    /** {@code kind + '\0' + shown name} of bound pools, so two pools never share a meter. */
    private final Set<String> namesInUse = new HashSet<>();
    private boolean closed;

    /** One pool's meters and the name they show. */
    private static final class Bound {
        final String key;
        final List<Meter> meters = new ArrayList<>();

        Bound(String key) {
            this.key = key;
        }
    }

    Binding(MeterRegistry registry, Tags tags, long maxAgeNanos) {
        this.registry = registry;
        this.tags = tags;
        this.maxAgeNanos = maxAgeNanos;
    }

    @Override
    public void registered(Object pool) {
        sync();
    }

    @Override
    public void unregistered(Object pool) {
        sync();
    }

    /** Binds the pools that are live and not yet bound, and unbinds those that left the registry. */
    synchronized void sync() {
        if (closed) {
            return;
        }
        Map<Object, String> live = new LinkedHashMap<>();
        for (Arena a : Pools.arenas()) {
            live.put(a, "arena");
        }
        for (ObjCache<?> c : Pools.objCaches()) {
            live.put(c, "objcache");
        }
        for (MPipe<?> p : Pools.mpipes()) {
            live.put(p, "mpipe");
        }
        for (Zone<?> z : Pools.zones()) {
            live.put(z, "zone");
        }
        for (MallocType t : Pools.mallocTypes()) {
            live.put(t, "malloc");
        }
        List<Object> gone = new ArrayList<>();
        for (Object pool : bound.keySet()) {
            if (!live.containsKey(pool)) {
                gone.add(pool);
            }
        }
        for (Object pool : gone) {
            unbind(bound.remove(pool));
        }
        for (Map.Entry<Object, String> e : live.entrySet()) {
            if (!bound.containsKey(e.getKey())) {
                bind(e.getKey(), e.getValue());
            }
        }
    }

    /** Removes every meter and stops binding. */
    synchronized void close() {
        closed = true;
        for (Bound b : bound.values()) {
            unbind(b);
        }
        bound.clear();
    }

    /** @return the pools bound now (for tests) */
    synchronized int size() {
        return bound.size();
    }

    private void unbind(Bound b) {
        for (Meter m : b.meters) {
            registry.remove(m);
        }
        namesInUse.remove(b.key);
    }

    private void bind(Object pool, String kind) {
        String name = name(pool);
        String shown = name;
        for (int n = 2; namesInUse.contains(kind + '\0' + shown); n++) {
            shown = name + "#" + n;
        }
        if (!shown.equals(name)) {
            LOG.log(Level.INFO, "dragonpool metrics: a second live " + kind + " named '" + name
                    + "' is published as pool.name=" + shown);
        }
        Bound b = new Bound(kind + '\0' + shown);
        Meters m = new Meters(b.meters, "dragonpool." + kind + ".", tags.and(Binding.TAG_NAME, shown));
        try {
            if (pool instanceof ObjCache) {
                ObjCache<?> c = (ObjCache<?>) pool;
                objCache(m, new Snapshot<>(c::stats, maxAgeNanos), c.stats().limit() != ObjCacheStats.UNLIMITED);
            } else if (pool instanceof MPipe) {
                MPipe<?> p = (MPipe<?>) pool;
                mpipe(m, new Snapshot<>(p::stats, maxAgeNanos), p.stats().nmax() != MPipeStats.UNLIMITED);
            } else if (pool instanceof Zone) {
                zone(m, new Snapshot<>(((Zone<?>) pool)::stats, maxAgeNanos));
            } else if (pool instanceof MallocType) {
                mallocType(m, new Snapshot<>(((MallocType) pool)::stats, maxAgeNanos));
            } else {
                Arena a = (Arena) pool;
                arena(m, new Snapshot<>(a::stats, maxAgeNanos), new Snapshot<>(() -> KMalloc.pageStats(a), maxAgeNanos));
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "dragonpool metrics: " + kind + " '" + name + "' published with "
                    + b.meters.size() + " meters only; the registry refused the next one", e);
        }
        bound.put(pool, b);
        namesInUse.add(b.key);
    }

    private static String name(Object pool) {
        if (pool instanceof ObjCache) {
            return ((ObjCache<?>) pool).name();
        } else if (pool instanceof MPipe) {
            return ((MPipe<?>) pool).name();
        } else if (pool instanceof Zone) {
            return ((Zone<?>) pool).name();
        } else if (pool instanceof MallocType) {
            return ((MallocType) pool).name();
        }
        return ((Arena) pool).name();
    }

    private static void objCache(Meters m, Snapshot<ObjCacheStats> s, boolean limited) {
        m.objects(s, "objects handed out and not yet put back", ObjCacheStats::inUse,
                "idle objects in the magazines and the depot", ObjCacheStats::cached);
        m.gauge("high.water", null, "the most objects that existed at once", s, ObjCacheStats::highWater);
        if (limited) {
            m.gauge("limit", null, "the cluster limit: the most objects that may exist at once", s, ObjCacheStats::limit);
        }
        m.gauge("memory", BYTES, "bytes the cache holds charged to its arena", s, ObjCacheStats::chargedBytes);
        m.counter("requests", "calls to get (new of a @Pooled class)", s, ObjCacheStats::requested);
        m.counter("hits", "gets served from the calling thread's magazines", s, ObjCacheStats::magazineHits);
        m.counter("misses", "gets that went to the depot or constructed", s, x -> x.requested() - x.magazineHits());
        m.counter("exhaustions", "gets that found the cluster limit reached", s, ObjCacheStats::exhausted);
        m.counter("failures", "gets that threw PoolExhaustedException", s, ObjCacheStats::failed);
        m.counter("constructed", "objects constructed", s, ObjCacheStats::created);
        m.counter("destroyed", "objects destructed or dropped to the GC", s, ObjCacheStats::destroyed);
    }

    private static void mpipe(Meters m, Snapshot<MPipeStats> s, boolean limited) {
        m.objects(s, "objects handed out and not yet freed", MPipeStats::inUse,
                "objects waiting in the reserve", MPipeStats::free);
        m.gauge("high.water", null, "the most objects that existed at once", s, MPipeStats::highWater);
        if (limited) {
            m.gauge("limit", null, "nmax: the most objects that may exist at once", s, MPipeStats::nmax);
        }
        m.gauge("reserve", null, "nnom: objects kept constructed for allocation without blocking", s, MPipeStats::nnom);
        m.counter("requests", "calls to allocate", s, MPipeStats::requested);
        m.counter("hits", "allocations served from the reserve", s, MPipeStats::reserveHits);
        m.counter("misses", "allocations beyond the reserve", s, x -> x.requested() - x.reserveHits());
        m.counter("exhaustions", "allocations that found nmax objects out", s, MPipeStats::exhausted);
        m.counter("failures", "allocations that gave up (fail policy or timeout)", s, MPipeStats::failed);
        m.counter("waits", "allocations that had to wait", s, MPipeStats::waits);
        m.counter("constructed", "objects constructed", s, MPipeStats::created);
        m.counter("destroyed", "objects destructed", s, MPipeStats::destroyed);
    }

    private static void zone(Meters m, Snapshot<ZoneStats> s) {
        m.objects(s, "records allocated", ZoneStats::used, "records free", ZoneStats::free);
        m.gauge("high.water", null, "the most records used at once", s, ZoneStats::highWater);
        m.gauge("limit", null, "capacity: the zone never grows", s, ZoneStats::limit);
        m.gauge("memory", BYTES, "bytes of the preallocated records (estimate)", s, x -> (double) x.size() * x.limit());
        m.counter("requests", "calls to alloc", s, ZoneStats::requests);
        m.counter("hits", "allocations served", s, x -> x.requests() - x.failed());
        m.counter("misses", "allocations refused", s, ZoneStats::failed);
        m.counter("exhaustions", "allocations that found every record in use", s, ZoneStats::failed);
    }

    private static void mallocType(Meters m, Snapshot<MallocTypeStats> s) {
        m.gauge("allocations", null, "buffers allocated and not yet freed", s, MallocTypeStats::inUse);
        m.gauge("memory", BYTES, "bytes allocated (charged sizes: chunk or page run)", s, MallocTypeStats::memUse);
        m.gauge("high.water", BYTES, "high-water mark of the bytes charged to the type", s, MallocTypeStats::highUse);
        m.gauge("limit", BYTES, "the most bytes the type may hold at once", s, MallocTypeStats::limit);
        m.counter("requests", "successful allocations", s, MallocTypeStats::requests);
        m.counter("failures", "allocations refused (type limit or arena budget)", s, MallocTypeStats::failures);
    }

    private static void arena(Meters m, Snapshot<ArenaStats> s, Snapshot<ArenaPageStats> p) {
        m.gauge("charged", BYTES, "bytes charged to the arena now", s, ArenaStats::charged);
        m.gauge("budget", BYTES, "bytes the arena allows to be charged", s, ArenaStats::budget);
        m.gauge("high.water", BYTES, "the most bytes charged at once", s, ArenaStats::highWater);
        m.gauge("direct", BYTES, "bytes of direct memory the buffer allocators hold on the arena", p,
                ArenaPageStats::bytesReserved);
        m.gauge("chunks", null, "direct-memory chunks the buffer allocators hold on the arena", p, ArenaPageStats::chunks);
        m.stateGauge("pages", "off-heap pages handed out (slabs and page runs)", "used", p, ArenaPageStats::pagesInUse);
        m.stateGauge("pages", "off-heap pages held but not handed out", "idle", p, ArenaPageStats::pagesFree);
        m.counter("charges", "successful charges", s, ArenaStats::charges);
        m.counter("failures", "charges refused even after reclaiming", s, ArenaStats::failures);
        m.counter("reclaims", "times the caches were asked to give memory back", s, ArenaStats::reclaims);
        m.counter("reclaimed", BYTES, "bytes the caches gave back", s, ArenaStats::reclaimedBytes);
    }

    /** Registers one pool's meters under a name prefix and tags, collecting them in a list. */
    private final class Meters {
        private final List<Meter> out;
        private final String prefix;
        private final Tags poolTags;

        Meters(List<Meter> out, String prefix, Tags poolTags) {
            this.out = out;
            this.prefix = prefix;
            this.poolTags = poolTags;
        }

        /** The two {@code objects} gauges, {@code state=used} and {@code state=idle}. */
        <S> void objects(Snapshot<S> s, String usedDescription, ToDoubleFunction<S> used, String idleDescription,
                ToDoubleFunction<S> idle) {
            stateGauge("objects", usedDescription, "used", s, used);
            stateGauge("objects", idleDescription, "idle", s, idle);
        }

        <S> void stateGauge(String what, String description, String state, Snapshot<S> s, ToDoubleFunction<S> f) {
            out.add(Gauge.builder(prefix + what, s, x -> f.applyAsDouble(x.get()))
                    .description(description)
                    .tags(poolTags)
                    .tag(TAG_STATE, state)
                    .strongReference(true)
                    .register(registry));
        }

        <S> void gauge(String what, String unit, String description, Snapshot<S> s, ToDoubleFunction<S> f) {
            out.add(Gauge.builder(prefix + what, s, x -> f.applyAsDouble(x.get()))
                    .description(description)
                    .baseUnit(unit)
                    .tags(poolTags)
                    .strongReference(true)
                    .register(registry));
        }

        <S> void counter(String what, String description, Snapshot<S> s, ToDoubleFunction<S> f) {
            counter(what, null, description, s, f);
        }

        <S> void counter(String what, String unit, String description, Snapshot<S> s, ToDoubleFunction<S> f) {
            out.add(FunctionCounter.builder(prefix + what, s, x -> f.applyAsDouble(x.get()))
                    .description(description)
                    .baseUnit(unit)
                    .tags(poolTags)
                    .register(registry));
        }
    }
}
