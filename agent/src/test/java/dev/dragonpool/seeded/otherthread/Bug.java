package dev.dragonpool.seeded.otherthread;

import dev.dragonpool.Pooling;
import dev.dragonpool.programs.Probe;
import dev.dragonpool.seeded.Report;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Seeded bug 2: use after release across threads. Thread A finishes the job and releases it
 * ({@link #finish}); after A is joined, thread B, which kept a reference, describes the job
 * ({@link #inspect}). The two threads never run at the same time.
 */
public final class Bug {
    private Bug() {
    }

    static void finish(Job j, StringBuilder log) {
        log.append("A finished ").append(j.describe());
        Pooling.release(j);
    }

    static void inspect(Job j, StringBuilder log) {
        log.append("B sees ").append(j.describe());
    }

    static void runThread(String name, Runnable r, AtomicReference<Throwable> failure) {
        Thread t = new Thread(() -> {
            try {
                r.run();
            } catch (RuntimeException e) {
                failure.set(e);
            }
        }, name);
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void main(String[] args) {
        Probe.pooled(Job.class);
        Job j = new Job("resize", 4);
        StringBuilder a = new StringBuilder();
        StringBuilder b = new StringBuilder();
        AtomicReference<Throwable> failA = new AtomicReference<>();
        AtomicReference<Throwable> failB = new AtomicReference<>();
        runThread("A", () -> finish(j, a), failA);
        runThread("B", () -> inspect(j, b), failB);
        System.out.println("thread A: " + (failA.get() == null ? a + " ok" : Report.describe(failA.get(), Bug.class)));
        System.out.println("thread B: " + (failB.get() == null ? b + " ok" : Report.describe(failB.get(), Bug.class)));
    }
}
