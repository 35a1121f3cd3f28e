package dev.dragonpool.programs.footprint;

import dev.dragonpool.annotations.Pooled;
import org.openjdk.jol.info.ClassLayout;
import org.openjdk.jol.info.FieldLayout;

/**
 * Prints, for pooled classes of several field layouts, the instance size and the bytes of
 * instance fields as JOL sees them: {@code FootprintIT} compares a run without and one with the
 * agent ({@code guard} and {@code leaks} off).
 */
public final class Main {
    private Main() {
    }

    @Pooled
    static class OneInt {
        int a;
    }

    @Pooled
    static class OneRef {
        Object a;
    }

    @Pooled
    static class ThreeInts {
        int a;
        int b;
        int c;
    }

    @Pooled
    static class Payload { // the payload: 5 longs + 3 references
        long a;
        long b;
        long c;
        long d;
        long e;
        Object f;
        Object g;
        Object h;
    }

    @Pooled
    static class Mixed {
        byte a;
        short b;
        char c;
        boolean d;
        double e;
    }

    @Pooled
    static class Empty {
    }

    @Pooled
    static class Child extends Payload {
        int extra;
    }

    public static void main(String[] args) {
        for (Class<?> c : new Class<?>[] {Empty.class, OneInt.class, OneRef.class, ThreeInts.class, Payload.class,
                Mixed.class, Child.class}) {
            ClassLayout l = ClassLayout.parseClass(c);
            long fields = 0;
            for (FieldLayout f : l.fields()) {
                fields += f.size();
            }
            System.out.println(c.getSimpleName() + " " + l.instanceSize() + " " + fields + " " + l.headerSize());
        }
    }
}
