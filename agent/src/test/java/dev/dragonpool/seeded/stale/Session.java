package dev.dragonpool.seeded.stale;

import dev.dragonpool.annotations.Pooled;

/** A pooled session that a cache keeps a reference to. */
@Pooled
final class Session {
    private String user;

    Session(String user) {
        this.user = user;
    }

    String user() {
        return user;
    }
}
