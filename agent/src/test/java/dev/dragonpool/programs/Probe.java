package dev.dragonpool.programs;

import dev.dragonpool.Pooling;

/**
 * Shared by the differential programs of {@code ProgramsIT}: each program is a {@code main} in its
 * own package printing deterministic output on stdout, which must be the same with and without the
 * Dragonpool agent. This probe writes to stderr (never compared) whether the agent pools a class,
 * so the harness can check that an identical output did not come from the agent pooling nothing.
 */
public final class Probe {
    private Probe() {
    }

    /** Writes {@code dragonpool-probe pooled <class> <isPooled>} to stderr for each type. */
    public static void pooled(Class<?>... types) {
        for (Class<?> t : types) {
            System.err.println("dragonpool-probe pooled " + t.getName() + " " + Pooling.isPooled(t));
        }
    }
}
