package dev.dragonpool.e2e;

import dev.dragonpool.annotations.Pooled;

/** A pooled class with a cluster limit of 2 and policy FAIL: the third unreleased instance fails. */
@Pooled(limit = 2, onLimit = Pooled.LimitPolicy.FAIL)
public class Limited {
    public int n;

    public Limited(int n) {
        this.n = n;
    }
}
