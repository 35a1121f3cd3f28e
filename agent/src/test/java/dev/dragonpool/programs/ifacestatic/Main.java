package dev.dragonpool.programs.ifacestatic;

import dev.dragonpool.Pooling;
import dev.dragonpool.programs.Probe;

/** Allocation from interface static, private and default methods; conflicting defaults resolved by the class. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        Probe.section("interface methods", () -> {
            for (String spec : new String[] {"2", "2x3", "1.5"}) {
                Shape s = Shape.of(spec);
                Shape d = s.doubled();
                System.out.println(spec + " -> " + s + " area " + s.area() + " doubled " + d + " area " + d.area()
                        + " name " + ((Named) s).name());
                Pooling.release(d);
                Pooling.release(s);
            }
            Shape disc = new Disc(1);
            Shape dd = disc.doubled();
            System.out.println("disc doubled " + dd + " area " + dd.area());
            Pooling.release(dd);
            Pooling.release(disc);
            System.out.println("again " + Shape.square(4) + " " + new Disc(2));
        });
        Probe.pooled(Rect.class, Disc.class);
    }
}
