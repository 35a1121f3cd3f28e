package dev.dragonpool.programs.thischain;

import dev.dragonpool.annotations.Pooled;

/** Chains of this(...) with computations (and allocations of the same class) in the arguments. */
@Pooled
final class Node {
    static int calls;
    final int value;
    final Node next;
    final long weight;
    final String label;
    int depth = 1;

    Node(int value, Node next, long weight, String label) {
        this.value = value;
        this.next = next;
        this.weight = weight;
        this.label = label;
        if (next != null) {
            depth = next.depth + 1;
        }
    }

    Node(int value, Node next) {
        this(value, next, compute(value) * 2L + (next == null ? 0 : next.weight), "n" + value);
    }

    Node(int value) {
        this(value, value > 0 ? new Node(value - 1) : null);
    }

    Node(String csv) {
        this(Integer.parseInt(csv.substring(0, csv.indexOf(','))),
                csv.indexOf(',') == csv.lastIndexOf(',') ? null : new Node(csv.substring(csv.indexOf(',') + 1)));
    }

    Node(boolean fail, int value) {
        this(check(fail, value));
    }

    static long compute(int v) {
        calls++;
        return (long) v * v;
    }

    static int check(boolean fail, int v) {
        if (fail) {
            throw new IllegalArgumentException("bad " + v);
        }
        return v;
    }

    @Override
    public String toString() {
        return label + "(" + value + ",w" + weight + ",d" + depth + ")" + (next == null ? "" : "->" + next);
    }
}
