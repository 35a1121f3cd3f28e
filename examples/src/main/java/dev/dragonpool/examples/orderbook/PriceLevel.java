package dev.dragonpool.examples.orderbook;

/**
 * The resting orders at one price on one side, oldest first (time priority): an intrusive
 * doubly linked list through {@link Order#prev}/{@link Order#next}. Levels are made once, when the
 * book is built, and live as long as the book.
 */
final class PriceLevel {
    Order head;
    Order tail;
    int orders;
    long quantity;

    boolean isEmpty() {
        return head == null;
    }

    void append(Order o) {
        o.prev = tail;
        o.next = null;
        if (tail == null) {
            head = o;
        } else {
            tail.next = o;
        }
        tail = o;
        orders++;
        quantity += o.leaves();
    }

    void remove(Order o) {
        if (o.prev == null) {
            head = o.next;
        } else {
            o.prev.next = o.next;
        }
        if (o.next == null) {
            tail = o.prev;
        } else {
            o.next.prev = o.prev;
        }
        o.prev = null;
        o.next = null;
        orders--;
        quantity -= o.leaves();
    }
}
