package dev.dragonpool.programs.refused;

import dev.dragonpool.annotations.Pooled;

/** Refused: its non-pooled superclass has instance state. */
@Pooled
final class OnStateful extends Stateful {
    int own;

    OnStateful(int own) {
        this.own = own;
        base += own;
    }

    @Override
    public String toString() {
        return "OnStateful(" + own + ", base=" + base + ", " + tag + ")";
    }
}
