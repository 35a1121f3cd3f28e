package dev.dragonpool.seeded.doubleclose;

import dev.dragonpool.programs.Probe;
import dev.dragonpool.seeded.Report;

/**
 * Seeded bug 6 (second form): double release through a {@code @Release close()}. A helper closes
 * the channel when it is done ({@link #finish}), and the caller's try-with-resources closes it
 * again ({@link #talk}). This is a double release, not a use after release: the report must say
 * so and name the first close's caller.
 */
public final class Bug {
    private Bug() {
    }

    static String finish(Channel c) {
        String s = c.stats();
        c.close();
        return s;
    }

    static String talk() {
        try (Channel c = new Channel("peer-1")) {
            c.send("hello");
            c.send("bye");
            return finish(c);
        }
    }

    public static void main(String[] args) {
        Probe.pooled(Channel.class);
        Report.check("talk", Bug.class, () -> System.out.println("talked: " + talk()));
    }
}
