package dev.dragonpool.programs.generics;

import dev.dragonpool.annotations.Pooled;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** A generic pooled class with a generic constructor, bridge methods and a generic factory. */
@Pooled
class Box<T extends Comparable<T>> implements Comparable<Box<T>> {
    T value;
    final List<T> history = new ArrayList<>();

    Box(T value) {
        this.value = value;
        history.add(value);
    }

    <S> Box(S source, Function<S, T> f) {
        this(f.apply(source));
        history.add(f.apply(source));
    }

    static <T extends Comparable<T>> Box<T> of(T v) {
        return new Box<>(v);
    }

    T get() {
        return value;
    }

    @Override
    public int compareTo(Box<T> o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return "Box(" + value + ", history=" + history + ")";
    }
}
