package dev.dragonpool.seeded.leak;

import dev.dragonpool.Pooling;
import dev.dragonpool.programs.Probe;
import java.util.ArrayList;
import java.util.List;

/** The correct twin of {@link Bug}: every buffer is released once it has been summed. */
public final class Twin {
    private Twin() {
    }

    static long fill(int n) {
        List<Buffer> buffers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            buffers.add(new Buffer(i));
        }
        long sum = 0;
        for (Buffer b : buffers) {
            sum += b.sum();
            Pooling.release(b);
        }
        return sum;
    }

    public static void main(String[] args) {
        Probe.pooled(Buffer.class);
        System.out.println("checksum " + fill(64));
        System.out.println("collected " + Collected.gc());
    }
}
