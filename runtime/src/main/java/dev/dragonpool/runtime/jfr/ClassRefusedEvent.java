package dev.dragonpool.runtime.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** The agent refused to pool a class (record, enum, already loaded ...). Emitted only through {@link DragonpoolEvents}. */
@Name(DragonpoolEvents.CLASS_REFUSED)
@Label("Class Not Pooled")
@Category({"Dragonpool", "Agent"})
@Description("The agent did not enhance a class that was asked to be pooled; the reason says why")
@StackTrace(false)
final class ClassRefusedEvent extends Event {
    @Label("Class")
    String className;

    @Label("Reason")
    String reason;
}
