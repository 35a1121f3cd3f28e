package dev.dragonpool.programs.names;

import dev.dragonpool.Pooling;
import dev.dragonpool.programs.Probe;

/** A pooled class (and an unpooled subclass) declaring members with names like the ones an enhancer adds. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        Probe.section("own members", () -> {
            for (int i = 0; i < 3; i++) {
                Odd o = new Odd(i);
                o.$dp$init(i);
                System.out.println("odd " + o.show() + " " + o.$dp$onrelease());
                Odd f = Odd.$dp$new(i);
                f.dragonpool$release();
                System.out.println("factory " + f.show());
                f.$dp$clear();
                System.out.println("cleared by user " + f.show());
                Pooling.release(o);
                Pooling.release(f);
            }
            System.out.println("fresh " + new Odd(9).show());
        });
        Probe.section("subclass", () -> {
            OddChild c = new OddChild(5);
            c.dragonpool$release();
            c.$dp$clear();
            System.out.println("child " + c.show() + " releases " + c.releases);
        });
        Probe.pooled(Odd.class);
    }
}
