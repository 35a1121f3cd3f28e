package dev.dragonpool.runtime.jmx;

import dev.dragonpool.runtime.internal.Registries;
import dev.dragonpool.runtime.internal.Threads;
import dev.dragonpool.runtime.internal.Registry;
import java.lang.System.Logger.Level;
import java.lang.management.ManagementFactory;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/**
 * Publishes every Dragonpool pool as an MXBean under the JMX domain {@code dev.dragonpool}, so
 * JConsole, VisualVM, JDK Mission Control and the agent's {@code stat} command see them:
 * {@code type=ObjCache}, {@code type=MPipe}, {@code type=Zone}, {@code type=Arena} and
 * {@code type=MallocType} (the buffer allocator's {@code vmstat -m} lines), each with
 * {@code name=<pool name>}, and {@code type=Agent} once the agent is seen to run (it sets
 * {@value #AGENT_VERSION_PROPERTY} before it starts JMX, or its transformer has counted a class by
 * the time of a sync: at start and whenever pools change). The agent calls
 * {@link #startInBackground(long)} at start-up unless configured with {@code jmx=off}; an
 * application without the agent may call {@link #start()} itself.
 *
 * <p>Design: beans are thin views over the pools' immutable stats snapshots ({@code ObjCacheStats}
 * ...), with open types only. Pools created or destroyed after {@code start()} are heard of through a
 * listener on the pool registry ({@link Registry.Listener}): it only sets a flag and unparks a daemon
 * thread ({@code dragonpool-jmx}), so building a pool costs no JMX work; that thread waits
 * {@value #REFRESH_DELAY_MILLIS} ms to gather a burst of pools (the agent makes one cache per class as
 * classes load), then compares {@link dev.dragonpool.runtime.Pools} with the registered beans, registers
 * the new pools and unregisters the beans of destroyed ones. It sleeps while nothing changes.
 * {@link #refresh()} does the same at once on the caller's thread.
 *
 * <p>Failure policy: nothing here throws into the application. A missing platform MBean server
 * (a runtime image without {@code java.management}), a name clash or a failing pool is logged
 * through {@link System.Logger} ({@code dev.dragonpool.jmx}) and survived.
 *
 * <p>While started, the system property {@value #ACTIVE_PROPERTY} is {@code active}; the
 * {@code stat} command uses it to find JVMs worth attaching to.
 */
public final class DragonpoolJmx {

    /** The JMX domain of every Dragonpool bean. */
    public static final String DOMAIN = "dev.dragonpool";

    /** System property set to {@code active} while beans are published. */
    public static final String ACTIVE_PROPERTY = "dev.dragonpool.jmx";

    /** System property the agent sets to its version at start; read by JMX and by the {@code stat} command. */
    public static final String AGENT_VERSION_PROPERTY = "dragonpool.agent.version";

    /** How long the refresher thread gathers pool changes before it brings the beans in step, in milliseconds. */
    public static final long REFRESH_DELAY_MILLIS = 20;

    /** The logger, created on first use: {@code System.getLogger} costs tens of milliseconds in premain. */
    private static final class Log {
        static final System.Logger LOG = System.getLogger("dev.dragonpool.jmx");
    }
    private static final Object LOCK = new Object();

    /** Guarded by {@code LOCK}. */
    private static BeanSet active;
    /** Guarded by {@code LOCK}. */
    private static Thread refresher;
    /** Bumped by {@link #stop()} so that a pending background start gives up; guarded by {@code LOCK}. */
    private static long generation;
    /** The refresher to wake, read by the registry listener without any lock; written under {@code LOCK}. */
    private static volatile Thread wakeup;
    /** Set by the registry listener when a pool came or went; cleared by the refresher before it syncs. */
    private static volatile boolean changed;
    /** The registry listener, added while started. */
    private static final PoolsChanged LISTENER = new PoolsChanged();

    private DragonpoolJmx() {
    }

    /**
     * Registers beans for every live pool in the platform MBean server and keeps them in step with
     * pools created and destroyed later. Idempotent.
     *
     * @return {@code true} when beans are published (now or already), {@code false} when the platform
     *         MBean server is unavailable (logged)
     */
    public static boolean start() {
        MBeanServer server;
        try {
            server = ManagementFactory.getPlatformMBeanServer();
        } catch (RuntimeException | LinkageError e) {
            Log.LOG.log(Level.WARNING, "dragonpool jmx: no platform MBean server, pools are not published: " + e);
            return false;
        }
        return start(server);
    }

    /**
     * Calls {@link #start()} on a daemon thread after {@code delayMillis}, so the caller (the agent's
     * {@code premain}) does not pay for creating the platform MBean server (about 0.2 s on a cold
     * JVM), and an application that installs its own {@code javax.management.builder.initial} or
     * logging manager early in {@code main} gets to do so first. A {@link #stop()} before the start
     * cancels it. Failures are logged as for {@code start()}.
     *
     * @param delayMillis how long to wait first, {@code >= 0}
     * @throws IllegalArgumentException if the delay is negative
     */
    public static void startInBackground(long delayMillis) {
        if (delayMillis < 0) {
            throw new IllegalArgumentException("JMX start delay must be >= 0 ms, got " + delayMillis);
        }
        long gen;
        synchronized (LOCK) {
            if (active != null) {
                return;
            }
            gen = generation;
        }
        // A named class, not a lambda: this runs in premain, where the first lambda would cost
        // the invokedynamic bootstrap (tens of milliseconds).
        Thread t = Threads.daemon(new BackgroundStart(delayMillis, gen), "dragonpool-jmx-start");
        t.start();
    }

    /**
     * Like {@link #start()} with a chosen server (tests, or an application with its own server).
     *
     * @param server the server to register in
     * @return {@code true} when beans are published in {@code server}; {@code false} (logged) when
     *         already started on another server
     */
    public static boolean start(MBeanServer server) {
        Objects.requireNonNull(server, "server");
        synchronized (LOCK) {
            if (active != null) {
                if (active.server() == server) {
                    return true;
                }
                Log.LOG.log(Level.WARNING, "dragonpool jmx: already started on another MBean server; call stop() first");
                return false;
            }
            BeanSet set = new BeanSet(server);
            Thread t = Threads.daemon(new Refresher(), "dragonpool-jmx");
            refresher = t;
            wakeup = t;
            // The listener goes first: a pool built during the first sync is then heard of, not lost.
            Registries.addListener(LISTENER);
            syncQuietly(set);
            active = set;
            t.start();
            setActiveProperty(true);
            return true;
        }
    }

    /** Unregisters every bean this class registered, ends the refresher thread and cancels a pending background start. Idempotent. */
    public static void stop() {
        Thread t;
        synchronized (LOCK) {
            generation++;
            if (active == null) {
                return;
            }
            Registries.removeListener(LISTENER);
            active.clear();
            active = null;
            t = refresher;
            refresher = null;
            wakeup = null;
            setActiveProperty(false);
        }
        t.interrupt();
    }

    /** @return whether beans are published */
    public static boolean isStarted() {
        synchronized (LOCK) {
            return active != null;
        }
    }

    /** Brings the beans in step with {@link dev.dragonpool.runtime.Pools} now; a no-op when not started. */
    public static void refresh() {
        BeanSet set;
        synchronized (LOCK) {
            set = active;
        }
        if (set != null) {
            syncQuietly(set);
        }
    }

    /**
     * A new private MBean server holding one bean per pool live now, not refreshed and not
     * visible to JMX clients: for printing the stat table in-process (the agent's {@code report=exit})
     * when beans are not published.
     *
     * @return the server
     */
    public static MBeanServer snapshotServer() {
        MBeanServer server = MBeanServerFactory.newMBeanServer();
        syncQuietly(new BeanSet(server));
        return server;
    }

    /**
     * The name of a bean: {@code dev.dragonpool:type=<type>,name=<name>}, the name quoted when it
     * holds a character that {@link ObjectName} reserves.
     *
     * @param type the bean type, e.g. {@code ObjCache}
     * @param name the pool's name
     * @return the object name
     * @throws IllegalArgumentException when the type is not a plain word
     */
    public static ObjectName objectName(String type, String name) {
        String value = name == null || name.isEmpty() || needsQuote(name) ? ObjectName.quote(String.valueOf(name)) : name;
        try {
            return new ObjectName(DOMAIN + ":type=" + type + ",name=" + value);
        } catch (MalformedObjectNameException e) {
            throw new IllegalArgumentException("bad JMX bean type '" + type + "' for pool '" + name + "'", e);
        }
    }

    private static boolean needsQuote(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ',' || c == '=' || c == ':' || c == '"' || c == '*' || c == '?' || c == '\n' || c == '\\') {
                return true;
            }
        }
        return false;
    }

    /** Body of the thread started by {@link #startInBackground(long)}. */
    private static final class BackgroundStart implements Runnable {
        private final long delayMillis;
        private final long generation;

        BackgroundStart(long delayMillis, long generation) {
            this.delayMillis = delayMillis;
            this.generation = generation;
        }

        @Override
        public void run() {
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                return;
            }
            synchronized (LOCK) {
                if (DragonpoolJmx.generation != generation || active != null) {
                    return;
                }
            }
            start();
        }
    }

    /**
     * The registry listener: runs on the thread that builds or destroys a pool, with no pool lock held.
     * It only sets a flag and unparks the refresher, so pool creation pays a volatile write and an
     * unpark, and nothing here can throw into the application.
     */
    private static final class PoolsChanged implements Registry.Listener<Object> {
        @Override
        public void registered(Object pool) {
            signal();
        }

        @Override
        public void unregistered(Object pool) {
            signal();
        }

        /**
         * Wakes the refresher unless a change is already pending: in a burst only the first pool pays
         * the unpark. Safe without a lock: the registry's volatile write of the pool comes before our
         * read of {@code changed}, and the refresher clears {@code changed} before it reads the
         * registry, so either we see it cleared and wake it again, or its sync sees the pool.
         */
        private static void signal() {
            if (changed) {
                return;
            }
            changed = true;
            Thread t = wakeup;
            if (t != null) {
                LockSupport.unpark(t);
            }
        }

        @Override
        public String toString() {
            return "DragonpoolJmx.PoolsChanged";
        }
    }

    /** Body of the refresher thread. */
    private static final class Refresher implements Runnable {
        @Override
        public void run() {
            refreshLoop();
        }
    }

    /**
     * Sleeps until the listener reports a change, gathers changes for {@link #REFRESH_DELAY_MILLIS},
     * then syncs. {@code changed} is cleared before the sync reads {@code Pools}, so a change made
     * during a sync is synced again, never lost. {@link #stop()} interrupts the thread.
     */
    private static void refreshLoop() {
        Thread me = Thread.currentThread();
        for (;;) {
            while (!changed) {
                LockSupport.park(LISTENER);
                if (me.isInterrupted()) {
                    return;
                }
            }
            long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(REFRESH_DELAY_MILLIS);
            for (long left; (left = until - System.nanoTime()) > 0; ) {
                LockSupport.parkNanos(LISTENER, left);
                if (me.isInterrupted()) {
                    return;
                }
            }
            changed = false;
            BeanSet set;
            synchronized (LOCK) {
                if (refresher != Thread.currentThread()) {
                    return;
                }
                set = active;
            }
            syncQuietly(set);
        }
    }

    private static void syncQuietly(BeanSet set) {
        try {
            set.sync();
        } catch (RuntimeException | LinkageError e) {
            Log.LOG.log(Level.WARNING, "dragonpool jmx: refreshing the pool beans failed: " + e, e);
        }
    }

    private static void setActiveProperty(boolean on) {
        try {
            if (on) {
                System.setProperty(ACTIVE_PROPERTY, "active");
            } else {
                System.clearProperty(ACTIVE_PROPERTY);
            }
        } catch (SecurityException e) {
            Log.LOG.log(Level.DEBUG, "dragonpool jmx: cannot set " + ACTIVE_PROPERTY + ": " + e);
        }
    }
}
