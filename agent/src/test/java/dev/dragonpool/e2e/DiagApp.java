package dev.dragonpool.e2e;

import dev.dragonpool.Pooling;

/**
 * A short application for the agent's diagnostics (AgentDiagnosticsIT): it loads a pooled
 * class, a refused record and an interface, and with the argument {@code leak} acquires ten
 * pooled instances it never releases and exits at once, without a collection and without any
 * later acquire, so that only the agent's exit round can find them.
 */
public final class DiagApp {
    private DiagApp() {
    }

    public static void main(String[] args) {
        Order o = new Order(1, "diag");
        Pooling.release(o);
        Named n = new Named() {
            @Override
            public String name() {
                return "named";
            }
        };
        Tag t = new Tag("tag");
        if (args.length > 0 && args[0].equals("leak")) {
            long sum = 0;
            for (int i = 0; i < 10; i++) {
                sum += new Order(100 + i).id; // never released
            }
            System.out.println("leaked 10, ids sum " + sum);
        }
        System.out.println("DIAG OK " + n.name() + " " + t.name() + " pooled " + Pooling.isPooled(Order.class));
    }
}
