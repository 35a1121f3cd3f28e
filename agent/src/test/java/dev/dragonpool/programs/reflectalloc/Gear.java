package dev.dragonpool.programs.reflectalloc;

import dev.dragonpool.annotations.Pooled;

@Pooled
public final class Gear {
    public final int teeth;
    public String finish = "raw";
    public int turns;

    public Gear(int teeth) {
        this.teeth = teeth;
    }

    public Gear() {
        this(8);
        finish = "default";
    }

    @Override
    public String toString() {
        return "Gear(" + teeth + ", " + finish + ", turns=" + turns + ")";
    }
}
