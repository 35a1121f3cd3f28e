package dev.dragonpool.programs.lambdanew;

import dev.dragonpool.annotations.Pooled;

/** Allocates an instance of itself in its own static initialiser. */
@Pooled
final class Token {
    static int made;
    static final Token FIRST = new Token("first");
    static final String SUFFIX = "!";
    final String text;
    final int serial;

    Token(String text) {
        this.text = text + SUFFIX;
        this.serial = ++made;
    }

    @Override
    public String toString() {
        return text + "#" + serial;
    }
}
