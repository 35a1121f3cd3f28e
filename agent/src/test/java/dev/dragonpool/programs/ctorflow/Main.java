package dev.dragonpool.programs.ctorflow;

import dev.dragonpool.Pooling;
import dev.dragonpool.programs.Probe;

/** Constructors with loops, exception handlers, finally blocks, labelled breaks and an early return. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        String[] inputs = {"1,2,3", "", "4,x,5,stop,6", ",,", "7,-1,8", "a,b", "10,20"};
        Probe.section("one-argument", () -> {
            for (String in : inputs) {
                Parser p = new Parser(in);
                System.out.println("'" + in + "' -> " + p);
                Pooling.release(p);
            }
        });
        Probe.section("two-argument", () -> {
            for (int strict = 0; strict < 3; strict++) {
                for (String in : inputs) {
                    try {
                        Parser p = new Parser(strict, in);
                        System.out.println(strict + " '" + in + "' -> " + p);
                        Pooling.release(p);
                    } catch (IllegalArgumentException e) {
                        System.out.println(strict + " '" + in + "' threw " + e.getMessage());
                    }
                }
            }
        });
        Probe.pooled(Parser.class);
    }
}
