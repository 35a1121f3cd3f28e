package dev.dragonpool.agent;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * {@code Main-Class} of the agent jar: {@code java -jar dragonpool-agent.jar stat [options]}, and
 * {@code weave [key=value ...] IN OUT} (build-time weaving, see {@code dev.dragonpool.agent.weave}).
 * The runtime is nested in the jar (see {@link DragonpoolAgent}), so the command runs in a loader
 * over the agent jar and the extracted runtime jar.
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
        boolean weave = args.length > 0 && args[0].equals("weave");
        if (args.length == 0 || !(args[0].equals("stat") || weave)) {
            System.err.println("usage: java -jar dragonpool-agent.jar stat [pid] [-w SECONDS] [-c COUNT] [--json]\n"
                    + "       java -javaagent:dragonpool-agent.jar[=key=value,...] -jar your-app.jar");
            System.exit(2);
        }
        Path agent = BootJar.agentJar();
        Path runtime = BootJar.extract();
        ClassLoader loader = Launcher.class.getClassLoader();
        if (agent != null && runtime != null) {
            loader = new URLClassLoader(new URL[] {agent.toUri().toURL(), runtime.toUri().toURL()},
                    ClassLoader.getPlatformClassLoader());
        }
        String command = weave ? "dev.dragonpool.agent.weave.WeaveCommand" : "dev.dragonpool.agent.stat.StatCommand";
        Method main = Class.forName(command, true, loader).getMethod("main", String[].class);
        main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
    }
}
