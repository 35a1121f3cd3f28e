package dev.dragonpool.programs.stacks;

import dev.dragonpool.annotations.Pooled;

/** Its constructor throws for a negative argument, directly or from a helper it calls. */
@Pooled
final class Bomb {
    static String callerSeen;
    static String framesSeen;
    final int fuse;

    Bomb(int fuse) {
        StackWalker w = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);
        callerSeen = w.getCallerClass().getName();
        framesSeen = w.walk(s -> Main.frames(s.map(f -> f.getClassName() + "." + f.getMethodName() + ":" + f.getLineNumber())));
        if (fuse < 0) {
            throw new IllegalArgumentException("negative fuse " + fuse);
        }
        this.fuse = check(fuse);
    }

    private static int check(int fuse) {
        if (fuse == 0) {
            throw new IllegalStateException("zero fuse");
        }
        return fuse;
    }
}
