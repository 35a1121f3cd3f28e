package dev.dragonpool.programs.generics;

import dev.dragonpool.Pooling;
import dev.dragonpool.programs.Probe;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Generic pooled classes: erasure casts, bridges, generic constructors and factories, raw types. */
public final class Main {
    private Main() {
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    public static void main(String[] args) {
        Probe.section("boxes", () -> {
            for (int i = 0; i < 3; i++) {
                Box<String> s = new Box<>("s" + i);
                String v = s.get();
                System.out.println("box " + s + " get " + v.toUpperCase());
                Pooling.release(s);
                Box<Integer> n = new Box<>("12" + i, Integer::valueOf);
                System.out.println("generic ctor " + n + " " + (n.get() + 1));
                Pooling.release(n);
            }
        });
        Probe.section("bridges", () -> {
            List<Box<Integer>> list = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                list.add(i % 2 == 0 ? new IntBox(i) : Box.of(i * 10));
            }
            Collections.sort(list);
            System.out.println("sorted " + list);
            for (Box<Integer> b : list) {
                Integer g = b.get();
                System.out.println("get " + g + (b instanceof IntBox ? " doubled " + ((IntBox) b).doubled : ""));
                Pooling.release(b);
            }
            System.out.println("again " + new IntBox(5) + " " + new IntBox(5).get());
        });
        Probe.section("pairs", () -> {
            Pair<String, Integer> p = new Pair<>("k", 1);
            Pair<String, List<String>> q = p.withSecond(List.of("x"));
            Pair<Integer, String> r = p.swap();
            System.out.println("pairs " + p + " " + q + " " + r + " " + (r.a + 1));
            Pooling.release(p);
            Pooling.release(q);
            Pooling.release(r);
            Pair raw = new Pair("raw", 2.5);
            Object second = raw.b;
            System.out.println("raw " + raw + " " + second.getClass().getSimpleName());
        });
        Probe.pooled(Box.class, IntBox.class, Pair.class);
    }
}
