package dev.dragonpool.runtime.jmx;

import dev.dragonpool.runtime.Arena;
import dev.dragonpool.runtime.MPipe;
import dev.dragonpool.runtime.ObjCache;
import dev.dragonpool.runtime.Pools;
import dev.dragonpool.runtime.Zone;
import dev.dragonpool.runtime.kmalloc.MallocType;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.lang.ref.WeakReference;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import javax.management.InstanceAlreadyExistsException;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.StandardMBean;

/**
 * The beans one {@link MBeanServer} holds for the live pools, kept in step with {@link Pools} by
 * {@link #sync}: a pool that appeared gets a bean, a bean whose pool left {@code Pools} (destroyed,
 * or collected with the class loader that defined its class) is unregistered. Keys are the pool
 * objects, by identity, held weakly (as the beans hold their pools): a pool of an unloadable
 * class must not be kept alive by its bean.
 *
 * <p>Names: {@code dev.dragonpool:type=<Kind>,name=<pool name>}; when that name is taken (two
 * pools with one name, such as the same class defined by two class loaders, or a bean someone
 * else registered) the next pool gets {@code ,instance=2}, {@code 3}, and so on.
 *
 * <p>Failure policy: registration never fails the application. A JMX or pool error is logged and
 * the pool skipped, to be retried at the next sync.
 *
 * <p>Concurrency: {@code sync} and {@code clear} are {@code synchronized}; they run on the caller's
 * thread or the refresher thread, never on a pool's fast path. A set is single-use: once cleared
 * (by {@code DragonpoolJmx.stop()}) a late sync from a refresh that raced with the stop registers
 * nothing.
 */
final class BeanSet {
    private static final System.Logger LOG = System.getLogger("dev.dragonpool.jmx");

    /** One pool's wish to be registered. */
    private static final class Wanted {
        final ObjectName name;
        final Supplier<Object> bean;

        Wanted(ObjectName name, Supplier<Object> bean) {
            this.name = name;
            this.bean = bean;
        }
    }

    /** The most same-named beans told apart by {@code instance=N}. */
    private static final int MAX_INSTANCES = 10_000;
    /** Key of the agent's bean: there is one agent (its counters are static). */
    private static final Object AGENT_KEY = new Object();

    private final MBeanServer server;
    private final Map<Key, ObjectName> registered = new HashMap<>();

    /** A pool as a map key: by identity, held weakly. */
    private static final class Key extends WeakReference<Object> {
        private final int hash;

        Key(Object pool) {
            super(pool);
            this.hash = System.identityHashCode(pool);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            if (this == o) {
                return true;
            }
            if (!(o instanceof Key)) {
                return false;
            }
            Object a = get();
            return a != null && a == ((Key) o).get();
        }
    }
    /** Set by {@link #clear}: a sync that lost the race with {@code stop()} must not register again. */
    private boolean closed;

    BeanSet(MBeanServer server) {
        this.server = server;
    }

    MBeanServer server() {
        return server;
    }

    /** Registers beans for pools that appeared and unregisters those of pools that left; returns the beans held. */
    synchronized int sync() {
        if (closed) {
            return 0;
        }
        Map<Object, Wanted> wanted = wanted();
        List<Key> gone = new ArrayList<>();
        for (Key key : registered.keySet()) {
            Object pool = key.get();
            if (pool == null || !wanted.containsKey(pool)) {
                gone.add(key);
            }
        }
        for (Key key : gone) {
            unregister(registered.remove(key));
        }
        for (Map.Entry<Object, Wanted> e : wanted.entrySet()) {
            Key key = new Key(e.getKey());
            if (!registered.containsKey(key)) {
                register(key, e.getValue());
            }
        }
        return registered.size();
    }

    /** Unregisters every bean this set registered; later syncs do nothing. */
    synchronized void clear() {
        closed = true;
        for (ObjectName n : registered.values()) {
            unregister(n);
        }
        registered.clear();
    }

    synchronized List<ObjectName> names() {
        return List.copyOf(registered.values());
    }

    private Map<Object, Wanted> wanted() {
        Map<Object, Wanted> m = new IdentityHashMap<>();
        for (Arena a : Pools.arenas()) {
            add(m, a, "Arena", a::name, () -> new StandardMBean(new ArenaBean(a), ArenaMXBean.class, true));
        }
        for (ObjCache<?> c : Pools.objCaches()) {
            add(m, c, "ObjCache", c::name, () -> new StandardMBean(new ObjCacheBean(c), ObjCacheMXBean.class, true));
        }
        for (MPipe<?> p : Pools.mpipes()) {
            add(m, p, "MPipe", p::name, () -> new StandardMBean(new MPipeBean(p), MPipeMXBean.class, true));
        }
        for (Zone<?> z : Pools.zones()) {
            add(m, z, "Zone", z::name, () -> new StandardMBean(new ZoneBean(z), ZoneMXBean.class, true));
        }
        for (MallocType t : Pools.mallocTypes()) {
            add(m, t, "MallocType", t::name,
                    () -> new StandardMBean(new MallocTypeBean(t), MallocTypeMXBean.class, true));
        }
        if (AgentBean.agentPresent()) {
            try {
                m.put(AGENT_KEY, new Wanted(new ObjectName(DragonpoolJmx.DOMAIN + ":type=Agent"),
                        () -> new StandardMBean(new AgentBean(), AgentMXBean.class, true)));
            } catch (JMException e) {
                LOG.log(Level.WARNING, "dragonpool jmx: cannot name the agent bean", e);
            }
        }
        return m;
    }

    private interface Bean {
        Object make() throws JMException;
    }

    private static void add(Map<Object, Wanted> m, Object pool, String type, Supplier<String> name, Bean bean) {
        try {
            ObjectName on = DragonpoolJmx.objectName(type, name.get());
            m.put(pool, new Wanted(on, () -> {
                try {
                    return bean.make();
                } catch (JMException e) {
                    throw new IllegalStateException(e);
                }
            }));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "dragonpool jmx: cannot name " + type + " " + pool, e);
        }
    }

    private void register(Key key, Wanted w) {
        ObjectName name = w.name;
        try {
            Object bean = w.bean.get();
            for (int instance = 2; ; instance++) {
                try {
                    server.registerMBean(bean, name);
                    registered.put(key, name);
                    return;
                } catch (InstanceAlreadyExistsException e) {
                    if (instance > MAX_INSTANCES) {
                        LOG.log(Level.WARNING, "dragonpool jmx: " + w.name + " and " + MAX_INSTANCES
                                + " numbered instances are taken; this pool gets no bean (give pools distinct names)");
                        return;
                    }
                    name = new ObjectName(w.name + ",instance=" + instance);
                }
            }
        } catch (JMException | RuntimeException e) {
            LOG.log(Level.WARNING, "dragonpool jmx: cannot register " + name + ": " + e, e);
        }
    }

    private void unregister(ObjectName n) {
        try {
            server.unregisterMBean(n);
        } catch (InstanceNotFoundException e) {
            // Someone else removed it already; nothing left to do.
        } catch (JMException | RuntimeException e) {
            LOG.log(Level.WARNING, "dragonpool jmx: cannot unregister " + n + ": " + e, e);
        }
    }
}
