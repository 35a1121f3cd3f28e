package dev.dragonpool.agent;

import java.lang.System.Logger.Level;

/**
 * The agent's log: one {@link System.Logger} named {@code dev.dragonpool.agent}, looked up only
 * when the first line is written (a silent start-up never initialises a logging backend), and a
 * threshold from the {@code log} option.
 */
final class AgentLog {
    private static volatile int threshold = Level.INFO.getSeverity();
    private static volatile System.Logger logger;

    private AgentLog() {
    }

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

    static void log(Level level, String msg) {
        if (!enabled(level)) {
            return;
        }
        System.Logger l = logger;
        if (l == null) {
            l = System.getLogger("dev.dragonpool.agent");
            logger = l;
        }
        l.log(level, "dragonpool: " + msg);
    }
}
