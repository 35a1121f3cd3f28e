package dev.dragonpool.programs.earlyload;

import java.lang.instrument.Instrumentation;

/**
 * A second Java agent, listed before Dragonpool's, whose {@code premain} loads and instantiates
 * the application's pooled {@link Gadget} (and a class that allocates it) before Dragonpool's
 * {@code premain} runs. Packed into a jar at test time by {@code ProgramsIT}.
 */
public final class EarlyAgent {
    private EarlyAgent() {
    }

    public static void premain(String options, Instrumentation inst) throws Exception {
        Object g = Class.forName("dev.dragonpool.programs.earlyload.Gadget").getDeclaredConstructor(int.class).newInstance(1);
        System.out.println("early agent made " + g);
        System.out.println("early agent used " + Workshop.build(2));
    }
}
