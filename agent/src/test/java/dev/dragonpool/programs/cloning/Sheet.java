package dev.dragonpool.programs.cloning;

import dev.dragonpool.annotations.Pooled;
import java.util.Arrays;

/** A Cloneable pooled class: clone() copies plainly (never through the pool). */
@Pooled
class Sheet implements Cloneable {
    final String title;
    int[] cells;
    int edits;

    Sheet(String title, int size) {
        this.title = title;
        this.cells = new int[size];
    }

    void set(int i, int v) {
        cells[i] = v;
        edits++;
    }

    @Override
    public Sheet clone() {
        try {
            Sheet s = (Sheet) super.clone();
            s.cells = cells.clone();
            return s;
        } catch (CloneNotSupportedException e) {
            throw new AssertionError(e);
        }
    }

    Sheet shallow() throws CloneNotSupportedException {
        return (Sheet) super.clone();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + title + ", " + Arrays.toString(cells) + ", edits=" + edits + ")";
    }
}
