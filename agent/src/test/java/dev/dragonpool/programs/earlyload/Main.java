package dev.dragonpool.programs.earlyload;

import dev.dragonpool.Pooling;
import dev.dragonpool.programs.Probe;

/** {@link Gadget} was loaded by another agent's premain before Dragonpool's; the application then allocates it. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        for (int i = 0; i < 3; i++) {
            Gadget g = new Gadget(10 + i);
            g.state = "used" + i;
            System.out.println("main " + g);
            Pooling.release(g);
            Gadget w = Workshop.build(20 + i);
            System.out.println("workshop " + w);
            Pooling.release(w);
        }
        System.out.println("end " + new Gadget(99));
        Probe.pooled(Gadget.class);
    }
}
