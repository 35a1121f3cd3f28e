package dev.dragonpool.agent;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * {@code Main-Class} of the agent jar: {@code java -jar dragonpool-agent.jar stat [options]}.
 * The runtime is nested in the jar (see {@link DragonpoolAgent}), so the command runs in a loader
 * over the agent jar whose parent defines the runtime's classes from the nested jar in memory
 * ({@link BootJar#runtimeLoader}): the command writes nothing to disk.
 */
public final class Launcher {
    private Launcher() {
    }

    /**
     * Runs a sub-command.
     *
     * @param args {@code stat ...}
     * @throws Exception if the command cannot be started
     */
    public static void main(String[] args) throws Exception {
        if (args.length == 0 || !args[0].equals("stat")) {
            System.err.println("usage: java -jar dragonpool-agent.jar stat [pid] [-w SECONDS] [-c COUNT] [--json]\n"
                    + "       java -javaagent:dragonpool-agent.jar[=key=value,...] -jar your-app.jar");
            System.exit(2);
        }
        Path agent = BootJar.agentJar();
        ClassLoader loader = Launcher.class.getClassLoader();
        if (agent != null) {
            loader = new URLClassLoader(new URL[] {agent.toUri().toURL()},
                    BootJar.runtimeLoader(agent, ClassLoader.getPlatformClassLoader()));
        }
        Method main = Class.forName("dev.dragonpool.agent.stat.StatCommand", true, loader).getMethod("main", String[].class);
        main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
    }
}
