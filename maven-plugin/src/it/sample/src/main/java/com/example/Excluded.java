package com.example;

import dev.dragonpool.annotations.Pooled;

/** Annotated, but excluded by the plugin's exclude glob. */
@Pooled
public class Excluded {
    public int n;
}
