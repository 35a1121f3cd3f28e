package dev.dragonpool.runtime.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** A pooled instance was collected by the GC without having been released. Emitted only through {@link DragonpoolEvents}. */
@Name(DragonpoolEvents.LEAK)
@Label("Pooled Object Leaked")
@Category({"Dragonpool", "Leaks"})
@Description("A sampled pooled instance was acquired, never released, and collected by the GC")
@StackTrace(false)
final class LeakEvent extends Event {
    @Label("Class")
    String className;

    @Label("Allocation Site")
    @Description("Where the leaked instance was acquired, as recorded by the leak tracker")
    String allocationSite;
}
