package dev.dragonpool.runtime.jmx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.dragonpool.runtime.Arena;
import dev.dragonpool.runtime.LimitPolicy;
import dev.dragonpool.runtime.MPipe;
import dev.dragonpool.runtime.ObjCache;
import dev.dragonpool.runtime.ObjCacheStats;
import dev.dragonpool.runtime.Pools;
import dev.dragonpool.runtime.Zone;
import dev.dragonpool.runtime.internal.agent.AgentCounters;
import dev.dragonpool.runtime.kmalloc.KMalloc;
import dev.dragonpool.runtime.kmalloc.MallocType;
import dev.dragonpool.runtime.internal.agent.AgentStats;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.JMX;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import javax.management.RuntimeMBeanException;
import javax.management.StandardMBean;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.OpenType;
import javax.management.openmbean.TabularData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DragonpoolJmxTest {

    private MBeanServer server;
    private final List<Runnable> cleanup = new ArrayList<>();

    @BeforeEach
    void fresh_server() {
        DragonpoolJmx.stop();
        server = MBeanServerFactory.newMBeanServer();
    }

    @AfterEach
    void stop_and_destroy() {
        DragonpoolJmx.stop();
        cleanup.forEach(Runnable::run);
    }

    private Zone<StringBuilder> zone(String name, int capacity) {
        Zone<StringBuilder> z = Zone.create(name, capacity, StringBuilder::new);
        cleanup.add(z::destroy);
        return z;
    }

    private MPipe<byte[]> mpipe(String name, int nnom, int nmax) {
        MPipe<byte[]> p = MPipe.builder(name, () -> new byte[64]).reserve(nnom).max(nmax)
                .onLimit(LimitPolicy.FAIL).build();
        cleanup.add(p::destroy);
        return p;
    }

    private static long attr(MBeanServer s, ObjectName n, String a) throws Exception {
        return ((Number) s.getAttribute(n, a)).longValue();
    }

    @Test
    void start_registers_a_bean_per_zone_mpipe_objcache_and_arena_with_their_stats() throws Exception {
        Zone<StringBuilder> z = zone("jmxtest-zone", 4);
        StringBuilder a = z.alloc();
        z.alloc();
        z.alloc();
        z.free(a);
        MPipe<byte[]> p = mpipe("jmxtest-pipe", 2, 5);
        byte[] b1 = p.get();
        p.get();
        p.get();
        p.put(b1);
        Arena arena = Arena.create("jmxtest-arena", 64 * 1024);
        assertTrue(arena.tryCharge(5000));
        cleanup.add(() -> arena.uncharge(5000));

        assertTrue(DragonpoolJmx.start(server));

        ObjectName zn = new ObjectName("dev.dragonpool:type=Zone,name=jmxtest-zone");
        assertEquals("zone", server.getAttribute(zn, "Kind"));
        assertEquals(4, attr(server, zn, "Limit"));
        assertEquals(2, attr(server, zn, "InUse"));
        assertEquals(2, attr(server, zn, "Cached"));
        assertEquals(3, attr(server, zn, "HighWater"));
        assertEquals(3, attr(server, zn, "Requests"));
        assertEquals(z.stats().size() * 4, attr(server, zn, "MemoryHeld"));

        ObjectName pn = new ObjectName("dev.dragonpool:type=MPipe,name=jmxtest-pipe");
        assertEquals(p.stats().inUse(), attr(server, pn, "InUse"));
        assertEquals(2, attr(server, pn, "InUse"));
        assertEquals(5, attr(server, pn, "Limit"));
        MPipe<byte[]> open = MPipe.builder("jmxtest-pipe-open", () -> new byte[1]).build();
        cleanup.add(open::destroy);
        DragonpoolJmx.refresh();
        assertEquals(-1, attr(server, new ObjectName("dev.dragonpool:type=MPipe,name=jmxtest-pipe-open"), "Limit"),
                "built without nmax");
        assertEquals(2, attr(server, pn, "Reserve"));
        assertEquals(3, attr(server, pn, "Requests"));
        assertEquals(p.stats().reserveHits(), attr(server, pn, "Hits"));
        assertEquals(p.stats().created(), attr(server, pn, "Created"));

        ObjectName an = new ObjectName("dev.dragonpool:type=Arena,name=jmxtest-arena");
        assertEquals(64 * 1024, attr(server, an, "Budget"));
        assertEquals(8192, attr(server, an, "Charged"), "5000 bytes charged as two pages");
    }

    @Test
    void an_objcache_bean_reads_the_cache_stats_and_reclaims() throws Exception {
        ObjCache<StringBuilder> c = ObjCache.builder("jmxtest-cache", StringBuilder::new).build();
        cleanup.add(c::destroy);
        assumeTrue(Pools.objCaches().contains(c), "this ObjCache does not register in Pools yet");
        List<StringBuilder> out = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            out.add(c.get());
        }
        out.forEach(c::put);
        DragonpoolJmx.start(server);
        ObjectName cn = new ObjectName("dev.dragonpool:type=ObjCache,name=jmxtest-cache");
        assertEquals("objcache", server.getAttribute(cn, "Kind"));
        ObjCacheStats s = c.stats();
        assertEquals(600, attr(server, cn, "Requests"));
        assertEquals(-1, attr(server, cn, "Limit"), "built without a limit");
        assertEquals(ObjCacheStats.UNLIMITED, s.limit());
        assertEquals(s.created(), attr(server, cn, "Created"));
        assertEquals(0, attr(server, cn, "InUse"));
        assertEquals(s.cached(), attr(server, cn, "Cached"));
        assertEquals(s.magazineHits(), attr(server, cn, "Hits"));
        assertEquals(s.highWater(), attr(server, cn, "HighWater"));
        assertEquals(s.chargedBytes(), attr(server, cn, "MemoryHeld"));
        assertTrue(s.objectSize() > 0, "learned from the first StringBuilder");
        assertEquals(s.objectSize(), attr(server, cn, "ObjectSize"));
        long given = ((Number) server.invoke(cn, "reclaim", null, null)).longValue();
        assertTrue(given > 0, "full magazines went to the depot and were reclaimed");
        assertEquals(s.cached() - given, attr(server, cn, "Cached"), "the bean reads fresh stats after reclaim");
    }

    @Test
    void a_malloc_type_bean_shows_the_vmstat_m_columns() throws Exception {
        MallocType type = MallocType.define("jmxtest-buffers", 1 << 20);
        KMalloc kmalloc = KMalloc.builder(Arena.create("jmxtest-kmalloc", 4 << 20)).build();
        List<ByteBuffer> held = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            held.add(kmalloc.alloc(type, 100));
        }
        cleanup.add(() -> {
            held.forEach(kmalloc::free);
            kmalloc.trim();
            type.destroy();
        });
        DragonpoolJmx.start(server);
        ObjectName n = new ObjectName("dev.dragonpool:type=MallocType,name=jmxtest-buffers");
        assertEquals("malloc", server.getAttribute(n, "Kind"));
        assertEquals(3, attr(server, n, "InUse"));
        assertEquals(3 * kmalloc.chargedSize(100), attr(server, n, "MemUse"));
        assertEquals(1 << 20, attr(server, n, "Limit"));
        assertEquals(3, attr(server, n, "Requests"));
        assertEquals(0, attr(server, n, "Failures"));
        assertTrue(attr(server, n, "HighUse") >= 3 * kmalloc.chargedSize(100));
    }

    @Test
    void an_arena_bean_shows_the_pages_its_buffer_allocators_hold() throws Exception {
        Arena arena = Arena.create("jmxtest-pages", 8 << 20);
        MallocType type = MallocType.define("jmxtest-pages", 4 << 20);
        KMalloc kmalloc = KMalloc.builder(arena).build();
        List<ByteBuffer> held = new ArrayList<>();
        cleanup.add(() -> {
            held.forEach(kmalloc::free);
            kmalloc.close();
            type.destroy();
        });
        for (int i = 0; i < 10; i++) {
            held.add(kmalloc.alloc(type, 16384)); // page runs: 4 pages each
        }
        DragonpoolJmx.start(server);
        ObjectName n = new ObjectName("dev.dragonpool:type=Arena,name=jmxtest-pages");
        assertEquals(1, attr(server, n, "Chunks"), "one 1 MiB chunk holds 40 pages");
        assertEquals(256, attr(server, n, "PagesTotal"));
        long inUse = attr(server, n, "PagesInUse");
        assertTrue(inUse >= 40, "pages in use: " + inUse);
        assertEquals(attr(server, n, "PagesTotal") - attr(server, n, "PagesInUse"), attr(server, n, "PagesFree"));
        assertEquals(1 << 20, attr(server, n, "DirectBytes"));
        assertTrue(attr(server, n, "Charged") >= 1 << 20, "the chunk is charged to the arena's budget");
    }

    @Test
    void reset_high_water_on_a_malloc_type_bean_lowers_it_to_what_is_held_now() throws Exception {
        MallocType type = MallocType.define("jmxtest-peak", 4 << 20);
        KMalloc kmalloc = KMalloc.builder(Arena.create("jmxtest-peak", 8 << 20)).build();
        cleanup.add(() -> {
            kmalloc.close();
            type.destroy();
        });
        List<ByteBuffer> held = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            held.add(kmalloc.alloc(type, 4096));
        }
        held.forEach(kmalloc::free);
        DragonpoolJmx.start(server);
        ObjectName n = new ObjectName("dev.dragonpool:type=MallocType,name=jmxtest-peak");
        long peak = 100L * kmalloc.chargedSize(4096);
        assertTrue(attr(server, n, "HighUse") >= peak, "the peak of 100 pages is remembered");
        server.invoke(n, "resetHighWater", null, null);
        long after = attr(server, n, "HighUse");
        assertTrue(after < peak / 2, "after the reset only the credit heaps keep counts, not the old peak: " + after);
    }

    @Test
    void every_attribute_is_an_open_type_so_clients_need_none_of_our_classes() throws Exception {
        zone("jmxtest-open", 2);
        mpipe("jmxtest-open", 0, 1);
        AgentCounters.CLASSES_SEEN.increment();
        DragonpoolJmx.start(server);
        Set<ObjectName> names = server.queryNames(new ObjectName("dev.dragonpool:*"), null);
        assertTrue(names.size() >= 3, names::toString);
        for (ObjectName n : names) {
            for (MBeanAttributeInfo ai : server.getMBeanInfo(n).getAttributes()) {
                Object open = ai.getDescriptor().getFieldValue("openType");
                assertInstanceOf(OpenType.class, open, n + " " + ai.getName());
                Object value = server.getAttribute(n, ai.getName());
                if (value != null) {
                    String cls = value.getClass().getName();
                    assertTrue(cls.startsWith("java.") || value instanceof CompositeData || value instanceof TabularData,
                            n + " " + ai.getName() + " is a " + cls);
                }
            }
        }
    }

    @Test
    void agent_bean_shows_the_agent_counters_and_refused_classes_as_a_table() throws Exception {
        AgentCounters.CLASSES_SEEN.increment();
        AgentStats before = AgentCounters.snapshot();
        AgentCounters.CLASSES_ENHANCED.add(3);
        AgentCounters.refused("com.acme.jmxtest.Money", "record");
        AgentCounters.SITES_REWRITTEN.add(40);
        AgentCounters.SITES_SKIPPED.add(2);
        DragonpoolJmx.start(server);
        ObjectName agent = new ObjectName("dev.dragonpool:type=Agent");
        assertTrue(server.isRegistered(agent), "the transformer has seen a class, so the agent runs");
        assertEquals(before.enhanced() + 3, attr(server, agent, "ClassesEnhanced"));
        assertEquals(before.refused() + 1, attr(server, agent, "ClassesRefused"));
        assertEquals(before.sitesRewritten() + 40, attr(server, agent, "CallSitesRewritten"));
        assertEquals(before.sitesSkipped() + 2, attr(server, agent, "CallSitesSkipped"));
        TabularData refused = (TabularData) server.getAttribute(agent, "RefusedClasses");
        CompositeData row = refused.get(new Object[] {"com.acme.jmxtest.Money"});
        assertNotNull(row, refused::toString);
        assertEquals("record", row.get("value"));
        AgentMXBean proxy = JMX.newMXBeanProxy(server, agent, AgentMXBean.class);
        assertEquals("record", proxy.getRefusedClasses().get("com.acme.jmxtest.Money"));
    }

    @Test
    void pools_created_after_start_appear_and_destroyed_ones_disappear_without_polling() throws Exception {
        DragonpoolJmx.start(server);
        Zone<StringBuilder> late = Zone.create("jmxtest-late", 1, StringBuilder::new);
        ObjectName n = new ObjectName("dev.dragonpool:type=Zone,name=jmxtest-late");
        assertTrue(waitFor(() -> server.isRegistered(n)), "the registry listener woke the refresher");
        late.destroy();
        assertTrue(waitFor(() -> !server.isRegistered(n)), "the destroyed zone's bean went away");
        Thread refresher = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("dragonpool-jmx") && t.isAlive() && !t.isInterrupted())
                .findFirst().orElseThrow(); // a stopped start's refresher is interrupted
        assertTrue(waitFor(() -> refresher.getState() == Thread.State.WAITING),
                "with nothing changing the refresher parks without a timeout (no poll), state " + refresher.getState());
        DragonpoolJmx.stop();
        Zone<StringBuilder> after = zone("jmxtest-after-stop", 1);
        assertFalse(server.isRegistered(new ObjectName("dev.dragonpool:type=Zone,name=" + after.name())));
        assertTrue(waitFor(() -> !refresher.isAlive()), "stop ends the refresher");
    }

    private interface Condition {
        boolean holds() throws Exception;
    }

    private static boolean waitFor(Condition c) throws Exception {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!c.holds()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    @Test
    void a_name_clash_is_survived_and_other_pools_still_get_beans() throws Exception {
        ObjectName taken = new ObjectName("dev.dragonpool:type=Zone,name=jmxtest-clash");
        server.registerMBean(new StandardMBean(new Squatter(), SquatterMXBean.class, true), taken);
        zone("jmxtest-clash", 1);
        zone("jmxtest-clash", 1);
        zone("jmxtest-other", 1);
        assertTrue(DragonpoolJmx.start(server));
        DragonpoolJmx.refresh();
        assertTrue(server.isRegistered(new ObjectName("dev.dragonpool:type=Zone,name=jmxtest-other")));
        assertEquals("someone else", server.getAttribute(taken, "Owner"), "the foreign bean is left alone");
        DragonpoolJmx.stop();
        assertTrue(server.isRegistered(taken), "stop removes only our beans");
    }

    @Test
    void stop_unregisters_everything_and_start_is_idempotent() throws Exception {
        zone("jmxtest-stop", 1);
        assertTrue(DragonpoolJmx.start(server));
        assertTrue(DragonpoolJmx.start(server));
        assertTrue(DragonpoolJmx.isStarted());
        assertEquals("active", System.getProperty(DragonpoolJmx.ACTIVE_PROPERTY));
        assertFalse(DragonpoolJmx.start(MBeanServerFactory.newMBeanServer()), "a second server is refused");
        assertTrue(server.queryNames(new ObjectName("dev.dragonpool:*"), null).size() > 0);
        DragonpoolJmx.stop();
        DragonpoolJmx.stop();
        assertFalse(DragonpoolJmx.isStarted());
        assertEquals(Set.of(), server.queryNames(new ObjectName("dev.dragonpool:*"), null));
        assertEquals(null, System.getProperty(DragonpoolJmx.ACTIVE_PROPERTY));
    }

    @Test
    void start_without_arguments_uses_the_platform_server() throws Exception {
        zone("jmxtest-platform", 1);
        assertTrue(DragonpoolJmx.start());
        MBeanServer platform = java.lang.management.ManagementFactory.getPlatformMBeanServer();
        assertTrue(platform.isRegistered(new ObjectName("dev.dragonpool:type=Zone,name=jmxtest-platform")));
        DragonpoolJmx.stop();
        assertFalse(platform.isRegistered(new ObjectName("dev.dragonpool:type=Zone,name=jmxtest-platform")));
    }

    @Test
    void background_start_publishes_later_and_stop_cancels_a_pending_one() throws Exception {
        zone("jmxtest-background", 1);
        MBeanServer platform = java.lang.management.ManagementFactory.getPlatformMBeanServer();
        ObjectName n = new ObjectName("dev.dragonpool:type=Zone,name=jmxtest-background");
        DragonpoolJmx.startInBackground(60_000);
        DragonpoolJmx.stop();
        DragonpoolJmx.startInBackground(0);
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!DragonpoolJmx.isStarted() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(DragonpoolJmx.isStarted());
        assertTrue(platform.isRegistered(n));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DragonpoolJmx.startInBackground(-5));
        assertEquals("JMX start delay must be >= 0 ms, got -5", e.getMessage());
    }

    @Test
    void snapshot_server_holds_the_live_pools_without_starting() throws Exception {
        zone("jmxtest-snapshot", 3).alloc();
        MBeanServer snap = DragonpoolJmx.snapshotServer();
        assertFalse(DragonpoolJmx.isStarted());
        assertEquals(1, attr(snap, new ObjectName("dev.dragonpool:type=Zone,name=jmxtest-snapshot"), "InUse"));
    }

    @Test
    void reset_high_water_lowers_the_mark_of_every_pool_kind_and_the_arena() throws Exception {
        Zone<StringBuilder> z = zone("jmxtest-hw", 3);
        StringBuilder a = z.alloc();
        z.alloc();
        z.free(a);
        MPipe<byte[]> p = mpipe("jmxtest-hw", 0, 4);
        byte[] b1 = p.get();
        p.get();
        p.put(b1);
        ObjCache<StringBuilder> c = ObjCache.builder("jmxtest-hw", StringBuilder::new).capacity(0).build();
        cleanup.add(c::destroy);
        StringBuilder o1 = c.get();
        c.get();
        c.put(o1);
        Arena arena = Arena.create("jmxtest-hw", 64 * 1024);
        assertTrue(arena.tryCharge(3 * Arena.PAGE_SIZE));
        arena.uncharge(2 * Arena.PAGE_SIZE);
        cleanup.add(() -> arena.uncharge(Arena.PAGE_SIZE));
        DragonpoolJmx.start(server);

        for (String type : List.of("Zone", "MPipe", "ObjCache")) {
            ObjectName n = new ObjectName("dev.dragonpool:type=" + type + ",name=jmxtest-hw");
            assertEquals(2, attr(server, n, "HighWater"), type);
            server.invoke(n, "resetHighWater", null, null);
            assertEquals(1, attr(server, n, "HighWater"), type + ": one object is still out");
        }
        ObjectName an = new ObjectName("dev.dragonpool:type=Arena,name=jmxtest-hw");
        assertEquals(3 * Arena.PAGE_SIZE, attr(server, an, "HighWater"));
        server.invoke(an, "resetHighWater", null, null);
        assertEquals(Arena.PAGE_SIZE, attr(server, an, "HighWater"));
    }

    @Test
    void arena_budget_is_writable_and_bad_values_are_refused_with_the_arena_message() throws Exception {
        Arena.create("jmxtest-budget", 8192);
        DragonpoolJmx.start(server);
        ObjectName n = new ObjectName("dev.dragonpool:type=Arena,name=jmxtest-budget");
        server.setAttribute(n, new Attribute("Budget", 16384L));
        assertEquals(16384, attr(server, n, "Budget"));
        RuntimeMBeanException e = assertThrows(RuntimeMBeanException.class,
                () -> server.setAttribute(n, new Attribute("Budget", -1L)));
        assertTrue(e.getCause().getMessage().contains("-1"), e.getCause().getMessage());
        AttributeList all = server.getAttributes(n, new String[] {"Name", "Charged", "UsedRatio"});
        assertEquals(3, all.size());
    }

    @Test
    void names_with_reserved_characters_are_quoted() throws Exception {
        ObjectName n = DragonpoolJmx.objectName("ObjCache", "a,b=c:d");
        assertEquals("a,b=c:d", ObjectName.unquote(n.getKeyProperty("name")));
        assertEquals("com.acme.Order$Line", DragonpoolJmx.objectName("ObjCache", "com.acme.Order$Line")
                .getKeyProperty("name"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DragonpoolJmx.objectName("bad,type", "x"));
        assertTrue(e.getMessage().contains("bad,type"), e.getMessage());
    }

    /** A foreign bean squatting on a name a pool wants. */
    public interface SquatterMXBean {
        String getOwner();
    }

    static final class Squatter implements SquatterMXBean {
        @Override
        public String getOwner() {
            return "someone else";
        }
    }
}
