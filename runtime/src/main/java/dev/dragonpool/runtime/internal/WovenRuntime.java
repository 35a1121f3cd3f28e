package dev.dragonpool.runtime.internal;

import dev.dragonpool.runtime.Arena;
import dev.dragonpool.runtime.jmx.DragonpoolJmx;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Locale;
import java.util.Properties;

/**
 * Start-up of the runtime for classes woven at build time (the Maven plugin or {@code java -jar
 * dragonpool-agent.jar weave}) that run without the agent, with {@code dragonpool-runtime} on the
 * ordinary class path. Every woven class calls {@link #init(String)} first thing in its static
 * initialiser; the first call does what the agent's {@code premain} does for settings that are
 * not baked into the bytecode, read from system properties ({@code -Ddragonpool.key=value}, the
 * agent's keys):
 * <ul>
 * <li>{@code arena}: budget of the global arena ({@code 4096}, {@code 64k}, {@code 256m},
 * {@code 1g});</li>
 * <li>{@code capacity}: nominal capacity for {@code @Pooled} classes that leave it at 0;</li>
 * <li>{@code leaks}: {@code off|sample|paranoid};</li>
 * <li>{@code jmx}: {@code on|off} (default on): the {@code dev.dragonpool} MXBeans, published from
 * a daemon thread half a second later, as the agent does (so {@code stat} lists the JVM).</li>
 * </ul>
 * {@code pool}, {@code exclude} and {@code guard} were applied when the classes were woven;
 * {@code report}, {@code summary} and {@code log} belong to the agent and are not read here. A
 * malformed value is logged ({@code System.Logger} {@code dev.dragonpool.runtime}) and ignored.
 *
 * <p>When the agent runs ({@code dragonpool.agent.version} is set by it before any application
 * class loads) it has configured everything, and this does nothing but record that woven classes
 * run. The system property {@value #STARTED_PROPERTY} holds the version that wove the first
 * woven class initialised (for support: which plugin produced the bytecode).
 *
 * <p>Concurrency: the first call runs under this class's monitor; later calls read one volatile
 * flag. It runs inside class initialisers, so it must not wait for another thread's class
 * initialisation: the JMX start is handed to a daemon thread.
 */
public final class WovenRuntime {
    /** System property set by the first {@link #init}: the Dragonpool version that wove the calling class. */
    public static final String STARTED_PROPERTY = "dev.dragonpool.woven";
    private static final String AGENT_PROPERTY = "dragonpool.agent.version";
    private static final String PREFIX = "dragonpool.";
    private static final long JMX_DELAY_MILLIS = 500;

    private static volatile boolean started;

    private WovenRuntime() {
    }

    /**
     * Called by every woven class's static initialiser; the first call configures the runtime.
     *
     * @param wovenBy the Dragonpool version that wove the calling class
     */
    public static void init(String wovenBy) {
        if (started) {
            return;
        }
        synchronized (WovenRuntime.class) {
            if (started) {
                return;
            }
            if (System.getProperty(AGENT_PROPERTY) == null) {
                configure(System.getProperties());
            }
            System.setProperty(STARTED_PROPERTY, wovenBy);
            started = true;
        }
    }

    /** @return whether {@link #init} has run in this JVM */
    public static boolean started() {
        return started;
    }

    private static void configure(Properties props) {
        String arena = props.getProperty(PREFIX + "arena");
        if (arena != null) {
            try {
                Arena.global().setBudget(size(arena));
            } catch (IllegalArgumentException e) {
                log(Level.WARNING, "ignoring -D" + PREFIX + "arena=" + arena + ": " + e.getMessage());
            }
        }
        String capacity = props.getProperty(PREFIX + "capacity");
        if (capacity != null) {
            try {
                PooledClasses.configure((int) Math.min(Integer.MAX_VALUE, size(capacity)), null);
            } catch (IllegalArgumentException e) {
                log(Level.WARNING, "ignoring -D" + PREFIX + "capacity=" + capacity + ": " + e.getMessage());
            }
        }
        String leaks = props.getProperty(PREFIX + "leaks");
        if (leaks != null) {
            try {
                PooledClasses.leaks(leaks.trim().toLowerCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                log(Level.WARNING, "ignoring -D" + PREFIX + "leaks=" + leaks + ": " + e.getMessage());
            }
        }
        String jmx = props.getProperty(PREFIX + "jmx", "on").trim().toLowerCase(Locale.ROOT);
        if (jmx.equals("on") || jmx.equals("true")) {
            try {
                DragonpoolJmx.startInBackground(JMX_DELAY_MILLIS);
            } catch (RuntimeException | LinkageError e) {
                // e.g. an image without java.management: pooling works, the beans do not
                log(Level.WARNING, "the MXBeans could not be published (-D" + PREFIX + "jmx=off turns them off): " + e);
            }
        } else if (!jmx.equals("off") && !jmx.equals("false")) {
            log(Level.WARNING, "ignoring -D" + PREFIX + "jmx=" + jmx + ": expected on or off");
        }
    }

    /**
     * Parses a size such as {@code 4096}, {@code 64k}, {@code 256m}, {@code 1g}.
     *
     * @param v the text
     * @return bytes
     * @throws IllegalArgumentException if it is not such a size
     */
    public static long size(String v) {
        String t = v.trim().toLowerCase(Locale.ROOT);
        long mult = 1;
        if (!t.isEmpty()) {
            char last = t.charAt(t.length() - 1);
            if (last == 'k' || last == 'm' || last == 'g') {
                mult = last == 'k' ? 1L << 10 : last == 'm' ? 1L << 20 : 1L << 30;
                t = t.substring(0, t.length() - 1);
            }
        }
        try {
            long n = Long.parseLong(t);
            if (n >= 0 && n <= Long.MAX_VALUE / mult) {
                return n * mult;
            }
        } catch (NumberFormatException e) {
            // fall through to the message below
        }
        throw new IllegalArgumentException("expected a size such as 4096, 64k, 256m or 1g");
    }

    private static void log(Level level, String msg) {
        Logger l = System.getLogger("dev.dragonpool.runtime");
        l.log(level, "dragonpool: " + msg);
    }
}
