package dev.dragonpool.runtime;

import dev.dragonpool.runtime.internal.Registries;

/**
 * The reclaimer daemon: one daemon thread for the process that, every period, calls
 * {@code maintain()} on every live {@link ObjCache} (recover the magazines of threads that
 * ended, trim depot magazines the working set no longer needs). Started by the first cache
 * built. The period is {@code -Ddragonpool.reclaim.periodMillis} (default 1000, minimum 10).
 * A failing cache is logged and skipped; the daemon never stops the JVM from exiting.
 */
final class ReclaimDaemon implements Runnable {
    static final long PERIOD_MILLIS = Math.max(10, Long.getLong("dragonpool.reclaim.periodMillis", 1000));
    private static final System.Logger LOG = System.getLogger(ReclaimDaemon.class.getName());
    private static volatile Thread thread;

    private ReclaimDaemon() {
    }

    static void ensureStarted() {
        if (thread != null) {
            return;
        }
        synchronized (ReclaimDaemon.class) {
            if (thread == null) {
                Thread t = dev.dragonpool.runtime.internal.Threads.daemon(new ReclaimDaemon(), "dragonpool-reclaimer");
                t.start();
                thread = t;
            }
        }
    }

    /** Runs one maintenance pass over every live cache (also used by tests). */
    static void runOnce() {
        for (ObjCache<?> c : Registries.OBJ_CACHES.snapshot()) {
            try {
                c.maintain();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "reclaim of " + c + " failed", e);
            }
        }
    }

    @Override
    public void run() {
        for (;;) {
            try {
                Thread.sleep(PERIOD_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            runOnce();
        }
    }
}
