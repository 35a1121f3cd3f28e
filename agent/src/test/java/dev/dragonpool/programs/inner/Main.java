package dev.dragonpool.programs.inner;

import dev.dragonpool.Pooling;
import dev.dragonpool.annotations.Pooled;
import dev.dragonpool.programs.Probe;
import java.util.function.IntSupplier;

/** Inner, nested and local pooled classes, with captured outer instances and captured locals. */
public final class Main {
    private Main() {
    }

    static Class<?> localClass;

    static String locals(int base, String tag) {
        long big = base * 1_000_000_000L;
        @Pooled
        final class Local implements IntSupplier {
            final int k;

            Local(int k) {
                this.k = k;
            }

            @Override
            public int getAsInt() {
                return (int) (big / 1_000_000L) + base + k;
            }

            @Override
            public String toString() {
                return tag + "/" + getAsInt();
            }
        }
        localClass = Local.class;
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            Local l = new Local(i);
            sb.append(l).append(' ');
            Pooling.release(l);
        }
        return sb.toString().trim();
    }

    public static void main(String[] args) {
        Outer a = new Outer("a");
        Outer b = new Outer("b");
        Probe.section("inner", () -> {
            for (int i = 0; i < 3; i++) {
                Outer.Inner x = a.new Inner(i);
                System.out.println("inner " + x.seen + " owner " + x.owner());
                Pooling.release(x);
                Outer.Inner y = b.make(i);
                System.out.println("inner " + y.seen + " owner " + y.owner());
                Pooling.release(y);
            }
            System.out.println("counts a=" + a.innerCount + " b=" + b.innerCount);
        });
        Probe.section("nested", () -> {
            for (int i = 0; i < 2; i++) {
                Outer.Nested n = (i == 0 ? a : b).nest();
                System.out.println("nested outer " + n.outer.name);
                Pooling.release(n);
            }
        });
        Probe.section("local", () -> {
            System.out.println("local " + locals(1, "x"));
            System.out.println("local " + locals(2, "y"));
        });
        Probe.section("lambda capturing", () -> {
            int base = 7;
            IntSupplier s = () -> a.new Inner(base).n + b.make(base + 1).n;
            System.out.println("lambda " + s.getAsInt() + " " + s.getAsInt());
        });
        Probe.pooled(Outer.Inner.class, Outer.Nested.class, localClass);
    }
}
