package dev.dragonpool.examples.orderbook;

/**
 * Resting orders by id: open addressing with linear probing over parallel arrays of primitive
 * keys and orders, deletion by backward shift (no tombstones), so a lookup, insert or delete
 * allocates nothing. Ids are positive ({@code 0} marks a free slot). Grows (doubling) above a
 * load factor of one half.
 */
final class OrderIndex {
    private long[] keys;
    private Order[] orders;
    private int mask;
    private int size;

    OrderIndex(int expected) {
        int cap = Integer.highestOneBit(Math.max(16, expected) * 2 - 1) << 1;
        keys = new long[cap];
        orders = new Order[cap];
        mask = cap - 1;
    }

    int size() {
        return size;
    }

    private static int hash(long id) {
        long h = id * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }

    Order get(long id) {
        for (int i = hash(id) & mask;; i = (i + 1) & mask) {
            long k = keys[i];
            if (k == id) {
                return orders[i];
            }
            if (k == 0) {
                return null;
            }
        }
    }

    void put(Order o) {
        if (o.id <= 0) {
            throw new IllegalArgumentException("order id " + o.id + " must be positive");
        }
        if (size + 1 > (mask + 1) / 2) {
            grow();
        }
        int i = hash(o.id) & mask;
        while (keys[i] != 0) {
            if (keys[i] == o.id) {
                throw new IllegalStateException("order id " + o.id + " is already in the book");
            }
            i = (i + 1) & mask;
        }
        keys[i] = o.id;
        orders[i] = o;
        size++;
    }

    Order remove(long id) {
        int i = hash(id) & mask;
        while (keys[i] != id) {
            if (keys[i] == 0) {
                return null;
            }
            i = (i + 1) & mask;
        }
        Order found = orders[i];
        // Backward shift: move later entries of the probe run into the hole when their home slot
        // does not lie (cyclically) in (hole, their slot].
        int hole = i;
        for (int j = (i + 1) & mask; keys[j] != 0; j = (j + 1) & mask) {
            int home = hash(keys[j]) & mask;
            boolean movable = hole <= j ? (home <= hole || home > j) : (home <= hole && home > j);
            if (movable) {
                keys[hole] = keys[j];
                orders[hole] = orders[j];
                hole = j;
            }
        }
        keys[hole] = 0;
        orders[hole] = null;
        size--;
        return found;
    }

    private void grow() {
        long[] oldKeys = keys;
        Order[] oldOrders = orders;
        keys = new long[oldKeys.length * 2];
        orders = new Order[oldKeys.length * 2];
        mask = keys.length - 1;
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != 0) {
                put(oldOrders[i]);
            }
        }
    }
}
