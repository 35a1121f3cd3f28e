package dev.dragonpool.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openjdk.jol.info.ClassLayout;

/**
 * What enhancement costs per object with {@code guard=off} and {@code leaks=off}: one byte of
 * field data on the topmost pooled class (its life-cycle state), nothing on pooled subclasses.
 * After HotSpot's 8-byte object alignment that byte is free when the class's fields leave a gap,
 * and costs one 8-byte step when they fill the object exactly; both are asserted per layout.
 */
class FootprintIT {
    private static final String MAIN = "dev.dragonpool.programs.footprint.Main";

    private static Map<String, long[]> sizes(String... jvm) throws Exception {
        String cp = AgentJarIT.appClassPath() + File.pathSeparator + AgentJarIT.where(ClassLayout.class);
        AgentJarIT.Run r = AgentJarIT.java(List.of(jvm), cp, MAIN);
        assertEquals(0, r.status, r.out);
        Map<String, long[]> m = new LinkedHashMap<>();
        for (String line : r.out.split("\n")) {
            String[] w = line.trim().split(" ");
            if (w.length == 4 && w[1].matches("\\d+") && w[2].matches("\\d+") && w[3].matches("\\d+")) {
                m.put(w[0], new long[] {Long.parseLong(w[1]), Long.parseLong(w[2]), Long.parseLong(w[3])});
            }
        }
        assertEquals(7, m.size(), r.out);
        return m;
    }

    @Test
    void an_enhanced_object_carries_one_byte_of_state_and_no_more() throws Exception {
        Map<String, long[]> plain = sizes();
        Map<String, long[]> pooled = sizes(AgentJarIT.AGENT + "=guard=off,leaks=off,jmx=off");
        StringBuilder report = new StringBuilder();
        for (Map.Entry<String, long[]> e : plain.entrySet()) {
            long[] p = e.getValue();
            long[] a = pooled.get(e.getKey());
            report.append(e.getKey()).append(": ").append(p[0]).append(" -> ").append(a[0]).append(" bytes, fields ")
                    .append(p[1]).append(" -> ").append(a[1]).append('\n');
        }
        for (Map.Entry<String, long[]> e : plain.entrySet()) {
            long[] p = e.getValue();
            long[] a = pooled.get(e.getKey());
            // One byte of state (a pooled subclass inherits its root's byte and adds none).
            assertEquals(p[1] + 1, a[1], "field bytes of " + e.getKey() + "\n" + report);
            long padding = p[0] - p[2] - p[1];
            long grew = a[0] - p[0];
            assertEquals(padding > 0 ? 0 : 8, grew, "instance size of " + e.getKey() + " (padding before: " + padding
                    + "): the byte fits in existing padding, else costs one 8-byte alignment step\n" + report);
        }
        System.out.println(report);
    }
}
