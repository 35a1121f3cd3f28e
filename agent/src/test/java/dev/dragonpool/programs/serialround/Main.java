package dev.dragonpool.programs.serialround;

import dev.dragonpool.Pooling;
import dev.dragonpool.programs.Probe;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;

/** Serializable pooled classes round-tripped in memory: custom hooks, readResolve with new, writeReplace proxies, cycles. */
public final class Main {
    private Main() {
    }

    static Object roundTrip(Object o) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(o);
            }
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                return in.readObject();
            }
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void main(String[] args) {
        Probe.section("cycle with custom hooks", () -> {
            for (int i = 0; i < 2; i++) {
                Person a = new Person("ann" + i);
                Person b = new Person("bob" + i);
                a.friends.add(b);
                b.friends.add(a);
                Person a2 = (Person) roundTrip(a);
                Person b2 = a2.friends.get(0);
                System.out.println("copy " + a2 + " " + b2 + " cycle kept " + (b2.friends.get(0) == a2) + " distinct " + (a2 != a));
                Pooling.release(a);
                Pooling.release(b);
                Pooling.release(a2);
                Person fresh = new Person("fresh" + i);
                System.out.println("fresh " + fresh);
            }
        });
        Probe.section("readResolve and writeReplace", () -> {
            for (int i = 0; i < 3; i++) {
                Level l = new Level(i);
                Point p = new Point(i, -i);
                @SuppressWarnings("unchecked")
                List<Object> back = (List<Object>) roundTrip(List.of(l, p, l));
                System.out.println("resolved " + back + " shared " + (back.get(0) == back.get(2)));
                Pooling.release(l);
                Pooling.release(p);
                Pooling.release(back.get(0));
                Pooling.release(back.get(1));
                System.out.println("again " + new Level(i + 10) + " " + new Point(i, i));
            }
        });
        Probe.pooled(Person.class, Level.class, Point.class);
    }
}
