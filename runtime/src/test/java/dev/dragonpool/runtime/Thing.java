package dev.dragonpool.runtime;

import java.util.concurrent.atomic.AtomicInteger;

/** A test object that implements {@link Recyclable}, as the agent's enhanced classes do. */
final class Thing implements Recyclable {
    static final AtomicInteger SEQ = new AtomicInteger();
    final int id = SEQ.incrementAndGet();
    long payload;
    private Object slot;

    @Override
    public Object dragonpool$slot() {
        return slot;
    }

    @Override
    public void dragonpool$slot(Object s) {
        this.slot = s;
    }

    @Override
    public String toString() {
        return "Thing#" + id;
    }
}
