package dev.dragonpool.programs.chain3;

import dev.dragonpool.annotations.OnRelease;
import dev.dragonpool.annotations.Pooled;
import dev.dragonpool.annotations.Retained;

@Pooled
class Car extends Vehicle {
    int doors = 4;
    @Retained
    int[] seats;
    boolean washed;

    Car(String id, int doors) {
        super(id);
        this.doors = doors;
        if (seats == null || seats.length != doors) {
            seats = new int[doors];
        }
        seats[0]++;
    }

    @OnRelease
    void wash() {
        washed = true;
    }

    @Override
    String show() {
        return super.show() + " doors=" + doors + " seats=" + seats.length + " washed=" + washed;
    }
}
