package dev.dragonpool.seeded.fieldwrite;

import dev.dragonpool.Pooling;
import dev.dragonpool.programs.Probe;
import dev.dragonpool.seeded.Report;

/**
 * Seeded bug 4: a field of a released instance written from another class. {@link #settle}
 * releases the quote; {@link #reprice} then writes {@code q.price} (a {@code putfield} in this
 * class, no method of {@link Quote} is called). Unseen, such a write corrupts whichever later
 * {@code new Quote(..)} receives the instance.
 */
public final class Bug {
    private Bug() {
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
        Report.check("field write after release", Bug.class, () -> {
            Quote q = new Quote("DRGN", 1250);
            System.out.println("settled at " + settle(q));
            reprice(q, 1300);
            System.out.println("repriced");
        });
    }
}
