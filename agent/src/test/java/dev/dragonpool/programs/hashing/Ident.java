package dev.dragonpool.programs.hashing;

import dev.dragonpool.annotations.Pooled;

/** Identity equals and hashCode (not overridden). */
@Pooled
final class Ident {
    final int n;

    Ident(int n) {
        this.n = n;
    }
}
