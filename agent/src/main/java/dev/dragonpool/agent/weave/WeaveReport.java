package dev.dragonpool.agent.weave;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one weaving run did: classes read, changed, enhanced as pooled, refused (with the reason,
 * the agent's wording), already woven; allocation sites rewritten and left plain (with where and
 * why); release calls made direct or sent to the runtime's bridge; notes of the transformation
 * (constructors kept plain, ignored annotations); classes verified. The build log shows
 * {@link #lines()}; {@link #toJson()} is the machine-readable form
 * ({@code target/dragonpool-weave.json}).
 */
public final class WeaveReport {
    String input = "";
    String output = "";
    String options = "";
    String version = Woven.version();
    int classes;
    int changed;
    final List<String> enhanced = new ArrayList<>();
    final Map<String, String> refused = new TreeMap<>();
    final List<String> alreadyWoven = new ArrayList<>();
    final List<String> alreadyPooled = new ArrayList<>();
    final List<String> staleOptions = new ArrayList<>();
    int sitesRewritten;
    int sitesLeftPlain;
    final List<String> leftPlain = new ArrayList<>();
    int releasesDirect;
    int releasesBridged;
    int isPooledBridged;
    final List<String> notes = new ArrayList<>();
    int verified;
    final List<String> unverifiable = new ArrayList<>();
    final List<String> droppedSignatures = new ArrayList<>();
    long millis;

    WeaveReport() {
    }

    /** @return the binary names of the classes enhanced as pooled, sorted */
    public List<String> enhanced() {
        List<String> l = new ArrayList<>(enhanced);
        Collections.sort(l);
        return l;
    }

    /** @return refused classes (binary name to reason), sorted by name */
    public Map<String, String> refused() {
        return Collections.unmodifiableMap(refused);
    }

    /** @return classes found woven already whose mark says they are pooled */
    public List<String> alreadyPooled() {
        return Collections.unmodifiableList(alreadyPooled);
    }

    /** @return allocation sites rewritten to a pooled factory */
    public int sitesRewritten() {
        return sitesRewritten;
    }

    /** @return allocation sites of pooled classes left as a plain {@code new} */
    public int sitesLeftPlain() {
        return sitesLeftPlain;
    }

    /** @return class files changed (and marked woven) */
    public int changed() {
        return changed;
    }

    /** @return class files read */
    public int classes() {
        return classes;
    }

    /** @return classes found woven already and left as they were */
    public List<String> alreadyWoven() {
        return Collections.unmodifiableList(alreadyWoven);
    }

    /** @return {@code Pooling.release} calls made direct plus those sent to the runtime's bridge */
    public int releases() {
        return releasesDirect + releasesBridged;
    }

    /** @return changed classes linked and verified by the JVM */
    public int verified() {
        return verified;
    }

    /** @return how long the run took, in milliseconds */
    public long millis() {
        return millis;
    }

    /** @return one line of counts */
    public String summary() {
        return "woven " + input + (output.equals(input) ? "" : " -> " + output) + ": " + classes + " classes read, " + changed
                + " changed, " + enhanced.size() + " enhanced, " + refused.size() + " refused; allocation sites "
                + sitesRewritten + " rewritten, " + sitesLeftPlain + " left plain; releases " + releasesDirect + " direct, "
                + releasesBridged + " through the runtime; " + (alreadyWoven.isEmpty() ? "" : alreadyWoven.size()
                + " already woven (" + alreadyPooled.size() + " pooled); ") + verified + " verified (" + millis + " ms)";
    }

    /**
     * The report as log lines: the summary, then one line per enhanced class, refused class, site
     * left plain, note and unverifiable class.
     *
     * @return the lines, without a prefix
     */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        out.add(summary());
        for (String c : enhanced()) {
            out.add("  pooled " + c);
        }
        for (Map.Entry<String, String> e : refused.entrySet()) {
            out.add("  not pooling " + e.getKey() + ": " + e.getValue());
        }
        for (String s : leftPlain) {
            out.add("  allocation site left plain in " + s);
        }
        for (String n : notes) {
            out.add("  " + n);
        }
        for (String c : staleOptions) {
            out.add("  " + c + " was woven before with other options and is kept as it is: clean the build to weave it again");
        }
        for (String u : unverifiable) {
            out.add("  not verified: " + u);
        }
        for (String s : droppedSignatures) {
            out.add("  removed signature file " + s + " (the jar's classes changed)");
        }
        return out;
    }

    /** @return the report as one JSON object */
    public String toJson() {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("tool", "dragonpool-weave");
        m.put("version", version);
        m.put("input", input);
        m.put("output", output);
        m.put("options", options);
        m.put("classes", classes);
        m.put("changed", changed);
        m.put("enhanced", enhanced());
        List<Object> ref = new ArrayList<>();
        for (Map.Entry<String, String> e : refused.entrySet()) {
            Map<String, Object> r = new java.util.LinkedHashMap<>();
            r.put("class", e.getKey());
            r.put("reason", e.getValue());
            ref.add(r);
        }
        m.put("refused", ref);
        m.put("alreadyWoven", alreadyWoven);
        m.put("alreadyPooled", alreadyPooled);
        m.put("staleOptions", staleOptions);
        Map<String, Object> sites = new java.util.LinkedHashMap<>();
        sites.put("rewritten", sitesRewritten);
        sites.put("leftPlain", sitesLeftPlain);
        sites.put("leftPlainWhere", leftPlain);
        m.put("sites", sites);
        Map<String, Object> rel = new java.util.LinkedHashMap<>();
        rel.put("direct", releasesDirect);
        rel.put("throughRuntime", releasesBridged);
        rel.put("isPooledThroughRuntime", isPooledBridged);
        m.put("releases", rel);
        m.put("notes", notes);
        m.put("verified", verified);
        m.put("unverifiable", unverifiable);
        m.put("droppedSignatures", droppedSignatures);
        m.put("millis", millis);
        StringBuilder sb = new StringBuilder();
        json(sb, m, "");
        return sb.append('\n').toString();
    }

    private static void json(StringBuilder sb, Object v, String indent) {
        if (v instanceof Map) {
            Map<?, ?> map = (Map<?, ?>) v;
            if (map.isEmpty()) {
                sb.append("{}");
                return;
            }
            sb.append("{\n");
            int i = 0;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                sb.append(indent).append("  ");
                string(sb, String.valueOf(e.getKey()));
                sb.append(": ");
                json(sb, e.getValue(), indent + "  ");
                sb.append(++i < map.size() ? ",\n" : "\n");
            }
            sb.append(indent).append('}');
        } else if (v instanceof List) {
            List<?> list = (List<?>) v;
            if (list.isEmpty()) {
                sb.append("[]");
                return;
            }
            sb.append("[\n");
            for (int i = 0; i < list.size(); i++) {
                sb.append(indent).append("  ");
                json(sb, list.get(i), indent + "  ");
                sb.append(i + 1 < list.size() ? ",\n" : "\n");
            }
            sb.append(indent).append(']');
        } else if (v instanceof Number || v instanceof Boolean) {
            sb.append(v);
        } else {
            string(sb, String.valueOf(v));
        }
    }

    private static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': sb.append("\\\""); break;
                case '\\': sb.append("\\\\"); break;
                case '\n': sb.append("\\n"); break;
                case '\r': sb.append("\\r"); break;
                case '\t': sb.append("\\t"); break;
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
