package dev.dragonpool.seeded.fieldwrite;

import dev.dragonpool.Pooling;
import dev.dragonpool.programs.Probe;
import dev.dragonpool.seeded.Report;

/** The correct twin of {@link Bug}: the quote is repriced before it is settled and released. */
public final class Twin {
    private Twin() {
    }

    static long settle(Quote q) {
        long p = q.price;
        Pooling.release(q);
        return p;
    }

    static void reprice(Quote q, long price) {
        q.price = price;
    }

    public static void main(String[] args) {
        Probe.pooled(Quote.class);
        Report.check("field write before release", Twin.class, () -> {
            Quote q = new Quote("DRGN", 1250);
            reprice(q, 1300);
            System.out.println("settled at " + settle(q));
            System.out.println("repriced");
        });
    }
}
