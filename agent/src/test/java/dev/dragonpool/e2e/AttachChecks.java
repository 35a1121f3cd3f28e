package dev.dragonpool.e2e;

import dev.dragonpool.Pooling;

/** Runs after the attach: classes it touches load under the agent. */
final class AttachChecks {
    private AttachChecks() {
    }

    static void run() {
        Order a = new Order(7);
        Pooling.release(a);
        Order b = new Order(8);
        System.out.println("pooled-after-attach " + Pooling.isPooled(Order.class) + " identity " + (a == b));
        System.out.println("early-pooled " + Pooling.isPooled(Early.class));
        System.out.println("ATTACH DONE");
    }
}
