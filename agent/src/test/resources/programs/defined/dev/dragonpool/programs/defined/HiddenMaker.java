package dev.dragonpool.programs.defined;

import dev.dragonpool.Pooling;
import java.util.function.IntFunction;

/** Defined at run time as a hidden class (Lookup.defineHiddenClass). */
public final class HiddenMaker implements IntFunction<String> {
    @Override
    public String apply(int i) {
        Part a = new Part("hidden" + i);
        String s = a.toString();
        Pooling.release(a);
        return s + " " + new Part("hidden-again" + i);
    }
}
