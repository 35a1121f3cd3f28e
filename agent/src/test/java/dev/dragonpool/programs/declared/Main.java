package dev.dragonpool.programs.declared;

import dev.dragonpool.Pooling;
import dev.dragonpool.programs.Probe;
import dev.dragonpool.programs.declared.other.Factory;
import dev.dragonpool.programs.declared.other.Named;

/**
 * Releases through declared interface, superclass and Object types; the caller never names the
 * pooled class. Each shape is its own nested class, so a class that fails verification under the
 * agent takes only its own section down.
 */
public final class Main {
    private Main() {
    }

    static Shape make(int i) {
        return i % 2 == 0 ? new Circle(i) : new Square(i);
    }

    /** Through the interface type, in try/finally. */
    static final class ViaInterface {
        static void run() {
            Shape s = new Circle(2);
            try {
                System.out.println("interface: " + s.describe() + " area " + s.area());
            } finally {
                Pooling.release(s);
            }
        }
    }

    /** Through the superclass type. */
    static final class ViaSuperclass {
        static void run() {
            Polygon p = new Square(3);
            try {
                System.out.println("superclass: " + p.describe());
            } finally {
                Pooling.release(p);
            }
        }
    }

    /** In a loop, alternating classes through one variable. */
    static final class InLoop {
        static void run() {
            double total = 0;
            for (int i = 0; i < 6; i++) {
                Shape x = make(i);
                try {
                    total += x.area();
                    System.out.println("loop " + i + ": " + x.describe());
                } finally {
                    Pooling.release(x);
                }
            }
            System.out.println("loop total " + total);
        }
    }

    /** In an if. */
    static final class InIf {
        static void run() {
            for (int i = 0; i < 3; i++) {
                Shape y = new Circle(i + 0.5);
                if (i != 1) {
                    System.out.println("if " + i + ": " + y.describe());
                    Pooling.release(y);
                } else {
                    System.out.println("if " + i + ": kept " + y.describe());
                }
            }
        }
    }

    /** A join of two branches making different pooled classes. */
    static final class AtJoin {
        static void run() {
            for (int i = 0; i < 4; i++) {
                Shape z;
                if (i % 2 == 0) {
                    z = new Square(i + 1);
                } else {
                    z = new Circle(i + 1);
                }
                System.out.println("join " + i + ": " + z.describe());
                Pooling.release(z);
            }
        }
    }

    /** A ternary joining a Token and a Circle as Object. */
    static final class AtTernary {
        static void run() {
            for (int i = 0; i < 4; i++) {
                Object j = (i & 1) == 0 ? new Token("t" + i) : (Object) new Circle(i);
                System.out.println("ternary join " + i + ": " + (j instanceof Shape ? ((Shape) j).describe() : j));
                Pooling.release(j);
            }
        }
    }

    /** Through Object. */
    static final class ViaObject {
        static void run() {
            for (int i = 0; i < 3; i++) {
                Object o = new Token("o" + i);
                System.out.println("object: " + o);
                Pooling.release(o);
            }
        }
    }

    /** A public method of another package returning a package-private pooled class. */
    static final class OtherPackage {
        static void run() {
            for (int i = 0; i < 3; i++) {
                Object h = Factory.make("h" + i);
                System.out.println("other package: " + ((Named) h).name());
                Pooling.release(h);
                Named n = Factory.named("n" + i);
                System.out.println("other package named: " + n.name());
                Pooling.release(n);
                Pooling.release(Factory.make("direct" + i));
            }
        }
    }

    public static void main(String[] args) {
        Probe.section("interface", () -> ViaInterface.run());
        Probe.section("superclass", () -> ViaSuperclass.run());
        Probe.section("loop", () -> InLoop.run());
        Probe.section("if", () -> InIf.run());
        Probe.section("join", () -> AtJoin.run());
        Probe.section("ternary", () -> AtTernary.run());
        Probe.section("object", () -> ViaObject.run());
        Probe.section("other package", () -> OtherPackage.run());
        Probe.section("after", () -> System.out.println("after: " + new Circle(9).describe() + " " + new Square(9).describe()
                + " " + new Token("end") + " " + Factory.named("end").name()));
        Probe.pooled(Circle.class, Square.class, Token.class, Factory.hiddenClass());
    }
}
