package dev.dragonpool.programs.refused;

import dev.dragonpool.annotations.Pooled;

/** Enums are refused. */
@Pooled
enum Color {
    RED, GREEN;

    int mixes;
}
