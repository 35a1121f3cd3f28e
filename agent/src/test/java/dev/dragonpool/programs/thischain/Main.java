package dev.dragonpool.programs.thischain;

import dev.dragonpool.Pooling;
import dev.dragonpool.programs.Probe;

/** this(...) chains with computations before the delegated call, recursion through new, failures in the arguments. */
public final class Main {
    private Main() {
    }

    static void releaseAll(Node n) {
        while (n != null) {
            Node next = n.next;
            Pooling.release(n);
            n = next;
        }
    }

    public static void main(String[] args) {
        Probe.section("recursive this", () -> {
            for (int i = 0; i < 4; i++) {
                Node n = new Node(i);
                System.out.println("chain " + n + " calls " + Node.calls);
                releaseAll(n);
            }
        });
        Probe.section("parsing this", () -> {
            for (String s : new String[] {"1,", "1,2,", "3,4,5,"}) {
                Node n = new Node(s);
                System.out.println("parsed " + n);
                releaseAll(n);
            }
        });
        Probe.section("failing argument", () -> {
            for (int i = 0; i < 3; i++) {
                try {
                    Node n = new Node(i == 1, i);
                    System.out.println("checked " + n);
                    releaseAll(n);
                } catch (IllegalArgumentException e) {
                    System.out.println("checked threw " + e.getMessage());
                }
            }
            System.out.println("after " + new Node(2));
        });
        Probe.pooled(Node.class);
    }
}
