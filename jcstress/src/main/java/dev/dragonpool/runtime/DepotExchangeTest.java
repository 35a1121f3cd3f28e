package dev.dragonpool.runtime;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * Race: two threads that both ran out of objects exchange their empty magazine for the
 * depot's only full one at the same time ({@code ObjCache.acquire}'s depot step: pop a full
 * magazine, push the caller's empty one).
 *
 * <p>Forbidden: the one object handed out twice ({@code 1, 1, _}), or lost ({@code 0, 0, _});
 * and the depot must end with both empty magazines and no full one (third value 2).
 */
@JCStressTest
@Outcome(id = {"1, 0, 2", "0, 1, 2"}, expect = ACCEPTABLE, desc = "exactly one thread got the object")
@Outcome(expect = FORBIDDEN, desc = "handed out twice, lost, or the depot's stacks are inconsistent")
@State
public class DepotExchangeTest {
    private final Depot depot = new Depot("jcstress-exchange");

    public DepotExchangeTest() {
        Magazine m = new Magazine(1);
        m.push(new Object());
        depot.lock.lock();
        try {
            depot.pushFull(m);
        } finally {
            depot.lock.unlock();
        }
    }

    private int take() {
        Magazine mine = new Magazine(1);
        depot.lock.lock();
        try {
            Magazine f = depot.popFull();
            depot.pushEmpty(mine);
            if (f == null) {
                return 0;
            }
            Object o = f.pop();
            depot.pushEmpty(f);
            return o != null ? 1 : 0;
        } finally {
            depot.lock.unlock();
        }
    }

    @Actor
    public void first(III_Result r) {
        r.r1 = take();
    }

    @Actor
    public void second(III_Result r) {
        r.r2 = take();
    }

    @Arbiter
    public void check(III_Result r) {
        depot.lock.lock();
        try {
            r.r3 = depot.nfull == 0 && depot.objects == 0 && depot.isValid() ? depot.nempty - 1 : -1;
        } finally {
            depot.lock.unlock();
        }
    }
}
