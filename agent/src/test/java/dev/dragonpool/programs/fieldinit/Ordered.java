package dev.dragonpool.programs.fieldinit;

import dev.dragonpool.annotations.Pooled;
import java.util.ArrayList;
import java.util.List;

/** Field initialisers and instance initialiser blocks interleaved, in source order. */
@Pooled
final class Ordered {
    static boolean failNext;
    int a = Seq.next("a");
    final List<String> trace = new ArrayList<>();

    {
        trace.add("block1 a=" + a + " b=" + this.b);
    }

    int b = Seq.next("b");
    int c;
    int risky = Seq.failing(failNext);

    {
        trace.add("block2 b=" + b + " c=" + c);
        c = a + b;
    }

    Ordered() {
        trace.add("ctor c=" + c);
    }

    Ordered(int extra) {
        this();
        c += extra;
        trace.add("ctor(int) c=" + c);
    }

    @Override
    public String toString() {
        return "a=" + a + " b=" + b + " c=" + c + " risky=" + risky + " " + trace;
    }
}
