package dev.dragonpool.programs.parallelinit;

import dev.dragonpool.Pooling;
import dev.dragonpool.programs.Probe;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Eight threads released at once by a latch load, initialise and allocate six pooled classes
 * (first use of each class races between threads), release and allocate again. Each thread's
 * results are printed by main after the joins, so the output does not depend on the schedule.
 */
public final class Main {
    private Main() {
    }

    static String work(int t) {
        StringBuilder sb = new StringBuilder();
        for (int round = 0; round < 50; round++) {
            int k = (t + round) % 6;
            Object o;
            switch (k) {
                case 0: o = new P1(round); break;
                case 1: o = new P2(round); break;
                case 2: o = new P3(round); break;
                case 3: o = new P4(round); break;
                case 4: o = new P5(round); break;
                default: o = new P6(round); break;
            }
            String s = o.toString();
            if (!s.endsWith(":" + round + "/1")) {
                sb.append(" wrong:").append(s);
            }
            Pooling.release(o);
        }
        return sb.length() == 0 ? "ok" : sb.toString();
    }

    public static void main(String[] args) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        String[] results = new String[8];
        for (int t = 0; t < 8; t++) {
            int id = t;
            Thread th = new Thread(() -> {
                try {
                    go.await();
                    results[id] = work(id);
                } catch (Throwable e) {
                    results[id] = "threw " + e;
                }
            });
            threads.add(th);
            th.start();
        }
        go.countDown();
        for (Thread th : threads) {
            th.join();
        }
        for (int t = 0; t < 8; t++) {
            System.out.println("thread " + t + ": " + results[t]);
        }
        System.out.println("main: " + new P1(1) + " " + new P6(6));
        Probe.pooled(P1.class, P2.class, P3.class, P4.class, P5.class, P6.class);
    }
}
