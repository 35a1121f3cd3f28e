package dev.dragonpool.programs.hashing;

import dev.dragonpool.annotations.Pooled;
import java.util.Objects;

/** Value-based equals/hashCode/compareTo/toString. */
@Pooled
final class Key implements Comparable<Key> {
    final String ns;
    final int id;

    Key(String ns, int id) {
        this.ns = ns;
        this.id = id;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Key && ((Key) o).id == id && ((Key) o).ns.equals(ns);
    }

    @Override
    public int hashCode() {
        return Objects.hash(ns, id);
    }

    @Override
    public int compareTo(Key o) {
        int c = ns.compareTo(o.ns);
        return c != 0 ? c : Integer.compare(id, o.id);
    }

    @Override
    public String toString() {
        return ns + ":" + id;
    }
}
