package dev.dragonpool.programs.earlyload;

import dev.dragonpool.annotations.Pooled;

@Pooled
public final class Gadget {
    final int size;
    int uses;
    String state = "fresh";

    public Gadget(int size) {
        this.size = size;
        uses++;
    }

    @Override
    public String toString() {
        return "Gadget(" + size + ", uses=" + uses + ", " + state + ")";
    }
}
