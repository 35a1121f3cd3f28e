package dev.dragonpool.runtime.jfr;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/** A pool gave idle objects or pages back (reclaim or trim). Emitted only through {@link DragonpoolEvents}. */
@Name(DragonpoolEvents.RECLAIM)
@Label("Pool Reclaim")
@Category({"Dragonpool", "Pools"})
@Description("A pool gave idle objects or memory back, asked by the arena, by JMX or by a trim")
@StackTrace(false)
final class ReclaimEvent extends Event {
    @Label("Kind")
    String kind;

    @Label("Pool")
    String pool;

    @Label("Cause")
    @Description("Why the reclaim ran: budget, jmx, trim, destroy, thread-exit ...")
    String cause;

    @Label("Objects Released")
    long objects;

    @Label("Bytes Released")
    @DataAmount
    long bytes;

    @Label("Reclaim Time")
    @Timespan(Timespan.NANOSECONDS)
    long durationNanos;
}
