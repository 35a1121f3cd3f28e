package com.example.orders;

import dev.dragonpool.annotations.Pooled;
import dev.dragonpool.annotations.Release;
import dev.dragonpool.annotations.Retained;

/** An order line: pooled under the agent, a plain class without it. */
@Pooled(capacity = 64)
public class Order implements AutoCloseable {
    @Retained private StringBuilder text;
    private String id;
    private long cents;

    public Order(String id, long cents) {
        if (text == null) {
            text = new StringBuilder(256);
        }
        this.id = id;
        this.cents = cents;
    }

    public String describe() {
        text.setLength(0);
        return text.append(id).append(": ").append(cents).append(" cents").toString();
    }

    @Release
    @Override
    public void close() {
    }
}
