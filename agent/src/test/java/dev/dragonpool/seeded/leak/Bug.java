package dev.dragonpool.seeded.leak;

import dev.dragonpool.programs.Probe;
import java.util.ArrayList;
import java.util.List;

/**
 * Seeded bug 8: a leak. {@link #fill} acquires 64 buffers and never releases them; they become
 * unreachable when it returns, the collector takes them, and the program ends without acquiring
 * anything else. Under {@code leaks=paranoid} each must be reported (at the latest at exit) with
 * its acquisition site, {@code Bug.fill}.
 */
public final class Bug {
    private Bug() {
    }

    static long fill(int n) {
        List<Buffer> buffers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            buffers.add(new Buffer(i));
        }
        long sum = 0;
        for (Buffer b : buffers) {
            sum += b.sum();
        }
        return sum;
    }

    public static void main(String[] args) {
        Probe.pooled(Buffer.class);
        System.out.println("checksum " + fill(64));
        System.out.println("collected " + Collected.gc());
    }
}
