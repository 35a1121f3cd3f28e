package dev.dragonpool.programs.generics;

import dev.dragonpool.annotations.Pooled;

/** A pooled subclass binding the type parameter (javac adds bridges). */
@Pooled
final class IntBox extends Box<Integer> {
    int doubled;

    IntBox(int v) {
        super(v);
        doubled = v * 2;
    }

    @Override
    Integer get() {
        return value + 1000;
    }

    @Override
    public int compareTo(Box<Integer> o) {
        return -super.compareTo(o);
    }
}
