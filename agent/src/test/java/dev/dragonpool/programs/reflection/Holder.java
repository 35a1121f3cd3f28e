package dev.dragonpool.programs.reflection;

import dev.dragonpool.annotations.Pooled;

/** Nested and inner pooled classes. */
final class Holder {
    int outerState = 5;

    @Pooled
    static final class Nested {
        final int n;

        Nested(int n) {
            this.n = n;
        }
    }

    @Pooled
    final class Inner {
        final int i;

        Inner(int i) {
            this.i = i + outerState;
        }
    }
}
