package dev.dragonpool.programs.ternarynew;

import dev.dragonpool.Pooling;
import dev.dragonpool.programs.Probe;

/** {@code new} nested in arguments, in conditional expressions, in array initialisers and as a receiver. */
public final class Main {
    private Main() {
    }

    static boolean cond(int i) {
        return i % 2 == 0;
    }

    public static void main(String[] args) {
        Probe.section("ternary argument", () -> {
            for (int i = 0; i < 4; i++) {
                A a = new A(cond(i) ? new B() : null);
                System.out.println("ternary " + a + " ok " + a.ok());
                B b = a.b;
                Pooling.release(a);
                if (b != null) {
                    Pooling.release(b);
                }
            }
        });
        Probe.section("nested", () -> {
            for (int i = 0; i < 3; i++) {
                A a = new A(new B(new C(i)));
                System.out.println("nested " + a);
                Pooling.release(a.b.c);
                Pooling.release(a.b);
                Pooling.release(a);
            }
        });
        Probe.section("conditions in arguments", () -> {
            for (int i = 0; i < 4; i++) {
                boolean c = cond(i);
                A a = new A(c ? new B(i > 1 ? new C(i) : null) : new B(), c ? 1 : 2, c && i > 0 || !c && i > 2);
                System.out.println("conditions " + a);
                Pooling.release(a);
            }
        });
        Probe.section("arrays", () -> {
            A[] arr = {new A(new B()), null, new A(null)};
            arr[1] = new A(new B(new C(arr.length)));
            C[][] grid = new C[2][];
            grid[0] = new C[] {new C(0), new C(1)};
            grid[1] = new C[] {cond(1) ? null : new C(2)};
            System.out.println("arrays " + java.util.Arrays.toString(arr) + " " + java.util.Arrays.deepToString(grid));
        });
        Probe.section("receiver and operand", () -> {
            for (int i = 0; i < 3; i++) {
                if (new A(new B(), i, true).ok()) {
                    System.out.println("condition new " + i);
                }
                String s = "concat " + new C(i) + new B(new C(i + 1)) + new A(null).self().n;
                System.out.println(s);
                boolean inst = new B() instanceof Object;
                System.out.println("instanceof " + inst + " field " + new A(new B(new C(5))).b.c.level);
            }
        });
        Probe.section("super arguments", () -> {
            for (int k = 0; k < 4; k++) {
                SubA s = new SubA(k);
                System.out.println("super args " + s);
                Pooling.release(s);
            }
        });
        Probe.pooled(A.class, B.class, C.class, SubA.class);
    }
}
