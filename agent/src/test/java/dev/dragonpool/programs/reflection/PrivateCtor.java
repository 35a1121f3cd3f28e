package dev.dragonpool.programs.reflection;

import dev.dragonpool.annotations.Pooled;

@Pooled
final class PrivateCtor {
    private final double d;

    private PrivateCtor(double d) {
        this.d = d;
    }

    static PrivateCtor of(double d) {
        return new PrivateCtor(d);
    }

    double d() {
        return d;
    }
}
