package dev.dragonpool.programs.ternarynew;

import dev.dragonpool.annotations.Pooled;

@Pooled
class A {
    final B b;
    final int n;
    final boolean flag;

    A(B b) {
        this(b, b == null ? -1 : b.depth(), b != null);
    }

    A(B b, int n, boolean flag) {
        this.b = b;
        this.n = n;
        this.flag = flag;
    }

    boolean ok() {
        return flag && n >= 0;
    }

    A self() {
        return this;
    }

    @Override
    public String toString() {
        return "A(" + b + ", " + n + ", " + flag + ")";
    }
}
