package dev.dragonpool.programs.loaded;

import dev.dragonpool.annotations.Pooled;
import dev.dragonpool.annotations.Retained;

/** A pooled class compiled at test time and loaded only by the program's own class loaders. */
@Pooled
public final class Widget {
    public static final String ORIGIN = "widget-" + Widget.class.getClassLoader().getClass().getSimpleName();
    final int size;
    int touched;
    final StringBuilder notes = new StringBuilder();
    @Retained
    int[] scratch;

    public Widget(int size) {
        this.size = size;
        touched++;
        notes.append("made").append(size);
        if (scratch == null) {
            scratch = new int[8];
        }
    }

    @Override
    public String toString() {
        return "Widget(" + size + ", touched=" + touched + ", " + notes + ", scratch=" + scratch.length + ")";
    }
}
