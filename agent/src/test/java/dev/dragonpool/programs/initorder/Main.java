package dev.dragonpool.programs.initorder;

import dev.dragonpool.Pooling;
import dev.dragonpool.programs.Probe;

/**
 * Class initialisation order around {@code new T(args)}: the NEW instruction initialises T before
 * the arguments are evaluated (JLS 12.4.1, JVMS new), even when an argument then throws.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.out.println("new First(arg):");
        First f = new First(Flags.arg("a", 1));
        System.out.println("new First(arg) again:");
        Pooling.release(f);
        First g = new First(Flags.arg("b", 2));
        System.out.println("got " + g.v);

        System.out.println("new Deferred(throwing argument):");
        try {
            new Deferred(Flags.boom());
        } catch (UnsupportedOperationException e) {
            System.out.println("caught " + e.getMessage());
        }
        System.out.println("Deferred initialised after the failed new: " + Flags.deferredInitialised);
        System.out.println("then " + new Deferred(3).v);

        System.out.println("new Seen(flag set by Seen.<clinit>):");
        Seen s = new Seen(Flags.seenInitialised);
        System.out.println("argument saw Seen initialised: " + s.sawInit);

        System.out.println("new Outer(new Inner(arg)):");
        Outer o = new Outer(new Inner(Flags.arg("c", 4)));
        System.out.println("got " + o.inner.v);
        Probe.pooled(First.class, Deferred.class, Seen.class, Outer.class, Inner.class);
    }
}
