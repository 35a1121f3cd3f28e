package dev.dragonpool.programs.serialround;

import dev.dragonpool.annotations.Pooled;
import java.io.Serializable;

/** writeReplace to a serial proxy whose readResolve calls the constructor. */
@Pooled
final class Point implements Serializable {
    private static final long serialVersionUID = 1L;
    final int x;
    final int y;

    Point(int x, int y) {
        this.x = x;
        this.y = y;
    }

    private Object writeReplace() {
        return new Proxy(x + "," + y);
    }

    private static final class Proxy implements Serializable {
        private static final long serialVersionUID = 1L;
        private final String xy;

        Proxy(String xy) {
            this.xy = xy;
        }

        private Object readResolve() {
            String[] p = xy.split(",");
            return new Point(Integer.parseInt(p[0]), Integer.parseInt(p[1]));
        }
    }

    @Override
    public String toString() {
        return "(" + x + "," + y + ")";
    }
}
