package dev.dragonpool.programs.oldbytecode;

import dev.dragonpool.Pooling;
import dev.dragonpool.programs.Probe;
import java.util.function.IntFunction;

/**
 * Runs the classes {@link Generate} wrote (old class file versions, jsr/ret, uninitialised objects
 * in locals, dup_x1/swap around new); the pooled class is named by the agent's {@code pool=}
 * option, not annotated.
 */
public final class Main {
    private Main() {
    }

    @SuppressWarnings("unchecked")
    static void run(String simpleName) {
        try {
            IntFunction<Object> f = (IntFunction<Object>) Class.forName("dev.dragonpool.programs.oldbytecode.gen." + simpleName)
                    .getDeclaredConstructor().newInstance();
            for (int i = 0; i < 3; i++) {
                System.out.println(simpleName + " " + i + ": " + f.apply(i));
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void main(String[] args) throws Exception {
        Probe.section("version 48", () -> run("OldUser"));
        Probe.section("version 52", () -> run("Shapes52"));
        for (String n : new String[] {"OldThing", "AncientThing"}) {
            Class<?> thing = Class.forName("dev.dragonpool.programs.oldbytecode.gen." + n);
            System.err.println("dragonpool-probe pooled " + thing.getName() + " " + Pooling.isPooled(thing));
        }
    }
}
