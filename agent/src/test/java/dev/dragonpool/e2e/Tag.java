package dev.dragonpool.e2e;

import dev.dragonpool.annotations.Pooled;

/** A record cannot be pooled: the agent refuses it and it keeps allocating. */
@Pooled
public record Tag(String name) {
}
