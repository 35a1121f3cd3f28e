package com.example;

import dev.dragonpool.annotations.Pooled;
import dev.dragonpool.annotations.Release;
import dev.dragonpool.annotations.Retained;

/** A pooled order, released by close(). */
@Pooled(capacity = 16)
public class Order implements AutoCloseable {
    @Retained char[] scratch;
    String id;
    int quantity;

    public Order(String id, int quantity) {
        if (scratch == null) {
            scratch = new char[256];
        }
        this.id = id;
        this.quantity = quantity;
    }

    public String id() {
        return id;
    }

    @Release
    @Override
    public void close() {
    }
}
