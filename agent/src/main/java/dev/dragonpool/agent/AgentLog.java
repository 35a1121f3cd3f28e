package dev.dragonpool.agent;

import java.io.PrintStream;
import java.lang.System.Logger.Level;

/**
 * The agent's log: one line per message on standard error, {@code dragonpool: <message>}, with a
 * threshold from the {@code log} option ({@code off|warn|info|debug}, default {@code info}).
 *
 * <p>Why standard error and not {@link System.Logger}: the agent speaks while the JVM starts and
 * while classes load, before and underneath the application's own logging. Through
 * {@code System.Logger} its lines would reach {@code java.util.logging}, whose default
 * configuration prints two lines per message and hides everything below {@code INFO} (so
 * {@code log=debug} showed nothing), and looking the logger up in {@code premain} would
 * initialise {@code java.util.logging}'s {@code LogManager} before {@code main}, which breaks
 * applications that choose their own manager ({@code -Djava.util.logging.manager}, as JBoss
 * LogManager needs) and costs start-up time. The JVM's own diagnostics ({@code -verbose},
 * {@code -Xlog}, its warnings) make the same choice. A message is always one line: line
 * breaks inside it (an exception's text) are replaced by spaces.
 *
 * <p>Concurrency: {@link PrintStream#println(String)} is synchronised, so lines written by
 * threads loading classes at the same time never interleave.
 */
final class AgentLog {
    static final String PREFIX = "dragonpool: ";
    private static volatile int threshold = Level.INFO.getSeverity();

    private AgentLog() {
    }

    /**
     * Sets the threshold from the {@code log} option.
     *
     * @param name {@code off}, {@code warn}, {@code info} or {@code debug}; anything else is {@code info}
     */
    static void level(String name) {
        switch (name) {
            case "off": threshold = Integer.MAX_VALUE; break;
            case "warn": threshold = Level.WARNING.getSeverity(); break;
            case "debug": threshold = Level.DEBUG.getSeverity(); break;
            default: threshold = Level.INFO.getSeverity(); break;
        }
    }

    static boolean enabled(Level level) {
        return level.getSeverity() >= threshold;
    }

    /**
     * Writes {@code dragonpool: msg} as one line on standard error if {@code level} passes the threshold.
     *
     * @param level the message's level
     * @param msg the message: what happened and what to do
     */
    static void log(Level level, String msg) {
        if (enabled(level)) {
            line(msg);
        }
    }

    /**
     * Writes {@code dragonpool: msg} as one line on standard error whatever the threshold (a start-up
     * that fails must say why even with {@code log=off}).
     *
     * @param msg the message
     */
    static void line(String msg) {
        PrintStream err = System.err;
        err.println(PREFIX + oneLine(msg));
        err.flush();
    }

    /** {@code msg} with every line break replaced by a space. */
    static String oneLine(String msg) {
        String m = String.valueOf(msg);
        if (m.indexOf('\n') < 0 && m.indexOf('\r') < 0) {
            return m;
        }
        StringBuilder sb = new StringBuilder(m.length());
        for (int i = 0; i < m.length(); i++) {
            char c = m.charAt(i);
            if (c == '\r') {
                continue;
            }
            sb.append(c == '\n' ? ' ' : c);
        }
        return sb.toString();
    }
}
