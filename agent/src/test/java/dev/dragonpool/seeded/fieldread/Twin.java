package dev.dragonpool.seeded.fieldread;

import dev.dragonpool.Pooling;
import dev.dragonpool.programs.Probe;
import dev.dragonpool.seeded.Report;

/** The correct twin of {@link Bug}: the quote is audited before it is settled and released. */
public final class Twin {
    private Twin() {
    }

    static long settle(Quote q) {
        long p = q.price;
        Pooling.release(q);
        return p;
    }

    static long audit(Quote q) {
        return q.price;
    }

    public static void main(String[] args) {
        Probe.pooled(Quote.class);
        Report.check("field read before release", Twin.class, () -> {
            Quote q = new Quote("DRGN", 1250);
            long audited = audit(q);
            System.out.println("settled at " + settle(q));
            System.out.println("audited at " + audited);
        });
    }
}
