package dev.dragonpool.seeded.fieldread;

import dev.dragonpool.Pooling;
import dev.dragonpool.programs.Probe;
import dev.dragonpool.seeded.Report;

/**
 * Seeded bug 3: a field of a released instance read from another class. {@link #settle} releases
 * the quote; {@link #audit} then reads {@code q.price} (a {@code getfield} in this class, no method
 * of {@link Quote} is called).
 */
public final class Bug {
    private Bug() {
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
        Report.check("field read after release", Bug.class, () -> {
            Quote q = new Quote("DRGN", 1250);
            System.out.println("settled at " + settle(q));
            System.out.println("audited at " + audit(q));
        });
    }
}
