package dev.dragonpool.programs.fieldinit;

import dev.dragonpool.Pooling;
import dev.dragonpool.programs.Probe;

/**
 * Initialiser order, initialisers that throw, and a superclass constructor calling an override
 * that reads not-yet-initialised subclass fields (defaults, also on a recycled instance).
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        Probe.section("order", () -> {
            for (int i = 0; i < 3; i++) {
                Ordered o = i == 2 ? new Ordered(100) : new Ordered();
                System.out.println("ordered " + o);
                Pooling.release(o);
            }
        });
        Probe.section("throwing initialiser", () -> {
            for (int i = 0; i < 4; i++) {
                Ordered.failNext = i % 2 == 1;
                try {
                    Ordered o = new Ordered();
                    System.out.println("initialised " + o);
                    Pooling.release(o);
                } catch (IllegalStateException e) {
                    System.out.println("initialiser threw " + e.getMessage());
                }
            }
            Ordered.failNext = false;
        });
        Probe.section("override called from the super constructor", () -> {
            for (int i = 1; i < 4; i++) {
                Derived d = new Derived(i);
                System.out.println("super saw [" + d.seenBySuper + "] now [" + d.describe() + "]");
                Pooling.release(d);
            }
            Base b = new Base();
            System.out.println("base saw " + b.seenBySuper);
        });
        System.out.println("sequence " + Seq.LOG.toString().trim());
        Probe.pooled(Ordered.class, Base.class, Derived.class);
    }
}
