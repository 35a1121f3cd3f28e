package dev.dragonpool.runtime.jmx;

import java.util.function.Supplier;

/**
 * A stats supplier over a pool held weakly: the pool's snapshot while it lives, the last one seen
 * after the collector took it (its bean goes at the next sync; until then it reads the pool's
 * last state rather than failing).
 *
 * @param <S> the snapshot type
 */
final class LastStats<S> implements Supplier<S> {
    private final Supplier<S> live;
    private volatile S last;

    /**
     * @param first a snapshot taken now
     * @param live the pool's snapshot, or {@code null} once the pool is gone
     */
    LastStats(S first, Supplier<S> live) {
        this.last = first;
        this.live = live;
    }

    @Override
    public S get() {
        S s = live.get();
        if (s != null) {
            last = s;
            return s;
        }
        return last;
    }
}
