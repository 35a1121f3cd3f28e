package dev.dragonpool.programs.loaded;

import dev.dragonpool.Pooling;
import java.util.function.IntFunction;

/** Allocates, releases and allocates again: the allocation sites live in the program's class loader. */
public final class WidgetUser implements IntFunction<String> {
    @Override
    public String apply(int i) {
        Widget a = new Widget(i);
        String first = a.toString();
        Pooling.release(a);
        Widget b = new Widget(i + 100);
        String second = b.toString();
        Object c = new Widget(i + 200);
        Pooling.release(c);
        Pooling.release(b);
        return first + " then " + second + " " + Widget.ORIGIN;
    }
}
