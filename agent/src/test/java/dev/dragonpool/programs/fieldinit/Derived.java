package dev.dragonpool.programs.fieldinit;

import dev.dragonpool.annotations.Pooled;

/** Its override runs from Base's constructor and must see default field values every time. */
@Pooled
final class Derived extends Base {
    int count = 10;
    String name = "derived";
    int[] data;

    Derived(int n) {
        super();
        count += n;
        data = new int[n];
    }

    @Override
    String describe() {
        return "derived sees count=" + count + " name=" + name + " data=" + (data == null ? "null" : data.length);
    }
}
