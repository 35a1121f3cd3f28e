package dev.dragonpool.programs.reflection;

import dev.dragonpool.annotations.Pooled;
import dev.dragonpool.annotations.Retained;

@Pooled
public class PublicCtor {
    public static final int CONSTANT = 3;
    static int counter;
    public final int x;
    protected String name = "p";
    @Retained
    long[] buffer;
    private volatile boolean flag;

    public PublicCtor(int x) {
        this.x = x;
    }

    public int x() {
        return x;
    }

    protected void touch() {
        flag = !flag;
    }

    static PublicCtor make() {
        return new PublicCtor(counter++);
    }
}
