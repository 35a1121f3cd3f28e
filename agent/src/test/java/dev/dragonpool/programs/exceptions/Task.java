package dev.dragonpool.programs.exceptions;

import dev.dragonpool.annotations.Pooled;

/** A pooled Runnable whose run() throws a pooled-annotated exception. */
@Pooled
final class Task implements Runnable {
    final int n;
    int runs;

    Task(int n) {
        this.n = n;
    }

    @Override
    public void run() {
        runs++;
        if (n % 2 == 1) {
            throw new Failure(n);
        }
    }
}
