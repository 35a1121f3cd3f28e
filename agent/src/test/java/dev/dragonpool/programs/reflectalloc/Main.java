package dev.dragonpool.programs.reflectalloc;

import dev.dragonpool.Pooling;
import dev.dragonpool.programs.Probe;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Instances made by reflection and method handles (plain allocation) are valid and may be
 * released into the pool; later {@code new}s still see initial field values.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        Probe.section("reflection", () -> {
            try {
                for (int i = 0; i < 3; i++) {
                    Gear g = Gear.class.getConstructor(int.class).newInstance(10 + i);
                    g.turns = 99;
                    g.finish = "painted";
                    Gear d = Gear.class.getDeclaredConstructor().newInstance();
                    System.out.println("reflective " + g + " " + d);
                    Pooling.release(g);
                    Pooling.release(d);
                    System.out.println("new after release " + new Gear(i) + " " + new Gear());
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        });
        Probe.section("method handles", () -> {
            try {
                MethodHandle ctor = MethodHandles.lookup().findConstructor(Gear.class, MethodType.methodType(void.class, int.class));
                MethodHandle noArg = MethodHandles.publicLookup().findConstructor(Gear.class, MethodType.methodType(void.class));
                for (int i = 0; i < 3; i++) {
                    Gear g = (Gear) ctor.invokeExact(20 + i);
                    Gear d = (Gear) noArg.invoke();
                    g.turns = 5;
                    System.out.println("handles " + g + " " + d);
                    Pooling.release(g);
                    Pooling.release(d);
                    System.out.println("new after release " + new Gear(i) + " " + new Gear());
                }
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
        });
        Probe.pooled(Gear.class);
    }
}
