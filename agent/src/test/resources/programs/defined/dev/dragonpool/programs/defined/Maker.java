package dev.dragonpool.programs.defined;

import dev.dragonpool.Pooling;
import java.util.function.IntFunction;

/** Defined at run time with Lookup.defineClass (into the application loader) from bytes compiled at test time. */
public final class Maker implements IntFunction<String> {
    @Override
    public String apply(int i) {
        Part a = new Part("defined" + i);
        String s = a.toString();
        Pooling.release(a);
        Part b = new Part("again" + i);
        return s + " " + b;
    }
}
