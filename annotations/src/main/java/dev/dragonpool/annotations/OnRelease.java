package dev.dragonpool.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a no-argument instance method of a {@link Pooled} class that runs when an instance is
 * released, before its non-{@link Retained} fields are cleared.
 *
 * <p><b>With the agent</b> each class's own {@code @OnRelease} methods run first, then those of
 * its pooled superclasses; an exception thrown by one propagates out of the release and the
 * instance is dropped (left to the garbage collector) instead of being cached.
 *
 * <p><b>Without the agent</b> the annotation does nothing and the method is never called
 * implicitly.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface OnRelease {
}
