package dev.dragonpool.programs.nestmates;

import dev.dragonpool.Pooling;
import dev.dragonpool.programs.Probe;

/** Private constructors of pooled nest members called from other nest members, lambdas and references. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        Probe.section("private constructors across the nest", () -> {
            for (int i = 0; i < 3; i++) {
                Outer.A a = Outer.a(i);
                Outer.A n = Outer.named(i == 0 ? "xy" : "name" + i);
                Outer.C c = Outer.c(i);
                System.out.println(a.show() + " " + n.show() + " " + c.show());
                Pooling.release(a);
                Pooling.release(n);
                Pooling.release(c);
            }
        });
        Probe.section("lambda and reference in the nest host", () -> {
            for (int i = 0; i < 2; i++) {
                Outer.A f = Outer.factory().apply(i + 5);
                Outer.A r = Outer.reference().apply(i + 7);
                System.out.println(f.show() + " " + r.show());
                Pooling.release(f);
                Pooling.release(r);
            }
        });
        Probe.pooled(Outer.A.class, Outer.B.class, Outer.C.class);
    }
}
