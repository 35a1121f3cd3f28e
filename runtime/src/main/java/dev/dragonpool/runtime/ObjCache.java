package dev.dragonpool.runtime;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A cache of constructed objects with per-thread magazines and a shared depot (step-1
 * skeleton: the API is fixed, the implementation follows).
 *
 * @param <T> the object type
 */
public final class ObjCache<T> {
    static final int MAX_LIMIT = 1 << 28;

    private final String name;

    private ObjCache(Builder<T> b) {
        this.name = b.name;
    }

    /**
     * Starts building a cache.
     *
     * @param name a non-blank name
     * @param constructor makes a new object on a miss
     * @param <T> object type
     * @return the builder
     */
    public static <T> Builder<T> builder(String name, Supplier<? extends T> constructor) {
        return new Builder<>(name, constructor);
    }

    /** @return the cache's name */
    public String name() {
        return name;
    }

    /** @return an object, recycled when possible */
    public T get() {
        throw new UnsupportedOperationException("ObjCache core not built yet");
    }

    /** @param obj an object to recycle */
    public void put(T obj) {
        throw new UnsupportedOperationException("ObjCache core not built yet");
    }

    /** @return objects given back */
    public long reclaim() {
        return 0;
    }

    /** Destroys the cache. */
    public void destroy() {
    }

    /** @return the stats */
    public ObjCacheStats stats() {
        return new ObjCacheStats(name, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, MAX_LIMIT, 0, 0);
    }

    /**
     * Configures an {@link ObjCache}.
     *
     * @param <T> the object type
     */
    public static final class Builder<T> {
        final String name;
        final Supplier<? extends T> constructor;
        Consumer<? super T> destructor;
        int capacity = -1;
        int limit = MAX_LIMIT;
        LimitPolicy policy = LimitPolicy.ALLOCATE;
        Duration timeout = Duration.ofSeconds(1);
        int reserve;
        Arena arena;
        long objectSize = -1;

        Builder(String name, Supplier<? extends T> constructor) {
            this.name = Objects.requireNonNull(name, "cache name");
            this.constructor = Objects.requireNonNull(constructor, "constructor");
        }

        /** @param d destructor @return this */
        public Builder<T> destructor(Consumer<? super T> d) {
            this.destructor = d;
            return this;
        }

        /** @param nomCache nominal cached objects @return this */
        public Builder<T> capacity(int nomCache) {
            this.capacity = nomCache;
            return this;
        }

        /** @param clusterLimit most objects @return this */
        public Builder<T> limit(int clusterLimit) {
            this.limit = clusterLimit;
            return this;
        }

        /** @param p policy @return this */
        public Builder<T> onLimit(LimitPolicy p) {
            this.policy = p;
            return this;
        }

        /** @param t timeout @return this */
        public Builder<T> timeout(Duration t) {
            this.timeout = t;
            return this;
        }

        /** @param nnom MPIPE reserve @return this */
        public Builder<T> reserve(int nnom) {
            this.reserve = nnom;
            return this;
        }

        /** @param a arena @return this */
        public Builder<T> arena(Arena a) {
            this.arena = a;
            return this;
        }

        /** @param bytes object size @return this */
        public Builder<T> objectSize(long bytes) {
            this.objectSize = bytes;
            return this;
        }

        /** @return the cache */
        public ObjCache<T> build() {
            return new ObjCache<>(this);
        }
    }
}
