package com.example;

import dev.dragonpool.annotations.Pooled;

/** Asked to be pooled, refused: a record. */
@Pooled
public record Label(String text) {
}
