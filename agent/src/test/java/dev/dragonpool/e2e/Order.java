package dev.dragonpool.e2e;

import dev.dragonpool.annotations.OnRelease;
import dev.dragonpool.annotations.Pooled;
import dev.dragonpool.annotations.Release;
import dev.dragonpool.annotations.Retained;

/** A pooled class used by the end-to-end application. */
@Pooled(capacity = 64)
public class Order implements AutoCloseable {
    static int hooks;

    public final long id;
    public final String customer;
    public int quantity;
    @Retained
    public long[] lines;

    public Order(long id, String customer) {
        this.id = id;
        this.customer = customer;
        if (lines == null) {
            lines = new long[16];
        }
    }

    public Order(long id) {
        this(id, "anonymous");
    }

    @OnRelease
    void onRelease() {
        hooks++;
    }

    /** @return the total quantity; a plain method, checked by guard=full */
    public int total() {
        return quantity;
    }

    @Release
    @Override
    public void close() {
        quantity = 0;
    }
}
