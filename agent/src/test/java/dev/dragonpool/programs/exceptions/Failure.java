package dev.dragonpool.programs.exceptions;

import dev.dragonpool.annotations.Pooled;

/** A @Pooled exception: Throwable has instance state, so it is refused; release must be a no-op. */
@Pooled
final class Failure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int code;

    Failure(int code) {
        super("failure " + code, null, false, false);
        this.code = code;
    }
}
