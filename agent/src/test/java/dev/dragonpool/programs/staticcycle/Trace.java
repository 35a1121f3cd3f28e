package dev.dragonpool.programs.staticcycle;

/** Prints what happens, in order. */
final class Trace {
    private Trace() {
    }

    static <T> T note(String what, T value) {
        System.out.println("  " + what);
        return value;
    }
}
