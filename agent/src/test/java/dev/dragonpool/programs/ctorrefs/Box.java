package dev.dragonpool.programs.ctorrefs;

import dev.dragonpool.annotations.Pooled;

@Pooled
final class Box {
    static int made;
    final int serial;
    String content = "empty";

    Box() {
        serial = ++made;
    }

    @Override
    public String toString() {
        return "Box#" + serial + "(" + content + ")";
    }
}
