package dev.dragonpool.programs.chain3;

import dev.dragonpool.annotations.OnRelease;
import dev.dragonpool.annotations.Pooled;
import dev.dragonpool.annotations.Release;

@Pooled
final class Taxi extends Car implements AutoCloseable {
    long fares;
    String driver;

    Taxi(String id, String driver) {
        super(id, 4);
        this.driver = driver;
        km += 10;
    }

    void ride(long fare) {
        fares += fare;
        km += 3;
    }

    @OnRelease
    void endShift() {
        driver = "none";
    }

    @Release
    @Override
    public void close() {
        fares = 0;
    }

    @Override
    String show() {
        return super.show() + " fares=" + fares + " driver=" + driver;
    }
}
