package dev.dragonpool.runtime.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** A pool reached its limit; the stack trace shows who asked. Emitted only through {@link DragonpoolEvents}. */
@Name(DragonpoolEvents.POOL_EXHAUSTED)
@Label("Pool Exhausted")
@Category({"Dragonpool", "Pools"})
@Description("A pool reached its limit (cluster limit, MPIPE nmax, zone capacity or malloc type limit); "
        + "the outcome says what the limit policy did with the request")
@StackTrace(true)
final class PoolExhaustedEvent extends Event {
    @Label("Kind")
    @Description("objcache, mpipe, zone or malloc")
    String kind;

    @Label("Pool")
    String pool;

    @Label("Limit")
    @Description("The limit that was reached, in objects (or bytes for a malloc type)")
    long limit;

    @Label("Outcome")
    @Description("What happened to the request: allocate (plain new), block, fail, null")
    String outcome;
}
