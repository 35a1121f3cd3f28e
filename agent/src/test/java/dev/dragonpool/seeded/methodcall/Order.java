package dev.dragonpool.seeded.methodcall;

import dev.dragonpool.annotations.Pooled;

/** A pooled order whose total is read through a method. */
@Pooled
final class Order {
    private int price;
    private int quantity;

    Order(int price, int quantity) {
        this.price = price;
        this.quantity = quantity;
    }

    int total() {
        return price * quantity;
    }
}
