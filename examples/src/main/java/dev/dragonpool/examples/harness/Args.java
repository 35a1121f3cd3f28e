package dev.dragonpool.examples.harness;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code --key value} command line options of the examples, with defaults and a clear message
 * for a malformed or unknown option.
 */
public final class Args {
    private final Map<String, String> given = new LinkedHashMap<>();
    private final Map<String, String> known = new LinkedHashMap<>();
    private final String usage;

    /**
     * Parses {@code args}.
     *
     * @param usage the program's usage line, shown with errors
     * @param args {@code --key value} pairs
     * @throws IllegalArgumentException when an argument is not of that form
     */
    public Args(String usage, String... args) {
        this.usage = usage;
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 == args.length) {
                throw new IllegalArgumentException("argument '" + args[i] + "' is not a '--key value' pair; usage: " + usage);
            }
            given.put(args[i].substring(2), args[++i]);
        }
    }

    /**
     * @param key option name
     * @param def default
     * @return its value
     */
    public String string(String key, String def) {
        known.put(key, def);
        return given.getOrDefault(key, def);
    }

    /**
     * @param key option name
     * @param def default
     * @return its value as a long ({@code _} separators and {@code k}/{@code m} suffixes allowed)
     */
    public long number(String key, long def) {
        String v = string(key, Long.toString(def)).replace("_", "").toLowerCase(java.util.Locale.ROOT);
        long scale = v.endsWith("k") ? 1_000 : v.endsWith("m") ? 1_000_000 : 1;
        try {
            return Long.parseLong(scale == 1 ? v : v.substring(0, v.length() - 1)) * scale;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + key + " " + given.get(key) + " is not a number (like 300000 or 300k); usage: " + usage, e);
        }
    }

    /**
     * Fails on options that no {@link #string}/{@link #number} call asked for (typos).
     *
     * @throws IllegalArgumentException naming the unknown options and the known ones
     */
    public void rejectUnknown() {
        for (String k : given.keySet()) {
            if (!known.containsKey(k)) {
                throw new IllegalArgumentException("unknown option --" + k + "; known: --" + String.join(", --", known.keySet())
                        + "; usage: " + usage);
            }
        }
    }
}
