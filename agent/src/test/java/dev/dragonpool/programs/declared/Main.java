package dev.dragonpool.programs.declared;

import dev.dragonpool.Pooling;
import dev.dragonpool.programs.Probe;
import dev.dragonpool.programs.declared.other.Factory;
import dev.dragonpool.programs.declared.other.Named;

/** Releases through declared interface, superclass and Object types; the caller never names the pooled class. */
public final class Main {
    private Main() {
    }

    static Shape make(int i) {
        return i % 2 == 0 ? new Circle(i) : new Square(i);
    }

    public static void main(String[] args) {
        // through the interface type, in try/finally
        Shape s = new Circle(2);
        try {
            System.out.println("interface: " + s.describe() + " area " + s.area());
        } finally {
            Pooling.release(s);
        }
        // through the superclass type
        Polygon p = new Square(3);
        try {
            System.out.println("superclass: " + p.describe());
        } finally {
            Pooling.release(p);
        }
        // in a loop, alternating classes through one variable
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
        // in an if
        for (int i = 0; i < 3; i++) {
            Shape y = new Circle(i + 0.5);
            if (i != 1) {
                System.out.println("if " + i + ": " + y.describe());
                Pooling.release(y);
            } else {
                System.out.println("if " + i + ": kept " + y.describe());
            }
        }
        // a join of two branches making different pooled classes
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
        for (int i = 0; i < 4; i++) {
            Object j = (i & 1) == 0 ? new Token("t" + i) : (Object) new Circle(i);
            System.out.println("ternary join " + i + ": " + (j instanceof Shape ? ((Shape) j).describe() : j));
            Pooling.release(j);
        }
        // through Object
        for (int i = 0; i < 3; i++) {
            Object o = new Token("o" + i);
            System.out.println("object: " + o);
            Pooling.release(o);
        }
        // a public method of another package returning a package-private pooled class
        for (int i = 0; i < 3; i++) {
            Object h = Factory.make("h" + i);
            System.out.println("other package: " + ((Named) h).name());
            Pooling.release(h);
            Named n = Factory.named("n" + i);
            System.out.println("other package named: " + n.name());
            Pooling.release(n);
            Pooling.release(Factory.make("direct" + i));
        }
        System.out.println("after: " + new Circle(9).describe() + " " + new Square(9).describe() + " " + new Token("end")
                + " " + Factory.named("end").name());
        Probe.pooled(Circle.class, Square.class, Token.class, Factory.hiddenClass());
    }
}
