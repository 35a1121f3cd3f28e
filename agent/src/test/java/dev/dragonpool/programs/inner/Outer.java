package dev.dragonpool.programs.inner;

import dev.dragonpool.annotations.Pooled;

/** A pooled inner class (captures its outer instance) and a pooled static nested class. */
final class Outer {
    final String name;
    int innerCount;

    Outer(String name) {
        this.name = name;
    }

    @Pooled
    final class Inner {
        final int n;
        final String seen;

        Inner(int n) {
            this.n = n;
            this.seen = name + ":" + n;
            innerCount++;
        }

        String owner() {
            return name;
        }
    }

    @Pooled
    static final class Nested {
        final Outer outer;

        Nested(Outer outer) {
            this.outer = outer;
        }
    }

    Inner make(int n) {
        return new Inner(n);
    }

    Nested nest() {
        return new Nested(this);
    }
}
