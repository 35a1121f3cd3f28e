package dev.dragonpool.programs.initorder;

/** Set by the static initialisers of the pooled classes; reading it never initialises them. */
final class Flags {
    static boolean deferredInitialised;
    static boolean seenInitialised;
    static final StringBuilder LOG = new StringBuilder();

    private Flags() {
    }

    static int arg(String name, int v) {
        System.out.println("  evaluate argument " + name);
        return v;
    }

    static int boom() {
        System.out.println("  argument throws");
        throw new UnsupportedOperationException("argument failed");
    }
}
