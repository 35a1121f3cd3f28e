package dev.dragonpool.programs.ctorrefs;

import dev.dragonpool.annotations.Pooled;

@Pooled
final class Order {
    final String key;
    int quantity = 1;

    Order(String key) {
        this.key = key;
    }

    Order(int n) {
        this("n" + n);
        quantity = n;
    }

    Order(String key, Integer quantity) {
        this(key);
        this.quantity = quantity;
    }

    @Override
    public String toString() {
        return key + "x" + quantity;
    }
}
