package dev.dragonpool.programs.reflection;

import dev.dragonpool.annotations.Pooled;

@Pooled
public final class SubOfPooled extends PublicCtor {
    final char c;

    public SubOfPooled(int x, char c) {
        super(x);
        this.c = c;
    }

    @Override
    public int x() {
        return super.x() + 1;
    }
}
