package dev.dragonpool.programs.syncs;

import dev.dragonpool.Pooling;
import dev.dragonpool.programs.Probe;

/** Monitors on pooled instances: synchronized constructor blocks and methods, wait/notify across threads. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        Probe.section("synchronized", () -> {
            for (int i = 0; i < 3; i++) {
                Account a = new Account("acc" + i, i * 100L);
                for (int j = 0; j < 5; j++) {
                    a.deposit(j);
                }
                System.out.println(Account.describe(a) + " opened " + Account.opened + " holds lock " + Thread.holdsLock(a));
                Pooling.release(a);
            }
        });
        Probe.section("wait and notify", () -> {
            for (int i = 0; i < 2; i++) {
                Account a = new Account("waiter" + i, 1);
                Thread t = new Thread(() -> {
                    try {
                        a.awaitReady();
                        a.deposit(41);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                t.start();
                a.markReady();
                try {
                    t.join();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                System.out.println("after wait/notify " + Account.describe(a));
                Pooling.release(a);
            }
        });
        Probe.section("lock held across new", () -> {
            Account outer = new Account("outer", 0);
            synchronized (outer) {
                Account inner = new Account("inner", 5);
                synchronized (inner) {
                    inner.deposit(1);
                    System.out.println("nested monitors " + Account.describe(inner) + " " + Thread.holdsLock(outer));
                }
                Pooling.release(inner);
            }
            Pooling.release(outer);
        });
        Probe.pooled(Account.class);
    }
}
