package dev.dragonpool.e2e;

import dev.dragonpool.Pooling;

/**
 * A short application for the agent's diagnostics (AgentDiagnosticsIT): it loads a pooled
 * class, a refused record and an interface, and with the argument {@code leak} acquires ten
 * pooled instances it never releases and exits at once, without a collection and without any
 * later acquire, so that only the agent's exit round can find them; with {@code exhaust} it
 * exceeds {@link Limited}'s limit.
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
        if (args.length > 0 && args[0].equals("exhaust")) {
            Limited a = new Limited(1);
            Limited b = new Limited(2); // neither is released
            try {
                System.out.println("third " + new Limited(3).n);
            } catch (RuntimeException e) {
                System.out.println("third: " + e.getClass().getName() + ": " + e.getMessage());
            }
            Pooling.release(a);
            System.out.println("after a release: " + new Limited(4).n + " (held " + b.n + ")");
        }
        System.out.println("DIAG OK " + n.name() + " " + t.name() + " pooled " + Pooling.isPooled(Order.class));
    }
}
