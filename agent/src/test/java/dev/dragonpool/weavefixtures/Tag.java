package dev.dragonpool.weavefixtures;

import dev.dragonpool.annotations.Pooled;

/** Asked to be pooled, refused: a record. */
@Pooled
public record Tag(String name) {
}
