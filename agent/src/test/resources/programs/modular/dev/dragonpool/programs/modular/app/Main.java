package dev.dragonpool.programs.modular.app;

import dev.dragonpool.Pooling;
import dev.dragonpool.programs.modular.internal.Packet;

/** Runs from the module path: pooled classes of a named module, allocated and released. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.out.println("module " + Main.class.getModule().getName() + " named " + Main.class.getModule().isNamed());
        for (int i = 0; i < 4; i++) {
            Point p = new Point(i, i * i);
            System.out.println("point " + p);
            Pooling.release(p);
        }
        for (int i = 0; i < 3; i++) {
            try (Packet k = new Packet(i, "body" + i)) {
                System.out.println("packet " + k);
            }
        }
        Object o = new Packet(9, "object");
        System.out.println("packet via Object " + o);
        Pooling.release(o);
        System.out.println("end " + new Point(7, 8) + " " + new Packet(10, "end"));
        for (Class<?> c : new Class<?>[] {Point.class, Packet.class}) {
            System.err.println("dragonpool-probe pooled " + c.getName() + " " + Pooling.isPooled(c));
        }
    }
}
