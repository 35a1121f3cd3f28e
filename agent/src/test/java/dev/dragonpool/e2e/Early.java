package dev.dragonpool.e2e;

import dev.dragonpool.annotations.Pooled;

/** Loaded before the agent attaches, so it stays plain and is reported. */
@Pooled
public class Early {
    public int v;
}
