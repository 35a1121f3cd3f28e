package dev.dragonpool.programs.initorder;

import dev.dragonpool.annotations.Pooled;

/** Its constructor argument reads a flag its own static initialiser sets. */
@Pooled
final class Seen {
    static {
        Flags.seenInitialised = true;
    }

    final boolean sawInit;

    Seen(boolean sawInit) {
        this.sawInit = sawInit;
    }
}
