package dev.dragonpool.programs.initorder;

import dev.dragonpool.annotations.Pooled;

/** Its first {@code new} has an argument that throws: NEW has initialised it already (JLS 12.4.1). */
@Pooled
final class Deferred {
    static {
        Flags.deferredInitialised = true;
        System.out.println("  Deferred.<clinit>");
    }

    final int v;

    Deferred(int v) {
        this.v = v;
    }
}
