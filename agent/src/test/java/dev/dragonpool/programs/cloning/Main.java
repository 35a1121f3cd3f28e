package dev.dragonpool.programs.cloning;

import dev.dragonpool.Pooling;
import dev.dragonpool.programs.Probe;

/** clone() of pooled objects: clones are independent, valid objects that may be released too. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        Probe.section("deep clone", () -> {
            for (int i = 0; i < 3; i++) {
                Sheet s = new Sheet("s" + i, 3);
                s.set(0, i);
                Sheet c = s.clone();
                c.set(1, 9);
                System.out.println("original " + s + " clone " + c + " same class " + (c.getClass() == s.getClass()));
                Pooling.release(s);
                Sheet n = new Sheet("n" + i, 2);
                System.out.println("new after release " + n + ", clone intact " + c);
                Pooling.release(c);
                Pooling.release(n);
            }
        });
        Probe.section("shallow clone", () -> {
            try {
                Sheet s = new Sheet("shallow", 2);
                Sheet c = s.shallow();
                c.set(0, 5);
                System.out.println("shallow shares cells " + (s.cells == c.cells) + " " + s + " " + c);
                Pooling.release(c);
                System.out.println("original after releasing the clone " + s);
            } catch (CloneNotSupportedException e) {
                System.out.println("clone failed " + e);
            }
        });
        Probe.section("subclass clone", () -> {
            Book b = new Book("t", "a");
            b.set(1, 4);
            Sheet c = b.clone();
            System.out.println("book " + b + " clone " + c + " clone is a Book " + (c instanceof Book));
            Pooling.release(c);
            Pooling.release(b);
            System.out.println("fresh book " + new Book("u", "v"));
        });
        Probe.pooled(Sheet.class, Book.class);
    }
}
