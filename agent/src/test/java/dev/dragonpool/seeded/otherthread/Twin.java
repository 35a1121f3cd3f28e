package dev.dragonpool.seeded.otherthread;

import dev.dragonpool.Pooling;
import dev.dragonpool.programs.Probe;
import dev.dragonpool.seeded.Report;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The correct twin of {@link Bug}: thread B describes the job first, then thread A finishes and
 * releases it.
 */
public final class Twin {
    private Twin() {
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
        runThread("B", () -> inspect(j, b), failB);
        runThread("A", () -> finish(j, a), failA);
        System.out.println("thread A: " + (failA.get() == null ? a + " ok" : Report.describe(failA.get(), Twin.class)));
        System.out.println("thread B: " + (failB.get() == null ? b + " ok" : Report.describe(failB.get(), Twin.class)));
    }
}
