package dev.dragonpool.programs.fieldinit;

/** Deterministic numbers for initialisers; fails on request. */
final class Seq {
    static int n;
    static final StringBuilder LOG = new StringBuilder();

    private Seq() {
    }

    static int next(String who) {
        LOG.append(who).append(' ');
        return ++n;
    }

    static int failing(boolean fail) {
        if (fail) {
            throw new IllegalStateException("initialiser failed at " + n);
        }
        return next("ok");
    }
}
