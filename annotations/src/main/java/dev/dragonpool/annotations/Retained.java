package dev.dragonpool.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an instance field of a {@link Pooled} class whose value survives recycling.
 *
 * <p><b>With the agent</b> the field is neither cleared at release nor reset before the
 * constructor body runs again, so the body sees the previous value and may reuse it (a large
 * buffer, a compiled pattern): this is how expensive setup is paid once. On a fresh instance the
 * field starts at its default value as usual.
 *
 * <p><b>Without the agent</b> (or on a class that is not pooled) the annotation does nothing.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface Retained {
}
