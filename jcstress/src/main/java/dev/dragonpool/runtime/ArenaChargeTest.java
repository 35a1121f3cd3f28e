package dev.dragonpool.runtime;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.ZZJ_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * Race: two caches charge the last page of an arena's budget at once ({@code casCharged}
 * in {@link Arena#tryCharge}).
 *
 * <p>Forbidden: both charges succeed (the budget overrun: {@code true, true, 8192}), or
 * neither does while the page was free, or the charged total disagrees with the winners.
 */
@JCStressTest
@Outcome(id = {"true, false, 4096", "false, true, 4096"}, expect = ACCEPTABLE, desc = "exactly one charge won")
@Outcome(expect = FORBIDDEN, desc = "budget overrun, a lost page, or a wrong total")
@State
public class ArenaChargeTest {
    private final Arena arena = Arena.detached("jcstress-charge", Arena.PAGE_SIZE);

    @Actor
    public void first(ZZJ_Result r) {
        r.r1 = arena.tryCharge(100);
    }

    @Actor
    public void second(ZZJ_Result r) {
        r.r2 = arena.tryCharge(Arena.PAGE_SIZE);
    }

    @Arbiter
    public void total(ZZJ_Result r) {
        r.r3 = arena.charged();
    }
}
