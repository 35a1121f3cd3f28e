package dev.dragonpool.programs.syncs;

import dev.dragonpool.annotations.Pooled;

/** Synchronized blocks in the constructor, synchronized methods, wait and notify on the instance. */
@Pooled
final class Account {
    static final Object LOCK = new Object();
    static int opened;
    long balance;
    boolean ready;
    final String owner;

    Account(String owner, long initial) {
        synchronized (this) {
            this.owner = owner;
            balance = initial;
        }
        synchronized (LOCK) {
            opened++;
        }
    }

    synchronized void deposit(long v) {
        balance += v;
    }

    synchronized long balance() {
        return balance;
    }

    synchronized void markReady() {
        ready = true;
        notifyAll();
    }

    synchronized void awaitReady() throws InterruptedException {
        while (!ready) {
            wait();
        }
    }

    static synchronized String describe(Account a) {
        return a.owner + "=" + a.balance();
    }
}
