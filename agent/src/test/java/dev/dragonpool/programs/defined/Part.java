package dev.dragonpool.programs.defined;

import dev.dragonpool.annotations.Pooled;

@Pooled
public final class Part {
    final String name;
    int uses;

    public Part(String name) {
        this.name = name;
        uses++;
    }

    @Override
    public String toString() {
        return "Part(" + name + ", uses=" + uses + ")";
    }
}
