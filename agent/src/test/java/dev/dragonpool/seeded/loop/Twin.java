package dev.dragonpool.seeded.loop;

import dev.dragonpool.Pooling;
import dev.dragonpool.programs.Probe;
import dev.dragonpool.seeded.Report;

/** The correct twin of {@link Bug}: the batch is released once, after the loop. */
public final class Twin {
    private Twin() {
    }

    static void use(Batch b, int record, StringBuilder log) {
        b.add(record);
        log.append(' ').append(b.summary());
    }

    static void process(int[] records, StringBuilder log) {
        Batch b = new Batch();
        for (int r : records) {
            use(b, r, log);
        }
        Pooling.release(b);
    }

    public static void main(String[] args) {
        Probe.pooled(Batch.class);
        StringBuilder log = new StringBuilder();
        Report.check("release after loop", Twin.class, () -> process(new int[] {3, 5, 8, 13}, log));
        System.out.println("processed:" + log);
    }
}
