package dev.dragonpool.programs.serial;

import dev.dragonpool.Pooling;
import dev.dragonpool.programs.Probe;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.ObjectStreamField;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * Serialization of pooled classes. Mode {@code uid}: default serialVersionUIDs and serial fields.
 * Mode {@code write <file>}: serializes instances. Mode {@code read <file>}: reads them back
 * (possibly written by a JVM with or without the agent), releases them and allocates again.
 */
public final class Main {
    static final Class<?>[] CLASSES = {Letter.class, Ext.class, Amount.class, Base.class, Derived.class};

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "uid":
                for (Class<?> c : CLASSES) {
                    ObjectStreamClass d = ObjectStreamClass.lookup(c);
                    StringBuilder f = new StringBuilder();
                    for (ObjectStreamField x : d.getFields()) {
                        f.append(' ').append(x.getName()).append(':').append(x.getTypeString() == null ? x.getType().getName() : x.getTypeString());
                    }
                    System.out.println(c.getSimpleName() + " serialVersionUID " + d.getSerialVersionUID() + " fields" + f);
                }
                Probe.pooled(CLASSES);
                break;
            case "write":
                List<Object> objects = new ArrayList<>();
                objects.add(new Letter("dear", 3));
                objects.add(new Ext(5, "five"));
                objects.add(new Amount(1234, "EUR"));
                objects.add(new Base(1, "base"));
                objects.add(new Derived(2, 2.5, 3, 4));
                try (ObjectOutputStream out = new ObjectOutputStream(Files.newOutputStream(Paths.get(args[1])))) {
                    out.writeObject(objects);
                }
                System.out.println("wrote " + objects);
                Probe.pooled(CLASSES);
                break;
            case "read":
                List<?> back;
                try (ObjectInputStream in = new ObjectInputStream(Files.newInputStream(Paths.get(args[1])))) {
                    back = (List<?>) in.readObject();
                }
                System.out.println("read " + back);
                for (Object o : back) {
                    Pooling.release(o);
                }
                System.out.println("then " + List.of(new Letter("again", 1), new Ext(), new Amount(1, "USD"), new Base(3, "b"),
                        new Derived(4, 1.0)));
                Probe.pooled(CLASSES);
                break;
            default:
                throw new IllegalArgumentException("mode uid|write|read, not " + args[0]);
        }
    }
}
