package dev.dragonpool.seeded.methodcall;

import dev.dragonpool.Pooling;
import dev.dragonpool.programs.Probe;
import dev.dragonpool.seeded.Report;

/**
 * Seeded bug 1: use after release on the same thread, through a method of the pooled class.
 * {@link #checkout} releases the order, then {@link #reread} still asks it for its total.
 */
public final class Bug {
    private Bug() {
    }

    static int checkout(Order o) {
        int t = o.total();
        Pooling.release(o);
        return t;
    }

    static int reread(Order o) {
        return o.total();
    }

    public static void main(String[] args) {
        Probe.pooled(Order.class);
        Report.check("reread after checkout", Bug.class, () -> {
            Order o = new Order(7, 3);
            System.out.println("checked out " + checkout(o));
            System.out.println("total again " + reread(o));
        });
    }
}
