package dev.dragonpool.seeded.leak;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;

/**
 * Makes sure the garbage collector has run and its references have been processed: collects
 * until a plain sentinel object's weak reference has been cleared and enqueued (at most ten
 * tries). Objects that were unreachable before the call are collected by then.
 */
final class Collected {
    private Collected() {
    }

    static boolean gc() {
        ReferenceQueue<Object> q = new ReferenceQueue<>();
        WeakReference<Object> sentinel = new WeakReference<>(new Object(), q);
        for (int i = 0; i < 10; i++) {
            System.gc();
            try {
                if (q.remove(200) == sentinel) {
                    return true;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }
}
