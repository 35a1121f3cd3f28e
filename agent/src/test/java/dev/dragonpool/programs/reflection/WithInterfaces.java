package dev.dragonpool.programs.reflection;

import dev.dragonpool.annotations.Pooled;
import java.util.function.Supplier;

@Pooled
public final class WithInterfaces implements Comparable<WithInterfaces>, Runnable, Supplier<String> {
    int runs;

    @Override
    public int compareTo(WithInterfaces o) {
        return Integer.compare(runs, o.runs);
    }

    @Override
    public void run() {
        runs++;
    }

    @Override
    public String get() {
        return "runs=" + runs;
    }
}
