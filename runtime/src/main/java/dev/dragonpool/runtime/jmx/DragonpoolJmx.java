package dev.dragonpool.runtime.jmx;

import java.lang.System.Logger.Level;
import java.lang.management.ManagementFactory;
import java.util.Objects;
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
 * {@value #AGENT_VERSION_PROPERTY}, or its transformer has counted a class). The agent calls
 * {@link #startInBackground(long)} at start-up unless configured with {@code jmx=off}; an
 * application without the agent may call {@link #start()} itself.
 *
 * <p>Design: beans are thin views over the pools' immutable stats snapshots ({@code ObjCacheStats}
 * ...), with open types only. Pools created after {@code start()} are picked up by a daemon thread
 * ({@code dragonpool-jmx}) that compares {@link dev.dragonpool.runtime.Pools} with the registered
 * beans every {@value #REFRESH_MILLIS} ms (a few list copies; {@code Pools} offers no listener) and
 * unregisters the beans of destroyed pools; {@link #refresh()} does the same at once.
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

    /** Period of the refresher thread, in milliseconds. */
    public static final long REFRESH_MILLIS = 1000;

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
        Thread t = new Thread(new BackgroundStart(delayMillis, gen), "dragonpool-jmx-start");
        t.setDaemon(true);
        t.setContextClassLoader(null);
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
            syncQuietly(set);
            active = set;
            Thread t = new Thread(new Refresher(), "dragonpool-jmx");
            t.setDaemon(true);
            t.setContextClassLoader(null);
            refresher = t;
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
            active.clear();
            active = null;
            t = refresher;
            refresher = null;
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

    /** Body of the refresher thread. */
    private static final class Refresher implements Runnable {
        @Override
        public void run() {
            refreshLoop();
        }
    }

    private static void refreshLoop() {
        for (;;) {
            try {
                Thread.sleep(REFRESH_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
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
