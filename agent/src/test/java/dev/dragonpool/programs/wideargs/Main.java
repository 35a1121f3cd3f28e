package dev.dragonpool.programs.wideargs;

import dev.dragonpool.Pooling;
import dev.dragonpool.programs.Probe;

/**
 * Wide and many arguments, varargs, and {@code new} in the middle of expressions, with long and
 * double values already on the operand stack below it.
 */
public final class Main {
    private Main() {
    }

    static long twice(long x) {
        return 2 * x;
    }

    static String three(long a, Object b, double c) {
        return a + "|" + b + "|" + c;
    }

    public static void main(String[] args) {
        Probe.section("fourteen arguments", () -> {
            for (int r = 0; r < 3; r++) {
                Vec v = new Vec(twice(r), r / 4.0, r, -r, r * 0.5f, (byte) r, (char) ('a' + r), r % 2 == 0, (short) (r * 7),
                        "s" + r, new int[r], Math.sqrt(r), Long.MIN_VALUE + r, r == 1 ? null : "n" + r);
                System.out.println("vec " + v + " len " + v.len());
                Pooling.release(v);
            }
            Vec w = new Vec(3.0, 4.0);
            System.out.println("this(...) with wide values " + w);
        });
        Probe.section("varargs", () -> {
            Poly p0 = new Poly();
            Poly p1 = new Poly(1.0);
            Poly p3 = new Poly(1.0, 2.0, 3.0);
            Poly named = new Poly("q", 0.5, 0.25);
            Poly objs = new Poly(3L, "a", 2, 'c', null);
            System.out.println("varargs " + p0 + " " + p1 + " " + p3.at(2) + " " + named + " " + objs);
            Pooling.release(p3);
            Pooling.release(p0);
            System.out.println("after release " + new Poly(new double[] {9, 8}) + " " + new Poly());
        });
        Probe.section("new under wide stack values", () -> {
            for (int r = 0; r < 2; r++) {
                double d = r * 1.5 + new Vec(r, 2.0).len() * 2;
                long l = twice(r) + (long) new Poly((double) r, r + 1.0).at(3) + twice(new Vec(r + 0.5, 1).a);
                String s = three(twice(r), new Poly("mid", r), new Vec(1, r).l);
                System.out.println("expressions " + d + " " + l + " " + s);
            }
        });
        Probe.pooled(Vec.class, Poly.class);
    }
}
