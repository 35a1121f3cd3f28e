package dev.dragonpool.agent;

import dev.dragonpool.agent.transform.Glob;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The agent's configuration: agent arguments ({@code -javaagent:dragonpool-agent.jar=k=v,k=v})
 * over system properties ({@code -Ddragonpool.k=v}) over defaults. Keys:
 * <ul>
 * <li>{@code enabled} ({@code true}): {@code false} makes the agent a true no-op;</li>
 * <li>{@code pool}, {@code exclude}: class-name globs ({@link Glob}) added to / removed from the
 * {@code @Pooled} classes, separated by {@code ;} or {@code :};</li>
 * <li>{@code arena}: budget of the global arena ({@code 256m}, {@code 1g}, bytes by default);</li>
 * <li>{@code capacity}: default nominal capacity of a class's cache ({@code 0}: the cache's own);</li>
 * <li>{@code guard} ({@code off|full}), {@code leaks} ({@code off|sample|paranoid}),
 * {@code jmx} ({@code on|off}, default {@code on}: MXBeans under {@code dev.dragonpool}),
 * {@code log} ({@code off|warn|info|debug}), {@code strict} ({@code true|false}),
 * {@code summary} ({@code true}: one line of agent counters logged when the JVM exits),
 * {@code report} ({@code off|exit}: {@code exit} prints the {@code stat} table of every pool to
 * standard error when the JVM exits).</li>
 * </ul>
 * Booleans accept {@code true|false} and {@code on|off}. An unknown key or a malformed value is
 * collected in {@link #problems} (each says what was wrong and what is expected), reported at
 * start-up and ignored, unless {@code strict=true}, which makes start-up fail with all of them
 * (see {@link DragonpoolAgent}). Parsing uses the agent's own classes only: it runs before the
 * runtime is on the bootstrap class path.
 */
final class AgentConfig {
    static final String PREFIX = "dragonpool.";
    static final List<String> KEYS = List.of("enabled", "pool", "exclude", "arena", "capacity", "guard", "leaks",
            "jmx", "log", "strict", "summary", "report");

    boolean enabled = true;
    List<Glob> pool = new ArrayList<>();
    List<Glob> exclude = new ArrayList<>();
    long arena = -1;
    int capacity;
    String guard = "off";
    String leaks = "off";
    boolean jmx = true;
    String log = "info";
    boolean strict;
    boolean summary;
    boolean reportAtExit;
    final List<String> problems = new ArrayList<>();
    final Map<String, String> raw = new LinkedHashMap<>();

    /**
     * Tells, without parsing anything else, whether the options turn the agent off.
     *
     * @param args agent arguments
     * @return whether {@code enabled=false} is given (agent arguments win over the property)
     */
    static boolean disabled(String args) {
        String v = System.getProperty(PREFIX + "enabled");
        if (args != null) {
            for (String kv : args.split(",")) {
                String t = kv.trim();
                if (t.startsWith("enabled=")) {
                    v = t.substring("enabled=".length());
                }
            }
        }
        return v != null && v.trim().equalsIgnoreCase("false");
    }

    /**
     * Parses options.
     *
     * @param args agent arguments, may be {@code null}
     * @param props system properties
     * @return the configuration with its problems listed
     */
    static AgentConfig parse(String args, Properties props) {
        AgentConfig c = new AgentConfig();
        for (String name : props.stringPropertyNames()) {
            // Agent keys have no dot: dragonpool.reclaim.periodMillis, dragonpool.agent.version and
            // other namespaced properties belong to the runtime or to tools, not to the agent.
            if (name.startsWith(PREFIX) && name.indexOf('.', PREFIX.length()) < 0) {
                c.raw.put(name.substring(PREFIX.length()), props.getProperty(name));
            }
        }
        if (args != null && !args.isBlank()) {
            for (String kv : args.split(",")) {
                String t = kv.trim();
                if (t.isEmpty()) {
                    continue;
                }
                int eq = t.indexOf('=');
                if (eq <= 0) {
                    c.problems.add("option '" + t + "', which is not key=value (write options as key=value, separated by commas)");
                    continue;
                }
                c.raw.put(t.substring(0, eq).trim(), t.substring(eq + 1).trim());
            }
        }
        for (Map.Entry<String, String> e : c.raw.entrySet()) {
            try {
                c.set(e.getKey(), e.getValue());
            } catch (IllegalArgumentException ex) {
                c.problems.add(ex.getMessage());
            }
        }
        return c;
    }

    private void set(String key, String v) {
        switch (key) {
            case "enabled": enabled = bool(key, v); break;
            case "pool": pool = globs(key, v); break;
            case "exclude": exclude = globs(key, v); break;
            case "arena": arena = size(key, v); break;
            case "capacity": capacity = (int) Math.min(Integer.MAX_VALUE, size(key, v)); break;
            case "guard": guard = oneOf(key, v, "off", "full"); break;
            case "leaks": leaks = oneOf(key, v, "off", "sample", "paranoid"); break;
            case "jmx": jmx = bool(key, v); break;
            case "log": log = oneOf(key, v, "off", "warn", "info", "debug"); break;
            case "strict": strict = bool(key, v); break;
            case "summary": summary = bool(key, v); break;
            case "report": reportAtExit = "exit".equals(oneOf(key, v, "off", "exit")); break;
            default:
                throw new IllegalArgumentException("unknown option '" + key + "' (known: " + String.join(", ", KEYS) + ")");
        }
    }

    private static List<Glob> globs(String key, String v) {
        try {
            return Glob.parseList(v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("option " + key + "=" + v + ": " + e.getMessage()
                    + "; write binary class names with dots (com.acme.Order, com.acme.Outer$Line), * ** or ?,"
                    + " separated by ; or :");
        }
    }

    private static boolean bool(String key, String v) {
        if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("on")) {
            return true;
        }
        if (v.equalsIgnoreCase("false") || v.equalsIgnoreCase("off")) {
            return false;
        }
        throw new IllegalArgumentException("option " + key + "=" + v + ": expected true or false (or on, off)");
    }

    private static String oneOf(String key, String v, String... allowed) {
        String l = v.toLowerCase(Locale.ROOT);
        for (String a : allowed) {
            if (a.equals(l)) {
                return a;
            }
        }
        throw new IllegalArgumentException("option " + key + "=" + v + ": expected one of " + String.join("|", allowed));
    }

    /**
     * Parses a size such as {@code 4096}, {@code 64k}, {@code 256m}, {@code 1g}.
     *
     * @param key the option, for the message
     * @param v the text
     * @return bytes
     */
    static long size(String key, String v) {
        // The same syntax as the runtime's WovenRuntime.size, parsed here on purpose: options are
        // read before the runtime is on the bootstrap path, so this class must not touch it.
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
            if (n < 0 || n > Long.MAX_VALUE / mult) {
                throw new NumberFormatException();
            }
            return n * mult;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option " + key + "=" + v + ": expected a size such as 4096, 64k, 256m or 1g");
        }
    }
}
