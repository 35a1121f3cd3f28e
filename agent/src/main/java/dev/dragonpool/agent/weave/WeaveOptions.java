package dev.dragonpool.agent.weave;

import dev.dragonpool.agent.transform.Glob;
import java.io.File;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Options of build-time weaving, as {@code key=value} (the {@code weave} command's arguments; the
 * Maven plugin sets the same fields from its parameters). The transformation's keys are the
 * agent's, with the same meaning and syntax:
 * <ul>
 * <li>{@code pool}, {@code exclude}: class-name globs ({@link Glob}; several separated by
 * {@code ;} or {@code :});</li>
 * <li>{@code guard}: {@code off|full} ({@code full} compiles the use-after-release checks into the
 * pooled classes' methods);</li>
 * </ul>
 * and weaving adds:
 * <ul>
 * <li>{@code classpath}: class folders and jars the woven classes run with (separated by the
 * platform's path separator), read for decisions only (a superclass in a dependency);</li>
 * <li>{@code json}: where to write the report as JSON;</li>
 * <li>{@code verify}: {@code true|false} (default {@code true}): link every changed class in a
 * throw-away loader so the JVM's verifier checks it, as it would at load under the agent.</li>
 * </ul>
 * The agent's run-time keys ({@code arena}, {@code capacity}, {@code leaks}, {@code jmx}) are
 * refused with a message saying to pass them as {@code -Ddragonpool.key=value} to the application;
 * {@code enabled}, {@code log}, {@code strict}, {@code summary} and {@code report} likewise belong to
 * the agent.
 */
public final class WeaveOptions {
    /** The keys {@link #set} accepts. */
    public static final List<String> KEYS = List.of("pool", "exclude", "guard", "classpath", "json", "verify");
    private static final List<String> RUNTIME_KEYS = List.of("arena", "capacity", "leaks", "jmx");
    private static final List<String> AGENT_KEYS = List.of("enabled", "log", "strict", "summary", "report");

    String poolText = "";
    String excludeText = "";
    List<Glob> pool = List.of();
    List<Glob> exclude = List.of();
    boolean guard;
    final List<Path> classpath = new ArrayList<>();
    Path json;
    boolean verify = true;

    /**
     * Parses {@code key=value} arguments.
     *
     * @param args the arguments
     * @return the options
     * @throws IllegalArgumentException naming the first bad argument and what is expected
     */
    public static WeaveOptions parse(List<String> args) {
        WeaveOptions o = new WeaveOptions();
        for (String a : args) {
            int eq = a.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("option '" + a + "' is not key=value (keys: " + String.join(", ", KEYS) + ")");
            }
            o.set(a.substring(0, eq).trim(), a.substring(eq + 1).trim());
        }
        return o;
    }

    /**
     * Sets one option.
     *
     * @param key the key
     * @param value its value
     * @return this
     * @throws IllegalArgumentException for an unknown key or a malformed value, with what to do
     */
    public WeaveOptions set(String key, String value) {
        switch (key) {
            case "pool":
                pool = Glob.parseList(value);
                poolText = value;
                break;
            case "exclude":
                exclude = Glob.parseList(value);
                excludeText = value;
                break;
            case "guard":
                String g = value.toLowerCase(Locale.ROOT);
                if (!g.equals("off") && !g.equals("full")) {
                    throw new IllegalArgumentException("option guard=" + value + ": expected off or full");
                }
                guard = g.equals("full");
                break;
            case "classpath":
                for (String e : value.split(File.pathSeparator)) {
                    if (!e.isBlank()) {
                        classpath.add(Paths.get(e.trim()));
                    }
                }
                break;
            case "json":
                json = Paths.get(value);
                break;
            case "verify":
                if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
                    verify = Boolean.parseBoolean(value);
                } else {
                    throw new IllegalArgumentException("option verify=" + value + ": expected true or false");
                }
                break;
            default:
                if (RUNTIME_KEYS.contains(key)) {
                    throw new IllegalArgumentException("option " + key + " is a run-time setting: pass -Ddragonpool." + key
                            + "=" + value + " to the woven application instead");
                }
                if (AGENT_KEYS.contains(key)) {
                    throw new IllegalArgumentException("option " + key + " belongs to the agent (-javaagent:dragonpool-agent.jar="
                            + key + "=...), not to weaving (keys: " + String.join(", ", KEYS) + ")");
                }
                throw new IllegalArgumentException("unknown option '" + key + "' (keys: " + String.join(", ", KEYS) + ")");
        }
        return this;
    }

    /**
     * Adds class-path entries read for decisions.
     *
     * @param entries class folders and jars
     * @return this
     */
    public WeaveOptions classpath(List<Path> entries) {
        classpath.addAll(entries);
        return this;
    }

    /**
     * The options that change the woven bytecode, in one line; recorded in each class's mark so
     * a class woven with other options is recognised.
     *
     * @return {@code pool=...;exclude=...;guard=...}
     */
    public String fingerprint() {
        return "pool=" + poolText + ";exclude=" + excludeText + ";guard=" + (guard ? "full" : "off");
    }

    /** @return where the JSON report goes, or {@code null} */
    public Path json() {
        return json;
    }
}
