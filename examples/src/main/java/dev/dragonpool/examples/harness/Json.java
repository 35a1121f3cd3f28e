package dev.dragonpool.examples.harness;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A minimal JSON writer for the examples' result files: maps, lists, strings, numbers, booleans
 * and {@code null}, indented by two spaces, lists of numbers on one line.
 */
final class Json {
    private Json() {
    }

    static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(out, value, 0);
        return out.append('\n').toString();
    }

    private static void write(StringBuilder out, Object v, int depth) {
        if (v == null) {
            out.append("null");
        } else if (v instanceof String) {
            string(out, (String) v);
        } else if (v instanceof Boolean) {
            out.append(v);
        } else if (v instanceof Number) {
            number(out, ((Number) v).doubleValue());
        } else if (v instanceof Map) {
            Map<?, ?> m = (Map<?, ?>) v;
            out.append('{');
            int i = 0;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                out.append(i++ == 0 ? "\n" : ",\n").append("  ".repeat(depth + 1));
                string(out, String.valueOf(e.getKey()));
                out.append(": ");
                write(out, e.getValue(), depth + 1);
            }
            out.append(m.isEmpty() ? "" : "\n" + "  ".repeat(depth)).append('}');
        } else if (v instanceof List) {
            List<?> l = (List<?>) v;
            boolean flat = l.stream().allMatch(x -> x instanceof Number || x instanceof String);
            out.append('[');
            for (int i = 0; i < l.size(); i++) {
                out.append(i == 0 ? "" : ",");
                if (!flat) {
                    out.append('\n').append("  ".repeat(depth + 1));
                } else if (i > 0) {
                    out.append(' ');
                }
                write(out, l.get(i), depth + 1);
            }
            out.append(flat || l.isEmpty() ? "" : "\n" + "  ".repeat(depth)).append(']');
        } else {
            throw new IllegalArgumentException("cannot write a " + v.getClass().getName() + " as JSON: " + v);
        }
    }

    private static void number(StringBuilder out, double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            out.append("null");
        } else if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            out.append((long) d);
        } else {
            out.append(String.format(Locale.ROOT, "%.6f", d).replaceFirst("0+$", ""));
        }
    }

    private static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }
}
