package dev.dragonpool.seeded.doublerelease;

import dev.dragonpool.Pooling;
import dev.dragonpool.programs.Probe;
import dev.dragonpool.seeded.Report;

/** The correct twin of {@link Bug}: only the handler releases the packet. */
public final class Twin {
    private Twin() {
    }

    static int consume(Packet p) {
        int n = p.length();
        Pooling.release(p);
        return n;
    }

    static int dispatch(Packet p) {
        int n = consume(p);
        return n;
    }

    public static void main(String[] args) {
        Probe.pooled(Packet.class);
        Report.check("dispatch", Twin.class, () -> System.out.println("dispatched " + dispatch(new Packet(64))));
    }
}
