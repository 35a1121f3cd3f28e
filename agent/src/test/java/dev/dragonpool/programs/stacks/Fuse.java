package dev.dragonpool.programs.stacks;

import dev.dragonpool.annotations.Pooled;

/** A field initialiser throws. */
@Pooled
final class Fuse {
    final int length = Main.parse("x");

    Fuse() {
    }
}
