package dev.dragonpool.programs.exceptions;

import dev.dragonpool.Pooling;
import dev.dragonpool.programs.Probe;

/** Pooled objects and exceptions: a refused @Pooled exception class, pooled tasks that throw, new in catch and finally. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        Probe.section("tasks", () -> {
            for (int i = 0; i < 4; i++) {
                Task t = new Task(i);
                try {
                    t.run();
                    System.out.println("task " + i + " ran " + t.runs);
                } catch (Failure f) {
                    System.out.println("task " + i + " threw " + f.getMessage() + " code " + f.code + " trace " + f.getStackTrace().length);
                    Pooling.release(f);
                    System.out.println("exception usable after release " + f.code);
                    Task retry = new Task(i + 1);
                    retry.run();
                    System.out.println("retry ran " + retry.runs);
                    Pooling.release(retry);
                } finally {
                    Task cleanup = new Task(100 + i);
                    System.out.println("finally allocated " + cleanup.n + " runs " + cleanup.runs);
                    Pooling.release(cleanup);
                }
                Pooling.release(t);
            }
        });
        Probe.section("thread", () -> {
            Task t = new Task(2);
            Thread th = new Thread(t);
            th.start();
            try {
                th.join();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            System.out.println("thread ran " + t.runs);
            Pooling.release(t);
        });
        Probe.pooled(Task.class);
        Probe.pooled(Failure.class);
    }
}
