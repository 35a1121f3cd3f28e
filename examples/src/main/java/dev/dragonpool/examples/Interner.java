package dev.dragonpool.examples;

/**
 * A fixed-size, lossy intern table for short strings (an open hash over the characters), so that
 * the demo's repeated keys, paths and methods do not allocate a new string per line.
 * Single-threaded by design: the demo parses on one thread.
 */
final class Interner {
    private static final String[] TABLE = new String[4096];

    private Interner() {
    }

    static String intern(CharSequence s, int from, int to) {
        int h = 0;
        for (int i = from; i < to; i++) {
            h = 31 * h + s.charAt(i);
        }
        int slot = (h ^ (h >>> 16)) & (TABLE.length - 1);
        String e = TABLE[slot];
        if (e != null && e.length() == to - from) {
            boolean same = true;
            for (int i = 0; i < e.length() && same; i++) {
                same = e.charAt(i) == s.charAt(from + i);
            }
            if (same) {
                return e;
            }
        }
        String made = s.subSequence(from, to).toString();
        TABLE[slot] = made;
        return made;
    }
}
