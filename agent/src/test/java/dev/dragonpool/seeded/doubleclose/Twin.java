package dev.dragonpool.seeded.doubleclose;

import dev.dragonpool.programs.Probe;
import dev.dragonpool.seeded.Report;

/** The correct twin of {@link Bug}: the helper leaves closing to the try-with-resources. */
public final class Twin {
    private Twin() {
    }

    static String finish(Channel c) {
        String s = c.stats();
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
        Report.check("talk", Twin.class, () -> System.out.println("talked: " + talk()));
    }
}
