package dev.dragonpool.runtime.jfr;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** An arena charge was refused because the budget stayed full after reclaiming. Emitted only through {@link DragonpoolEvents}. */
@Name(DragonpoolEvents.ARENA_BUDGET_REACHED)
@Label("Arena Budget Reached")
@Category({"Dragonpool", "Arena"})
@Description("A charge did not fit in the arena budget even after the reclaimers ran; "
        + "the caller falls back to plain allocation")
@StackTrace(true)
final class ArenaBudgetEvent extends Event {
    @Label("Arena")
    String arena;

    @Label("Budget")
    @DataAmount
    long budget;

    @Label("Charged")
    @DataAmount
    long charged;

    @Label("Requested")
    @DataAmount
    long requested;

    @Label("Reclaimed")
    @Description("Bytes the reclaimers gave back before the charge was refused")
    @DataAmount
    long reclaimed;
}
