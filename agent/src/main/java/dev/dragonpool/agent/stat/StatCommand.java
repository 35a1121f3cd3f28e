package dev.dragonpool.agent.stat;

import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import com.sun.tools.attach.VirtualMachineDescriptor;
import dev.dragonpool.runtime.jmx.DragonpoolJmx;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * The {@code stat} command: {@code java -jar dragonpool-agent.jar stat [pid] [-w SECONDS] [-c COUNT] [--json]}.
 * With a pid it attaches to that local JVM (Attach API, same user), starts its local JMX agent,
 * reads the {@code dev.dragonpool} MXBeans and prints them as a {@code vmstat}-like table
 * ({@link StatTable}); {@code -w} repeats every SECONDS with per-second rates, {@code -c} stops after
 * COUNT reports, {@code --json} prints one JSON object per report instead. Without a pid it lists the
 * local JVMs that run Dragonpool: those whose system properties hold
 * {@value DragonpoolJmx#AGENT_VERSION_PROPERTY} (set by the agent) or {@value DragonpoolJmx#ACTIVE_PROPERTY}
 * (set while the MXBeans are published).
 *
 * <p>Exit status: 0 success, 1 the JVM cannot be reached (no such process, not a JVM, permission
 * denied, gone while watching), 2 bad arguments, 3 the JVM does not run Dragonpool (no
 * {@code dev.dragonpool} MXBeans). Every error is one line on the error stream starting with
 * {@code stat: }.
 */
public final class StatCommand {

    static final int OK = 0;
    static final int UNREACHABLE = 1;
    static final int USAGE = 2;
    static final int NO_DRAGONPOOL = 3;

    static final String USAGE_TEXT = "usage: stat [PID] [-w SECONDS] [-c COUNT] [--json]\n"
            + "  no PID        list local JVMs that run Dragonpool\n"
            + "  PID           print the pools of that JVM like vmstat -z\n"
            + "  -w SECONDS    repeat every SECONDS with per-second rates (until Ctrl-C or -c)\n"
            + "  -c COUNT      stop after COUNT reports\n"
            + "  --json        one JSON object per report\n";

    private StatCommand() {
    }

    /**
     * Entry point for the agent jar's {@code stat} sub-command; exits the JVM with the status of
     * {@link #run(String[], PrintStream, PrintStream)}.
     *
     * @param args the arguments after {@code stat}
     */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs the command.
     *
     * @param args the arguments after {@code stat} (a leading {@code stat} is accepted and ignored)
     * @param out  where reports go
     * @param err  where the one-line errors go
     * @return the exit status (see the class comment)
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("stat: " + e.getMessage());
            err.print(USAGE_TEXT);
            return USAGE;
        }
        if (o.help) {
            out.print(USAGE_TEXT);
            return OK;
        }
        try {
            return o.pid < 0 ? list(out) : watch(o, out, err);
        } catch (Failure f) {
            err.println("stat: " + f.getMessage());
            return f.status;
        }
    }

    /** Parsed command line. */
    static final class Options {
        long pid = -1;
        long intervalMillis;
        long count = -1;
        boolean json;
        boolean help;

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (i == 0 && a.equals("stat")) {
                    continue;
                }
                switch (a) {
                    case "-h":
                    case "--help":
                        o.help = true;
                        break;
                    case "--json":
                        o.json = true;
                        break;
                    case "-w":
                        o.intervalMillis = seconds(value(args, ++i, "-w"));
                        break;
                    case "-c":
                        o.count = positive(value(args, ++i, "-c"), "-c");
                        break;
                    default:
                        if (a.startsWith("-")) {
                            throw new IllegalArgumentException("unknown option '" + a + "'");
                        }
                        if (o.pid >= 0) {
                            throw new IllegalArgumentException("one pid at most, got '" + o.pid + "' and '" + a + "'");
                        }
                        o.pid = pid(a);
                }
            }
            return o;
        }

        private static String value(String[] args, int i, String opt) {
            if (i >= args.length) {
                throw new IllegalArgumentException(opt + " needs a value");
            }
            return args[i];
        }

        private static long seconds(String s) {
            double d;
            try {
                d = Double.parseDouble(s);
            } catch (NumberFormatException e) {
                d = Double.NaN;
            }
            if (!(d > 0) || d > 86_400) {
                throw new IllegalArgumentException("-w needs a number of seconds in (0, 86400], got '" + s + "'");
            }
            return Math.max(1, Math.round(d * 1000));
        }

        private static long positive(String s, String opt) {
            try {
                long n = Long.parseLong(s);
                if (n > 0) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // fall through to the message below
            }
            throw new IllegalArgumentException(opt + " needs a positive count, got '" + s + "'");
        }

        private static long pid(String s) {
            try {
                long p = Long.parseLong(s);
                if (p > 0) {
                    return p;
                }
            } catch (NumberFormatException e) {
                // fall through to the message below
            }
            throw new IllegalArgumentException("not a pid: '" + s + "'");
        }
    }

    /** An error that ends the command with one line and a status. */
    static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;
        final int status;

        Failure(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    // ---- one JVM -------------------------------------------------------------------------------

    private static int watch(Options o, PrintStream out, PrintStream err) throws Failure {
        try (Target target = Target.connect(o.pid)) {
            StatTable.Snapshot prev = null;
            long reports = 0;
            for (;;) {
                StatTable.Snapshot now;
                try {
                    now = StatTable.read(target.connection);
                } catch (IOException e) {
                    throw new Failure(UNREACHABLE, "JVM " + o.pid + " went away: " + e.getMessage());
                }
                if (now.isEmpty()) {
                    throw new Failure(NO_DRAGONPOOL, target.noBeansMessage());
                }
                if (o.json) {
                    out.print(StatTable.json(now, o.pid));
                } else {
                    if (o.intervalMillis > 0) {
                        out.print(StatTable.heading(now, prev));
                    }
                    out.print(StatTable.format(now, prev));
                }
                out.flush();
                reports++;
                if (o.intervalMillis <= 0 || (o.count > 0 && reports >= o.count)) {
                    return OK;
                }
                if (!o.json) {
                    out.println();
                }
                prev = now;
                try {
                    Thread.sleep(o.intervalMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return OK;
                }
            }
        }
    }

    /** A JMX connection to one JVM (or this one, read directly). */
    static final class Target implements AutoCloseable {
        final long pid;
        final MBeanServerConnection connection;
        private final JMXConnector connector;
        private final Properties props;

        private Target(long pid, MBeanServerConnection connection, JMXConnector connector, Properties props) {
            this.pid = pid;
            this.connection = connection;
            this.connector = connector;
            this.props = props;
        }

        static Target connect(long pid) throws Failure {
            if (pid == ProcessHandle.current().pid()) {
                return new Target(pid, ManagementFactory.getPlatformMBeanServer(), null, System.getProperties());
            }
            if (ProcessHandle.of(pid).isEmpty()) {
                throw new Failure(UNREACHABLE, "no process with pid " + pid);
            }
            if (!listed(pid)) {
                // The Attach API would signal the process (SIGQUIT) to wake an attach listener, which
                // kills a process that is not a JVM: only attach to JVMs that announce themselves.
                throw new Failure(UNREACHABLE, "process " + pid + " is not a Java VM this user can attach to"
                        + " (not listed by the Attach API; JVMs started with -XX:-UsePerfData or"
                        + " -XX:+DisableAttachMechanism are not listed)");
            }
            String address;
            Properties props;
            VirtualMachine vm = attach(pid);
            try {
                props = vm.getSystemProperties();
                address = vm.startLocalManagementAgent();
            } catch (IOException e) {
                throw new Failure(UNREACHABLE, "cannot start the JMX agent of JVM " + pid + ": " + e.getMessage());
            } finally {
                detach(vm);
            }
            try {
                JMXConnector c = JMXConnectorFactory.connect(new JMXServiceURL(address));
                return new Target(pid, c.getMBeanServerConnection(), c, props);
            } catch (IOException e) {
                throw new Failure(UNREACHABLE, "cannot connect to the JMX agent of JVM " + pid + " at " + address
                        + ": " + e.getMessage());
            }
        }

        String noBeansMessage() {
            String agent = props.getProperty(DragonpoolJmx.AGENT_VERSION_PROPERTY);
            if (agent != null) {
                return "JVM " + pid + " runs the Dragonpool agent " + agent
                        + " but publishes no dev.dragonpool MXBeans (started with jmx=off?)";
            }
            return "JVM " + pid + " does not run the Dragonpool agent (no dev.dragonpool MXBeans)";
        }

        @Override
        public void close() {
            if (connector != null) {
                try {
                    connector.close();
                } catch (IOException e) {
                    // Closing a connection to a JVM that went away: nothing to do.
                }
            }
        }
    }

    private static boolean listed(long pid) {
        String id = Long.toString(pid);
        for (VirtualMachineDescriptor d : VirtualMachine.list()) {
            if (d.id().equals(id)) {
                return true;
            }
        }
        return false;
    }

    static VirtualMachine attach(long pid) throws Failure {
        try {
            return VirtualMachine.attach(Long.toString(pid));
        } catch (AttachNotSupportedException e) {
            throw new Failure(UNREACHABLE, "cannot attach to pid " + pid + ": " + message(e)
                    + " (not a Java VM, a JVM of another user, or one started with -XX:+DisableAttachMechanism)");
        } catch (IOException | SecurityException e) {
            String m = message(e);
            String lower = m.toLowerCase(Locale.ROOT);
            if (lower.contains("permission") || lower.contains("not permitted") || lower.contains("not secure")
                    || e instanceof SecurityException) {
                throw new Failure(UNREACHABLE, "permission denied attaching to JVM " + pid
                        + " (run stat as the user that started it): " + m);
            }
            throw new Failure(UNREACHABLE, "cannot attach to JVM " + pid + ": " + m);
        }
    }

    private static void detach(VirtualMachine vm) {
        try {
            vm.detach();
        } catch (IOException e) {
            // The JVM went away after answering; nothing to do.
        }
    }

    private static String message(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m.strip();
    }

    // ---- listing -------------------------------------------------------------------------------

    private static int list(PrintStream out) {
        long self = ProcessHandle.current().pid();
        List<String[]> rows = new ArrayList<>();
        for (VirtualMachineDescriptor d : VirtualMachine.list()) {
            if (d.id().equals(Long.toString(self))) {
                continue;
            }
            Properties p;
            try {
                VirtualMachine vm = VirtualMachine.attach(d);
                try {
                    p = vm.getSystemProperties();
                } finally {
                    detach(vm);
                }
            } catch (AttachNotSupportedException | IOException | SecurityException e) {
                continue; // another user's JVM, or one that went away: not ours to show
            }
            String agent = p.getProperty(DragonpoolJmx.AGENT_VERSION_PROPERTY);
            String jmx = p.getProperty(DragonpoolJmx.ACTIVE_PROPERTY);
            if (agent != null || jmx != null) {
                String main = d.displayName().isBlank() ? "?" : d.displayName();
                rows.add(new String[] {d.id(), agent == null ? "-" : agent, jmx == null ? "off" : "on", main});
            }
        }
        if (rows.isEmpty()) {
            out.println("no local JVM runs Dragonpool");
            return OK;
        }
        StatTable.Table t = new StatTable.Table("PID", "AGENT", "JMX", "MAIN");
        for (String[] r : rows) {
            t.row(r);
        }
        StringBuilder sb = new StringBuilder();
        t.appendTo(sb);
        out.print(sb);
        return OK;
    }
}
