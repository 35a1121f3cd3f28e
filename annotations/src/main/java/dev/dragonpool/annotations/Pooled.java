package dev.dragonpool.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class whose instances are recycled through a per-class object cache.
 *
 * <p><b>With the Dragonpool agent</b> ({@code -javaagent:dragonpool-agent.jar}) the class is
 * enhanced when it is first loaded, and every {@code new T(args)} in every class the agent
 * transforms takes an instance from {@code T}'s object cache and runs the constructor body on it
 * again. Before the body runs, every instance field that is not {@link Retained} holds its default
 * value and field initialisers run as they would after {@code new}. An instance goes back to the
 * cache on {@link dev.dragonpool.Pooling#release(Object)} or on the normal return of a method
 * annotated {@link Release}. Records, enums, interfaces, abstract classes, classes whose
 * non-pooled superclass has instance state and classes loaded before the agent are refused with
 * one log line and keep allocating plainly.
 *
 * <p><b>Without the agent</b> the annotation does nothing: {@code new} allocates, release is a
 * no-op, and the application behaves exactly as if the annotation were absent.
 *
 * <p>The settings below are per-class defaults; the agent's configuration may override them.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Pooled {

    /**
     * Objects kept per thread-local magazine pair and in the depot, as the object cache's
     * nominal capacity ({@code nom_cache}); {@code 0} means the agent's default.
     *
     * @return nominal capacity, {@code 0} for the default
     */
    int capacity() default 0;

    /**
     * Objects preconstructed in an MPIPE reserve that can always be had without allocating;
     * {@code 0} means no reserve (slab refill only).
     *
     * @return reserve size
     */
    int reserve() default 0;

    /**
     * Upper bound on live instances handed out by the cache (the cluster limit); {@code 0} means
     * unlimited. What happens when it is reached is {@link #onLimit()}.
     *
     * @return the limit, {@code 0} for none
     */
    int limit() default 0;

    /**
     * What {@code new} does when {@link #limit()} instances are out.
     *
     * @return the policy
     */
    LimitPolicy onLimit() default LimitPolicy.ALLOCATE;

    /**
     * How long {@link LimitPolicy#BLOCK} waits for a release before failing, in milliseconds.
     *
     * @return the timeout in milliseconds
     */
    long timeoutMillis() default 1000;

    /** What a pooled {@code new} does when the class's limit is reached. */
    enum LimitPolicy {
        /** Allocate a plain instance outside the cache (pooling degrades, nothing fails). */
        ALLOCATE,
        /** Wait up to {@link Pooled#timeoutMillis()} for a release, then throw. */
        BLOCK,
        /** Throw at once. */
        FAIL
    }
}
