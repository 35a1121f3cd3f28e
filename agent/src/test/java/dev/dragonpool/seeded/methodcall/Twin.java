package dev.dragonpool.seeded.methodcall;

import dev.dragonpool.Pooling;
import dev.dragonpool.programs.Probe;
import dev.dragonpool.seeded.Report;

/** The correct twin of {@link Bug}: the total is read again before the order is released. */
public final class Twin {
    private Twin() {
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
        Report.check("reread before checkout", Twin.class, () -> {
            Order o = new Order(7, 3);
            int again = reread(o);
            System.out.println("checked out " + checkout(o));
            System.out.println("total again " + again);
        });
    }
}
