package dev.dragonpool.programs.refused;

import dev.dragonpool.annotations.Pooled;

/** Records are refused. */
@Pooled
record Pair(int left, String right) {
}
