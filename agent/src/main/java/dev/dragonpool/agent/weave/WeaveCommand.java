package dev.dragonpool.agent.weave;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code weave} command: {@code java -jar dragonpool-agent.jar weave [key=value ...] IN OUT}
 * weaves a class folder into a folder or a jar into a jar ({@link Weaver}); {@code OUT} may be
 * {@code IN} to weave in place. Options are {@link WeaveOptions}' keys ({@code pool},
 * {@code exclude}, {@code guard}, {@code classpath}, {@code json}, {@code verify}). The report goes
 * to standard output (the summary line, then one line per pooled or refused class and per site
 * left plain).
 *
 * <p>Exit status: 0 success, 1 weaving failed (the message says why; nothing was written), 2 bad
 * arguments. Errors are one line on the error stream starting with {@code weave: }.
 */
public final class WeaveCommand {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    static final String USAGE_TEXT = "usage: java -jar dragonpool-agent.jar weave [key=value ...] IN OUT\n"
            + "  IN, OUT              a class folder and a folder, or a jar and a jar (OUT may be IN: in place)\n"
            + "  pool=GLOBS           pool these classes as if annotated @Pooled (a.b.*, a.**, ; or : between globs)\n"
            + "  exclude=GLOBS        never pool these\n"
            + "  guard=off|full       full: compile use-after-release checks into pooled classes\n"
            + "  classpath=PATHS      dependencies (folders, jars) read to decide, e.g. a superclass's state\n"
            + "  json=FILE            also write the report as JSON\n"
            + "  verify=true|false    link every changed class so the JVM verifies it (default true)\n"
            + "Woven classes need dev.dragonpool:dragonpool-runtime on their class path at run time;\n"
            + "run-time settings are system properties: -Ddragonpool.arena=256m, .capacity, .leaks, .jmx\n";

    private WeaveCommand() {
    }

    /**
     * Entry point; exits the JVM with the status of {@link #run}.
     *
     * @param args the arguments after {@code weave}
     */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs the command.
     *
     * @param args the arguments after {@code weave} (a leading {@code weave} is ignored)
     * @param out where the report goes
     * @param err where errors go
     * @return the exit status
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        List<String> opts = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (i == 0 && a.equals("weave")) {
                continue;
            }
            if (a.equals("-h") || a.equals("--help")) {
                out.print(USAGE_TEXT);
                return OK;
            }
            if (a.matches("[A-Za-z]+=.*")) { // key=value; anything else is a path
                opts.add(a);
            } else {
                paths.add(a);
            }
        }
        WeaveOptions o;
        try {
            o = WeaveOptions.parse(opts);
            if (paths.size() != 2) {
                throw new IllegalArgumentException("expected IN and OUT, got " + paths.size() + " path(s)" + (paths.isEmpty() ? "" : ": " + paths));
            }
        } catch (IllegalArgumentException e) {
            err.println("weave: " + e.getMessage());
            err.print(USAGE_TEXT);
            return USAGE;
        }
        Path in = Paths.get(paths.get(0));
        Path outPath = Paths.get(paths.get(1));
        try {
            WeaveReport r = new Weaver(o).weave(in, outPath);
            for (String line : r.lines()) {
                out.println(line);
            }
            if (o.json() != null) {
                out.println("report written to " + o.json());
            }
            return OK;
        } catch (WeaveException e) {
            err.println("weave: " + e.getMessage());
            return FAILED;
        } catch (IOException | RuntimeException e) {
            err.println("weave: " + in + " -> " + outPath + " failed: " + e);
            return FAILED;
        }
    }
}
