package dev.dragonpool.agent.stat;

import java.lang.reflect.Array;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;

/**
 * A minimal JSON writer for the values JMX open types produce: null, booleans, numbers, strings,
 * arrays, {@link CompositeData} (an object), {@link TabularData} (an object when its rows are
 * {@code key}/{@code value} pairs, as for a {@code Map<String, String>}, else an array of objects),
 * and maps. Hand-written so the agent jar needs no JSON library.
 */
final class Json {

    private Json() {
    }

    static void value(StringBuilder sb, Object v) {
        if (v == null) {
            sb.append("null");
        } else if (v instanceof Boolean) {
            sb.append(v);
        } else if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                sb.append("null");
            } else {
                sb.append(d);
            }
        } else if (v instanceof Number) {
            sb.append(((Number) v).longValue());
        } else if (v instanceof CharSequence || v instanceof Character) {
            string(sb, v.toString());
        } else if (v instanceof Map) {
            object(sb, (Map<?, ?>) v);
        } else if (v instanceof CompositeData) {
            composite(sb, (CompositeData) v);
        } else if (v instanceof TabularData) {
            tabular(sb, (TabularData) v);
        } else if (v instanceof Collection) {
            array(sb, List.copyOf((Collection<?>) v));
        } else if (v.getClass().isArray()) {
            int n = Array.getLength(v);
            sb.append('[');
            for (int i = 0; i < n; i++) {
                if (i > 0) {
                    sb.append(',');
                }
                value(sb, Array.get(v, i));
            }
            sb.append(']');
        } else {
            string(sb, v.toString());
        }
    }

    static void object(StringBuilder sb, Map<?, ?> m) {
        sb.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            string(sb, String.valueOf(e.getKey()));
            sb.append(':');
            value(sb, e.getValue());
        }
        sb.append('}');
    }

    private static void array(StringBuilder sb, List<?> list) {
        sb.append('[');
        for (int i = 0; i < list.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            value(sb, list.get(i));
        }
        sb.append(']');
    }

    private static void composite(StringBuilder sb, CompositeData c) {
        sb.append('{');
        boolean first = true;
        for (String key : c.getCompositeType().keySet()) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            string(sb, key);
            sb.append(':');
            value(sb, c.get(key));
        }
        sb.append('}');
    }

    private static void tabular(StringBuilder sb, TabularData t) {
        var keys = t.getTabularType().getRowType().keySet();
        boolean keyValue = keys.size() == 2 && keys.contains("key") && keys.contains("value");
        sb.append(keyValue ? '{' : '[');
        boolean first = true;
        for (Object row : t.values()) {
            CompositeData c = (CompositeData) row;
            if (!first) {
                sb.append(',');
            }
            first = false;
            if (keyValue) {
                string(sb, String.valueOf(c.get("key")));
                sb.append(':');
                value(sb, c.get("value"));
            } else {
                composite(sb, c);
            }
        }
        sb.append(keyValue ? '}' : ']');
    }

    static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"':
                    sb.append("\\\"");
                    break;
                case '\\':
                    sb.append("\\\\");
                    break;
                case '\n':
                    sb.append("\\n");
                    break;
                case '\r':
                    sb.append("\\r");
                    break;
                case '\t':
                    sb.append("\\t");
                    break;
                default:
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
            }
        }
        sb.append('"');
    }
}
