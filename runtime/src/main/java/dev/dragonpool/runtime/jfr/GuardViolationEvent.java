package dev.dragonpool.runtime.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** Guard mode caught a misuse (use after release, double release, foreign release). Emitted only through {@link DragonpoolEvents}. */
@Name(DragonpoolEvents.GUARD_VIOLATION)
@Label("Guard Violation")
@Category({"Dragonpool", "Guard"})
@Description("A pooled instance was misused: use after release, double release or release of a foreign object; "
        + "the stack trace shows the offending access")
@StackTrace(true)
final class GuardViolationEvent extends Event {
    @Label("Class")
    String className;

    @Label("Violation")
    @Description("use-after-release, double-release, foreign-release ...")
    String violation;

    @Label("Released At")
    @Description("Where the instance was released, when known")
    String releasedAt;
}
