package dev.dragonpool.runtime;

/**
 * What an {@link ObjCache} does when a {@code get} finds nothing cached and the cluster
 * limit forbids creating another pooled object. Objects handed out and never released keep
 * counting against the limit (see "Forgotten objects" in {@link ObjCache}): only
 * {@link #ALLOCATE} keeps a program that forgets objects working.
 */
public enum LimitPolicy {
    /** Construct a plain object beyond the limit; it is dropped, not cached, when it comes back past the limit. */
    ALLOCATE,
    /**
     * Wait up to the cache's timeout for an object to come back, then throw
     * {@link PoolExhaustedException}; forgotten objects never come back.
     */
    BLOCK,
    /** Throw {@link PoolExhaustedException} at once, naming how many objects are out. */
    FAIL
}
