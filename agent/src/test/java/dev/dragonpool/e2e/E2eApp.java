package dev.dragonpool.e2e;

import dev.dragonpool.Pooling;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * The application the end-to-end tests run under the real agent jar. Mode {@code agent} checks
 * pooling; mode {@code plain} checks that nothing changed (no agent or {@code enabled=false});
 * mode {@code asm} additionally uses the application's own ASM. Prints one line per check and
 * exits with status 1 on the first failure.
 */
public final class E2eApp {
    private static final List<String> FAILURES = new ArrayList<>();

    private E2eApp() {
    }

    static void check(boolean ok, String what) {
        System.out.println((ok ? "ok   " : "FAIL ") + what);
        if (!ok) {
            FAILURES.add(what);
        }
    }

    static String thrown(Runnable r) {
        try {
            r.run();
            return "nothing";
        } catch (RuntimeException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    public static void main(String[] args) throws Exception {
        // The allocation check below measures this thread only; leaks mode allocates by design.
        String mode = args.length > 0 ? args[0] : "agent";
        boolean agent = !mode.equals("plain");
        boolean reuses = agent && !mode.equals("guard"); // guard=full never hands a released instance out again
        check(Pooling.isPooled(Order.class) == agent, "isPooled(Order) == " + agent);
        check(!Pooling.isPooled(Tag.class), "records are not pooled");
        check(new Tag("x").name().equals("x"), "refused record still works");

        Order a = new Order(1, "ann");
        check(a.id == 1 && a.customer.equals("ann") && a.lines.length == 16, "constructor ran");
        long[] lines = a.lines;
        Pooling.release(a);
        Order b = new Order(2);
        check((a == b) == reuses, "identity after release: " + (a == b));
        check(b.id == 2 && b.customer.equals("anonymous"), "reinitialised through this(...)");
        check((b.lines == lines) == reuses, "retained field kept");
        b.quantity = 5;
        b.close();
        check(Order.hooks == (agent ? 2 : 0), "@OnRelease ran on release and on close: " + Order.hooks);
        if (agent) {
            check(thrown(() -> Pooling.release(b)).startsWith("IllegalStateException: double release of an instance of dev.dragonpool.e2e.Order"),
                    "double release: " + thrown(() -> Pooling.release(b)));
            check(thrown(() -> Pooling.release(null)).startsWith("NullPointerException"), "release(null)");
            check(thrown(() -> Pooling.release("s")).contains("java.lang.String"), "release(String): " + thrown(() -> Pooling.release("s")));
        } else {
            check(thrown(() -> Pooling.release(b)).equals("nothing"), "release is a no-op without the agent");
        }

        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long sink = 0;
        for (int i = 0; i < 50_000; i++) {
            Order o = new Order(i, "warm");
            sink += o.id;
            Pooling.release(o);
        }
        long tid = Thread.currentThread().getId();
        int cycles = 200_000;
        long before = mx.getThreadAllocatedBytes(tid);
        for (int i = 0; i < cycles; i++) {
            Order o = new Order(i, "c");
            sink += o.id;
            Pooling.release(o);
        }
        long bytes = mx.getThreadAllocatedBytes(tid) - before;
        System.out.println("allocated-bytes-per-cycle " + (double) bytes / cycles + " sink " + sink);
        if (mode.equals("leaks")) {
            for (int i = 0; i < 10; i++) {
                new Order(1000 + i); // never released
            }
            // Nothing is acquired from here on: the agent's leak daemon alone must report them.
            long found = 0;
            for (int round = 0; round < 250 && found == 0; round++) {
                System.gc();
                Thread.sleep(20);
                found = dev.dragonpool.runtime.internal.agent.AgentCounters.LEAKS.sum();
            }
            check(found >= 1, "leaks=paranoid found " + found + " leaked instance(s)");
            javax.management.MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            javax.management.ObjectName agentBean = new javax.management.ObjectName("dev.dragonpool:type=Agent");
            javax.management.ObjectName orderBean = new javax.management.ObjectName("dev.dragonpool:type=ObjCache,name="
                    + Order.class.getName());
            for (int i = 0; i < 100 && !(server.isRegistered(agentBean) && server.isRegistered(orderBean)); i++) {
                Thread.sleep(50);
            }
            Thread.sleep(150); // the beans cache their snapshot for a moment
            long agentLeaks = (Long) server.getAttribute(agentBean, "Leaks");
            long orderLeaks = (Long) server.getAttribute(orderBean, "Leaks");
            check(agentLeaks >= found && orderLeaks >= 1 && orderLeaks <= agentLeaks
                            && "paranoid".equals(server.getAttribute(agentBean, "LeakDetection")),
                    "jmx: Agent.Leaks " + agentLeaks + ", ObjCache(Order).Leaks " + orderLeaks + ", LeakDetection "
                            + server.getAttribute(agentBean, "LeakDetection"));
        } else if (mode.equals("guard")) {
            Order o = new Order(99);
            Pooling.release(o);
            String t = thrown(o::total);
            check(t.startsWith("UseAfterReleaseException: use after release: dev.dragonpool.e2e.Order.total()I called on an instance"
                    + " of dev.dragonpool.e2e.Order released at dev.dragonpool.e2e.E2eApp.main(E2eApp.java:"), "guard=full: " + t);
            String read = thrown(() -> System.out.println(o.quantity));
            check(read.startsWith("UseAfterReleaseException: use after release: field dev.dragonpool.e2e.Order.quantity accessed"
                    + " on an instance of dev.dragonpool.e2e.Order released at dev.dragonpool.e2e.E2eApp.main(E2eApp.java:"),
                    "guard=full, field read from another class: " + read);
            String write = thrown(() -> o.quantity = 3);
            check(write.startsWith("UseAfterReleaseException: use after release: field dev.dragonpool.e2e.Order.quantity"),
                    "guard=full, field write from another class: " + write);
            for (int i = 0; i < 50; i++) {
                Order fresh = new Order(100 + i);
                check(fresh != o, "a released instance is never handed out again");
                fresh.close();
            }
            check(thrown(o::total).startsWith("UseAfterReleaseException"), "guard=full, stale reference after later news");
            String twice = thrown(o::close);
            check(twice.startsWith("IllegalStateException: double release of an instance of dev.dragonpool.e2e.Order: it was already"
                    + " released at dev.dragonpool.e2e.E2eApp.main(E2eApp.java:"), "guard=full, @Release twice: " + twice);
        } else if (reuses && !mode.equals("leaks")) {
            check(bytes < 4096, "no allocation per cycle: " + bytes + " bytes over " + cycles + " cycles");
        } else {
            check(bytes > cycles * 16L, "plain new allocates: " + bytes + " bytes");
        }
        if (agent) {
            dev.dragonpool.runtime.ZoneStats zone = null;
            for (dev.dragonpool.runtime.Zone<?> z : dev.dragonpool.runtime.Pools.zones()) {
                if (z.name().equals("dragonpool.agent.descriptors")) {
                    zone = z.stats();
                }
            }
            check(zone != null && zone.used() >= 1, "pool descriptors come from the agent's boot zone: " + zone);
            check(dev.dragonpool.runtime.Pools.objCaches().stream().anyMatch(c -> c.name().equals(Order.class.getName())),
                    "Order's cache is registered in Pools");
        }
        if (mode.equals("jmx")) {
            javax.management.ObjectName name = new javax.management.ObjectName("dev.dragonpool:type=ObjCache,name=" + Order.class.getName());
            boolean found = false;
            for (int i = 0; i < 60 && !found; i++) {
                found = ManagementFactory.getPlatformMBeanServer().isRegistered(name);
                if (!found) {
                    Thread.sleep(100);
                }
            }
            check(found, "jmx publishes " + name);
        }
        if (mode.equals("nojmx")) {
            Thread.sleep(1_500); // the agent publishes 500 ms after start when jmx is on
            java.util.Set<javax.management.ObjectName> ours = ManagementFactory.getPlatformMBeanServer()
                    .queryNames(new javax.management.ObjectName("dev.dragonpool:*"), null);
            check(ours.isEmpty(), "jmx=off registers no dev.dragonpool bean: " + ours);
        }
        if (mode.equals("asm")) {
            Class<?> reader = Class.forName("org.objectweb.asm.ClassReader");
            Object r = reader.getConstructor(String.class).newInstance("java.lang.Object");
            check(reader.getMethod("getClassName").invoke(r).equals("java/lang/Object"), "application's own ASM works");
        }
        if (!FAILURES.isEmpty()) {
            System.out.println("E2E FAILED " + FAILURES);
            System.exit(1);
        }
        System.out.println("E2E OK " + mode);
    }
}
