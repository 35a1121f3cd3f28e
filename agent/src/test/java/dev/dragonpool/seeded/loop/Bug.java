package dev.dragonpool.seeded.loop;

import dev.dragonpool.Pooling;
import dev.dragonpool.programs.Probe;
import dev.dragonpool.seeded.Report;

/**
 * Seeded bug 7: release inside a loop. The batch is made once before the loop, but released at
 * the end of every iteration ({@link #process}), so the second iteration already uses a
 * released instance.
 */
public final class Bug {
    private Bug() {
    }

    static void use(Batch b, int record, StringBuilder log) {
        b.add(record);
        log.append(' ').append(b.summary());
    }

    static void process(int[] records, StringBuilder log) {
        Batch b = new Batch();
        for (int r : records) {
            use(b, r, log);
            Pooling.release(b);
        }
    }

    public static void main(String[] args) {
        Probe.pooled(Batch.class);
        StringBuilder log = new StringBuilder();
        Report.check("release in loop", Bug.class, () -> process(new int[] {3, 5, 8, 13}, log));
        System.out.println("processed:" + log);
    }
}
