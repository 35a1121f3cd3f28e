package dev.dragonpool.programs.chain3;

import dev.dragonpool.Pooling;
import dev.dragonpool.programs.Probe;

/** Three pooled classes in one inheritance chain, each with @OnRelease and @Retained members. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        Probe.section("each level", () -> {
            for (int i = 0; i < 3; i++) {
                Vehicle v = new Vehicle("v" + i);
                v.km += i;
                System.out.println("vehicle " + v.show());
                Pooling.release(v);
                Car c = new Car("c" + i, 2 + i);
                c.km += 2 * i;
                System.out.println("car     " + c.show());
                Pooling.release(c);
                try (Taxi t = new Taxi("t" + i, "d" + i)) {
                    t.ride(5 + i);
                    t.ride(7);
                    System.out.println("taxi    " + t.show());
                }
            }
        });
        Probe.section("released through supertypes", () -> {
            for (int i = 0; i < 3; i++) {
                Vehicle asVehicle = new Taxi("tv" + i, "x");
                Car asCar = new Taxi("tc" + i, "y");
                System.out.println("as vehicle " + asVehicle.show());
                System.out.println("as car     " + asCar.show());
                Pooling.release(asVehicle);
                Pooling.release(asCar);
            }
            System.out.println("fresh taxi " + new Taxi("end", "z").show());
            System.out.println("fresh car  " + new Car("end", 3).show());
        });
        Probe.pooled(Vehicle.class, Car.class, Taxi.class);
    }
}
