package dev.dragonpool.programs.staticcycle;

import dev.dragonpool.Pooling;
import dev.dragonpool.programs.Probe;

/** Static-initialisation cycles between pooled classes and the types that hold constants of them. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        Probe.section("A", () -> {
            System.out.println("A: interface constant first");
            System.out.println("EMPTY weight " + Node.EMPTY.weight() + " kind " + ((Leaf) Node.EMPTY).kind);
            Leaf a = new Leaf(3);
            System.out.println("leaf " + a.weight() + " " + a.kind);
            Pooling.release(a);
            System.out.println("leaf again " + new Leaf(4).weight() + " EMPTY still " + Node.EMPTY.weight());
        });
        Probe.section("B", () -> {
            System.out.println("B: implementation first");
            Leaf2 b = new Leaf2(5);
            System.out.println("leaf2 " + b.weight() + " " + b.kind);
            System.out.println("NIL " + Node2.NIL.weight() + " " + ((Leaf2) Node2.NIL).kind);
            Pooling.release(b);
            System.out.println("NIL after release " + Node2.NIL.weight());
        });
        Probe.section("C", () -> {
            System.out.println("C: pooled subclass first, superclass constant allocates it");
            Eur e = new Eur(5);
            System.out.println("eur " + e + " ZERO " + Money.ZERO + " made " + Eur.made);
            Pooling.release(e);
            Eur e2 = new Eur(7);
            System.out.println("eur again " + e2 + " ZERO " + Money.ZERO + " made " + Eur.made);
        });
        Probe.section("D", () -> {
            System.out.println("D: superclass constant first");
            System.out.println("FREE " + Price.FREE);
            Usd u = new Usd(100);
            System.out.println("usd " + u);
            Pooling.release(u);
            System.out.println("usd again " + new Usd(200) + " FREE " + Price.FREE);
        });
        Probe.section("E", () -> {
            System.out.println("E: interface with default methods, implementation first");
            Twig t = new Twig("a");
            System.out.println("twig " + t.path() + " root " + Tree.ROOT.path());
            Pooling.release(t);
            System.out.println("twig again " + new Twig("b").path() + " root " + Tree.ROOT.name());
        });
        Probe.pooled(Leaf.class, Leaf2.class, Eur.class, Usd.class, Twig.class);
    }
}
