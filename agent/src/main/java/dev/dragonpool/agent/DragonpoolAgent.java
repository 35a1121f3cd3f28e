package dev.dragonpool.agent;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.lang.instrument.Instrumentation;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Entry point of {@code dragonpool-agent.jar}: {@code Premain-Class}, {@code Agent-Class} and
 * {@code Launcher-Agent-Class}. It does as little as possible: unless {@code enabled=false}, it
 * puts the runtime on the bootstrap class path and hands over to {@link Installer}.
 *
 * <p>Class-loader split: the agent jar itself is on the system class path, where this class, the
 * transformer and the relocated ASM ({@code dev.dragonpool.agent.shaded.asm}) are loaded; the
 * application can resolve none of them by accident because their packages are private to the
 * agent. The runtime ({@code dev.dragonpool.runtime.*}) is NOT at the top level of the jar: it is
 * nested as {@code META-INF/dragonpool/dragonpool-runtime.jar}, copied into a folder private to
 * this JVM and appended to the bootstrap search path here, before any class refers to it; the copy
 * is deleted as soon as the JVM holds it open (see {@link BootJar}, which also says why nothing in
 * a shared folder is ever trusted). From then on every loader (the system loader that runs the
 * agent, an application server's web-app loaders, Spring Boot's, OSGi with boot delegation)
 * resolves the runtime by parent delegation to the one bootstrap copy, so enhanced classes and the
 * agent share the same pools. This class must therefore mention no runtime type: {@link Installer}
 * does, and it is loaded only after the append.
 *
 * <p>Options are parsed first, with the agent's own classes only. If the runtime cannot be put on
 * the bootstrap path (no usable {@code java.io.tmpdir}), the agent says why and what to do in one
 * log line and returns: the application runs as without the agent. {@code strict=true} turns
 * that, and any bad option, into a failed start-up: one line on standard error and exit status
 * {@value #EXIT_NOT_STARTED} (runtime not installed) or {@value #EXIT_BAD_OPTIONS} (bad options)
 * before {@code main}.
 */
public final class DragonpoolAgent {
    /** Exit status of a JVM whose agent options are bad under {@code strict=true}. */
    static final int EXIT_BAD_OPTIONS = 2;
    /** Exit status of a JVM where the runtime could not be installed under {@code strict=true}. */
    static final int EXIT_NOT_STARTED = 1;

    private DragonpoolAgent() {
    }

    /**
     * Called before {@code main} for {@code -javaagent:dragonpool-agent.jar[=options]}.
     *
     * @param args the agent options, {@code key=value} separated by commas
     * @param inst the instrumentation
     */
    public static void premain(String args, Instrumentation inst) {
        start(args, inst, false);
    }

    /**
     * Called on dynamic attach, or before {@code main} when the jar is launched with
     * {@code java -jar} ({@code Launcher-Agent-Class}).
     *
     * @param args the agent options
     * @param inst the instrumentation
     */
    public static void agentmain(String args, Instrumentation inst) {
        if (launchedAsCommand()) {
            return; // java -jar dragonpool-agent.jar stat: a tool, not an application to pool
        }
        start(args, inst, true);
    }

    /**
     * Whether this JVM runs the agent jar's own {@code Main-Class} ({@code java -jar
     * dragonpool-agent.jar stat ...}), where {@code Launcher-Agent-Class} calls {@link #agentmain}
     * first: the {@code stat} tool must not pool itself, publish beans or list itself as a target.
     */
    private static boolean launchedAsCommand() {
        String command = System.getProperty("sun.java.command", "");
        int space = command.indexOf(' ');
        String first = space < 0 ? command : command.substring(0, space);
        if (!first.endsWith(".jar")) {
            return false;
        }
        try {
            Path self = BootJar.agentJar();
            return self != null && Files.isSameFile(Path.of(first), self);
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return false;
        }
    }

    private static synchronized void start(String args, Instrumentation inst, boolean attached) {
        if (System.getProperty("dragonpool.agent.version") != null) {
            return; // already started in this JVM
        }
        if (AgentConfig.disabled(args)) {
            return; // enabled=false: a true no-op, nothing loaded, nothing appended
        }
        // Options first (the agent's own classes only): strict=true with a bad option stops here,
        // before anything is written, appended or loaded.
        AgentConfig cfg = AgentConfig.parse(args, System.getProperties());
        AgentLog.level(cfg.log);
        if (cfg.strict && !cfg.problems.isEmpty()) {
            refuse("bad agent options (strict=true): " + String.join("; ", cfg.problems)
                    + "; fix them or drop strict=true", EXIT_BAD_OPTIONS, attached);
            return;
        }
        try {
            BootJar.appendToBootstrap(inst);
        } catch (Exception | LinkageError e) {
            notStarted(cfg, e, attached);
            return;
        }
        Installer.install(cfg, inst, attached);
    }

    /**
     * The runtime could not be put on the bootstrap class path (see {@link BootJar}): says why and
     * what to do, and lets the application run as without the agent; {@code strict=true} makes it
     * fatal instead. Only the agent's own classes are used here: the runtime is not there.
     */
    private static void notStarted(AgentConfig cfg, Throwable e, boolean attached) {
        String why = "cannot put the runtime on the bootstrap class path: "
                + (e instanceof BootJar.Refused ? e.getMessage() : e.toString());
        if (cfg.strict) {
            refuse("not started (strict=true): " + why + "; fix that or drop strict=true", EXIT_NOT_STARTED, attached);
            return;
        }
        AgentLog.log(Level.ERROR, "not started, the application runs without pooling: " + why);
    }

    /**
     * Ends a start-up that {@code strict=true} makes fatal: one line on standard error (whatever
     * {@code log} says), then, from {@code premain}, {@link System#exit} with {@code status}
     * before {@code main} runs. Throwing instead would make the JVM print the exception, three
     * {@code java.lang.instrument ASSERTION FAILED} lines and a native {@code FATAL ERROR} trace,
     * and abort with a core dump. On attach ({@code agentmain}) the application is already
     * running and is not stopped: the agent is simply not installed.
     */
    private static void refuse(String line, int status, boolean attached) {
        if (attached) {
            AgentLog.line(line + " (attach: the agent is not installed, the application keeps running)");
            return;
        }
        AgentLog.line(line);
        System.exit(status);
    }
}
