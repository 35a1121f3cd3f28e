package dev.dragonpool.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an instance method of a {@link Pooled} class whose normal return releases {@code this}
 * (typically {@code close()}).
 *
 * <p><b>With the agent</b> every normal return of the method is followed by
 * {@link dev.dragonpool.Pooling#release(Object) Pooling.release(this)}; an exceptional return
 * releases nothing. Calling such a method twice on one instance is a double release and throws
 * {@link IllegalStateException}.
 *
 * <p><b>Without the agent</b> the annotation does nothing: the method runs unchanged.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Release {
}
