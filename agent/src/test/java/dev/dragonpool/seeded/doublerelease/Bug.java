package dev.dragonpool.seeded.doublerelease;

import dev.dragonpool.Pooling;
import dev.dragonpool.programs.Probe;
import dev.dragonpool.seeded.Report;

/**
 * Seeded bug 6 (first form): double release through {@code Pooling.release}. The handler
 * releases the packet it consumed ({@link #consume}), and so does the dispatcher that gave it the
 * packet ({@link #dispatch}).
 */
public final class Bug {
    private Bug() {
    }

    static int consume(Packet p) {
        int n = p.length();
        Pooling.release(p);
        return n;
    }

    static int dispatch(Packet p) {
        int n = consume(p);
        Pooling.release(p);
        return n;
    }

    public static void main(String[] args) {
        Probe.pooled(Packet.class);
        Report.check("dispatch", Bug.class, () -> System.out.println("dispatched " + dispatch(new Packet(64))));
    }
}
