package dev.dragonpool.programs.names;

import dev.dragonpool.annotations.Pooled;

/** Legal Java members whose names look like ones a bytecode enhancer might add. */
@Pooled
class Odd {
    static int $dp$pool = 7;
    int dragonpool$slot = 3;
    Object dragonpool$leak = "leak";
    final int value;

    Odd(int value) {
        this.value = value;
    }

    static Odd $dp$new(int v) {
        return new Odd(v * 100);
    }

    void $dp$init(int v) {
        dragonpool$slot += v;
    }

    void $dp$clear() {
        dragonpool$slot = -1;
    }

    String $dp$onrelease() {
        return "user method";
    }

    public void dragonpool$release() {
        dragonpool$leak = "user release called";
    }

    String show() {
        return "value=" + value + " slot=" + dragonpool$slot + " leak=" + dragonpool$leak + " pool=" + $dp$pool;
    }
}
