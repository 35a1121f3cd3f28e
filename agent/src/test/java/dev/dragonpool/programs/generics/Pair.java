package dev.dragonpool.programs.generics;

import dev.dragonpool.annotations.Pooled;

@Pooled
final class Pair<A, B> {
    final A a;
    final B b;

    Pair(A a, B b) {
        this.a = a;
        this.b = b;
    }

    <C> Pair<A, C> withSecond(C c) {
        return new Pair<>(a, c);
    }

    Pair<B, A> swap() {
        return new Pair<>(b, a);
    }

    @Override
    public String toString() {
        return "(" + a + ", " + b + ")";
    }
}
