package dev.dragonpool.programs.names;

/** An unpooled subclass overriding methods with enhancer-like names. */
final class OddChild extends Odd {
    int releases;

    OddChild(int v) {
        super(v);
    }

    @Override
    public void dragonpool$release() {
        releases++;
        super.dragonpool$release();
    }

    @Override
    void $dp$clear() {
        releases += 10;
    }
}
