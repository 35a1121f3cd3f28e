package dev.dragonpool.programs.refused;

import dev.dragonpool.Pooling;
import dev.dragonpool.programs.Probe;

/**
 * Release of instances of @Pooled classes the agent must refuse (record, enum, subclass of a
 * stateful non-pooled class, abstract class and its subclasses): a no-op, as without the agent,
 * so the instances stay valid after "release".
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        for (int round = 0; round < 3; round++) {
            int i = round;
            Probe.section("record", () -> {
                Pair p = new Pair(i, "r" + i);
                Pooling.release(p);
                System.out.println("record after release " + p + " equals fresh " + p.equals(new Pair(i, "r" + i)));
            });
            Probe.section("enum", () -> {
                Color c = i % 2 == 0 ? Color.RED : Color.GREEN;
                c.mixes++;
                Pooling.release(c);
                System.out.println("enum after release " + c + " ordinal " + c.ordinal() + " mixes " + c.mixes);
            });
            Probe.section("list subclass", () -> {
                Bag b = new Bag("bag" + i, "x", "y" + i);
                Pooling.release(b);
                b.add("z");
                System.out.println("list subclass after release " + b.label + " " + b);
            });
            Probe.section("stateful superclass", () -> {
                OnStateful s = new OnStateful(i);
                Pooling.release(s);
                System.out.println("stateful superclass after release " + s);
            });
            Probe.section("abstract's unannotated subclass", () -> {
                Animal d = new Dog();
                d.legs += i;
                Pooling.release(d);
                System.out.println("abstract's subclass after release " + d);
            });
            Probe.section("abstract's pooled subclass", () -> {
                Bird bird = new Bird(i);
                Animal asAnimal = bird;
                System.out.println("pooled subclass of abstract " + asAnimal);
                Pooling.release(asAnimal);
                Bird next = new Bird(i + 10);
                System.out.println("next bird " + next + " (previous was released)");
            });
        }
        System.out.println("colors " + Color.RED.mixes + " " + Color.GREEN.mixes);
        Probe.pooled(Pair.class, Color.class, Bag.class, OnStateful.class, Animal.class, Dog.class);
    }
}
