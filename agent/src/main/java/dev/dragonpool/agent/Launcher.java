package dev.dragonpool.agent;

import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * {@code Main-Class} of the agent jar: {@code java -jar dragonpool-agent.jar COMMAND [ARGS]}
 * ({@code stat}, {@code weave} for build-time weaving, see {@code dev.dragonpool.agent.weave}). One
 * {@code case} per sub-command in {@link #main}; {@code help} ({@code -h}, {@code --help}) prints
 * {@link #HELP}, which lists the sub-commands and every agent option ({@link AgentConfig#KEYS},
 * a test checks that none is missing). The runtime is nested in the jar (see
 * {@link DragonpoolAgent}), so {@code stat} runs in a loader over the agent jar whose parent
 * defines the runtime's classes from the nested jar in memory ({@link BootJar#runtimeLoader}): the
 * command writes nothing to disk.
 *
 * <p>Exit status: 0 after {@code help}; 2 with no command or an unknown one (the help goes to
 * standard error); a sub-command's own status otherwise.
 */
public final class Launcher {
    /** Exit status for a missing or unknown command. */
    static final int USAGE = 2;

    /** What {@code --help} prints. */
    static final String HELP = ""
            + "usage: java -jar dragonpool-agent.jar COMMAND [ARGS]\n"
            + "       java -javaagent:dragonpool-agent.jar[=KEY=VALUE,...] ... (run an application with the agent)\n"
            + "\n"
            + "Commands:\n"
            + "  stat [PID] [-w SECONDS] [-c COUNT] [--json]\n"
            + "                            print the pools of a running JVM like vmstat -z; no PID: list the\n"
            + "                            local JVMs that run Dragonpool (stat --help for more)\n"
            + "  weave [KEY=VALUE ...] IN OUT\n"
            + "                            weave a class folder or jar at build time (pool=, exclude=, guard=);\n"
            + "                            run woven code with dragonpool-runtime on the class path, no agent\n"
            + "  help, -h, --help          print this help\n"
            + "\n"
            + "Agent options: -javaagent:dragonpool-agent.jar=KEY=VALUE,KEY=VALUE or -Ddragonpool.KEY=VALUE\n"
            + "(the agent argument wins); a bad option is reported and ignored unless strict=true.\n"
            + "  enabled=true|false        false: the agent does nothing at all (default true)\n"
            + "  pool=GLOBS                also pool these classes, as if @Pooled; globs separated by ; or :\n"
            + "                            (* within a package segment, ** across, ? one character)\n"
            + "  exclude=GLOBS             never pool these classes, even if @Pooled\n"
            + "  arena=SIZE                budget of the global arena: 4096, 64k, 256m, 1g\n"
            + "                            (default: 256m or a quarter of the heap, whichever is smaller)\n"
            + "  capacity=N                cache capacity of @Pooled classes that leave it at 0 (default: the cache's)\n"
            + "  guard=off|full            full: using a released instance throws UseAfterReleaseException\n"
            + "                            (double and foreign releases are always detected; default off)\n"
            + "  leaks=off|sample|paranoid report instances collected without release, one in 128 or all (default off)\n"
            + "  jmx=on|off                publish the MXBeans under dev.dragonpool (default on)\n"
            + "  log=off|warn|info|debug   agent log threshold (default info)\n"
            + "  strict=true|false         true: a bad option fails start-up (default false)\n"
            + "  summary=true|false        true: one line of agent counters on standard error at exit (default false)\n"
            + "  report=off|exit           exit: the stat table of every pool on standard error at exit (default off)\n"
            + "\n"
            + "More: docs/agent.md (options, class loading), docs/observability.md (stat, JMX, JFR).\n";

    private Launcher() {
    }

    /**
     * Runs a sub-command.
     *
     * @param args {@code stat ...} or {@code --help}
     * @throws Exception if the command cannot be started
     */
    public static void main(String[] args) throws Exception {
        String command = args.length == 0 ? "" : args[0];
        switch (command) {
            case "stat":
                run("dev.dragonpool.agent.stat.StatCommand", Arrays.copyOfRange(args, 1, args.length));
                return;
            case "weave":
                run("dev.dragonpool.agent.weave.WeaveCommand", Arrays.copyOfRange(args, 1, args.length));
                return;
            case "help":
            case "-h":
            case "--help":
                System.out.print(HELP);
                return;
            default:
                usage(System.err, command);
                System.exit(USAGE);
        }
    }

    private static void usage(PrintStream err, String command) {
        if (!command.isEmpty()) {
            err.println("dragonpool-agent.jar: unknown command '" + command + "'; the commands are stat, weave and help");
            err.println();
        }
        err.print(HELP);
    }

    /** Runs a sub-command's {@code main} in a loader that sees the runtime nested in the jar. */
    private static void run(String command, String[] args) throws Exception {
        Path agent = BootJar.agentJar();
        ClassLoader loader = Launcher.class.getClassLoader();
        if (agent != null) {
            loader = new URLClassLoader(new URL[] {agent.toUri().toURL()},
                    BootJar.runtimeLoader(agent, ClassLoader.getPlatformClassLoader()));
        }
        Method main = Class.forName(command, true, loader).getMethod("main", String[].class);
        main.invoke(null, (Object) args);
    }
}
