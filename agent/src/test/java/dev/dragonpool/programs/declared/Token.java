package dev.dragonpool.programs.declared;

import dev.dragonpool.annotations.Pooled;

/** Released through a variable of type {@code Object}. */
@Pooled
final class Token {
    final String text;
    final StringBuilder seen = new StringBuilder();

    Token(String text) {
        this.text = text;
        seen.append(text);
    }

    @Override
    public String toString() {
        return "Token(" + text + ", seen=" + seen + ")";
    }
}
