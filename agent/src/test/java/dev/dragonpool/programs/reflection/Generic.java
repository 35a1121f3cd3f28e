package dev.dragonpool.programs.reflection;

import dev.dragonpool.annotations.Pooled;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

@Pooled
public class Generic<T extends Number & Comparable<T>, U> implements Function<T, U> {
    T value;
    List<? super T> sink;
    Map<String, U[]> table;

    public <V extends U> Generic(T value, V hint) {
        this.value = value;
    }

    @Override
    public U apply(T t) {
        return null;
    }

    public <R> R map(Function<? super T, R> f) {
        return f.apply(value);
    }
}
