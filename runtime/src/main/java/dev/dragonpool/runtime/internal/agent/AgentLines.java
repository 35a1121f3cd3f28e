package dev.dragonpool.runtime.internal.agent;

import java.lang.System.Logger.Level;
import java.util.function.BiConsumer;

/**
 * Where the runtime's messages to the agent's user go: the lines that the runtime, not the agent,
 * has to say (a leak found, a release that does nothing), written by the agent's log once the
 * agent has installed itself ({@link #sink}), so that they look like every other agent line (one
 * line on standard error, {@code dragonpool: ...}, under the {@code log=} threshold). Before that,
 * or without the agent, they go to {@link System.Logger} {@code dev.dragonpool.agent}, as library
 * code should.
 *
 * <p>Concurrency: the sink is set once in {@code premain} and read through a volatile field.
 */
public final class AgentLines {
    private static volatile BiConsumer<Level, String> sink;

    private AgentLines() {
    }

    /**
     * Sends every later line to the agent's log.
     *
     * @param lines receives the level and the message (without the {@code dragonpool: } prefix);
     *     {@code null} goes back to {@link System.Logger}
     */
    public static void sink(BiConsumer<Level, String> lines) {
        sink = lines;
    }

    /**
     * Says one thing to the agent's user.
     *
     * @param level how important it is
     * @param msg what happened and what to do, one line, without the {@code dragonpool: } prefix
     */
    public static void log(Level level, String msg) {
        BiConsumer<Level, String> s = sink;
        if (s != null) {
            s.accept(level, msg);
        } else {
            System.getLogger("dev.dragonpool.agent").log(level, "dragonpool: " + msg);
        }
    }
}
