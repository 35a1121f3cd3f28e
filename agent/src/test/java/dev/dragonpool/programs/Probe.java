package dev.dragonpool.programs;

import dev.dragonpool.Pooling;

/**
 * Shared by the differential programs of {@code ProgramsIT}: each program is a {@code main} in its
 * own package printing deterministic output on stdout, which must be the same with and without the
 * Dragonpool agent. {@link #pooled} writes to stderr (never compared) whether the agent pools a
 * class, so the harness can check that an identical output did not come from the agent pooling
 * nothing; {@link #section} runs one independent part of a program so that a failure in one part
 * still lets the others print (the diff then shows every part that changed, not only the first).
 */
public final class Probe {
    private Probe() {
    }

    /** Writes {@code dragonpool-probe pooled <class> <isPooled>} to stderr for each type ({@code null}s skipped). */
    public static void pooled(Class<?>... types) {
        for (Class<?> t : types) {
            if (t == null) {
                continue;
            }
            System.err.println("dragonpool-probe pooled " + t.getName() + " " + Pooling.isPooled(t));
        }
    }

    /**
     * Runs {@code body}; anything it throws (an {@link Error} such as {@code VerifyError} too) is
     * printed on stdout as one line naming the section, with the stack trace on stderr, and the
     * program goes on with the next section.
     */
    public static void section(String name, Runnable body) {
        try {
            body.run();
        } catch (Throwable t) {
            String msg = String.valueOf(t.getMessage()).lines().findFirst().orElse("");
            System.out.println("!! section " + name + " threw " + t.getClass().getName() + ": " + msg);
            System.err.println("dragonpool-probe section " + name + " threw:");
            t.printStackTrace();
        }
    }
}
