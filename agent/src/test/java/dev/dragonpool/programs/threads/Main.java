package dev.dragonpool.programs.threads;

import dev.dragonpool.Pooling;
import dev.dragonpool.programs.Probe;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Exchanger;
import java.util.concurrent.SynchronousQueue;

/**
 * Two threads allocate and release on a fixed schedule: messages handed over a SynchronousQueue
 * and released by the receiver, then objects swapped through an Exchanger and released by the
 * thread that did not allocate them. Output is collected and printed by main after the joins.
 */
public final class Main {
    private Main() {
    }

    static Thread start(Runnable r) {
        Thread t = new Thread(r);
        t.start();
        return t;
    }

    static void join(Thread... ts) {
        for (Thread t : ts) {
            try {
                t.join();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    public static void main(String[] args) {
        Probe.section("handoff", () -> {
            SynchronousQueue<Msg> q = new SynchronousQueue<>();
            List<String> received = Collections.synchronizedList(new ArrayList<>());
            Thread consumer = start(() -> {
                try {
                    for (int i = 0; i < 200; i++) {
                        Msg m = q.take();
                        received.add(m.toString() + "/" + m.seq);
                        Pooling.release(m);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            Thread producer = start(() -> {
                try {
                    for (int i = 0; i < 200; i++) {
                        q.put(new Msg(i, "p"));
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            join(producer, consumer);
            StringBuilder bad = new StringBuilder();
            for (int i = 0; i < received.size(); i++) {
                if (!received.get(i).equals("p#" + i + "/" + i)) {
                    bad.append(' ').append(received.get(i));
                }
            }
            System.out.println("handoff received " + received.size() + " first " + received.get(0) + " last "
                    + received.get(received.size() - 1) + " out of order:" + (bad.length() == 0 ? " none" : bad));
        });
        Probe.section("exchange", () -> {
            Exchanger<Msg> ex = new Exchanger<>();
            List<String> a = new ArrayList<>();
            List<String> b = new ArrayList<>();
            Thread ta = start(() -> swap(ex, "a", a));
            Thread tb = start(() -> swap(ex, "b", b));
            join(ta, tb);
            System.out.println("a got " + a);
            System.out.println("b got " + b);
        });
        Probe.section("after", () -> System.out.println("main allocates " + new Msg(1, "main") + " " + new Msg(2, "main")));
        Probe.pooled(Msg.class);
    }

    static void swap(Exchanger<Msg> ex, String name, List<String> got) {
        try {
            for (int i = 0; i < 5; i++) {
                Msg mine = new Msg(i, name);
                Msg theirs = ex.exchange(mine);
                got.add(theirs.toString());
                ex.exchange(null);
                Pooling.release(theirs);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
