package dev.dragonpool.runtime;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * Race: one thread fills a magazine with plain writes (the objects' fields, the slots, the
 * count) and hands it to the depot; another thread takes it from the depot and reads it, as
 * {@code ObjCache.release} and {@code ObjCache.acquire} do when a put on one thread feeds a
 * get on another. The depot lock is the only ordering between them.
 *
 * <p>Forbidden: the taker sees the magazine but not all it holds: a count below 2, a null
 * slot (reported as an error), or an object whose field still reads 0 ({@code 2, 42}).
 */
@JCStressTest
@Outcome(id = "0, 0", expect = ACCEPTABLE, desc = "taker ran first: the depot was empty")
@Outcome(id = "2, 84", expect = ACCEPTABLE, desc = "taker got the full magazine and sees both objects")
@Outcome(expect = FORBIDDEN, desc = "a partly visible magazine or a stale object field")
@State
public class DepotHandoffTest {
    static final class Box {
        int v;
    }

    private final Depot depot = new Depot("jcstress-handoff");

    @Actor
    public void putter() {
        Magazine m = new Magazine(2);
        Box a = new Box();
        a.v = 42;
        Box b = new Box();
        b.v = 42;
        m.push(a);
        m.push(b);
        depot.lock.lock();
        try {
            depot.pushFull(m);
        } finally {
            depot.lock.unlock();
        }
    }

    @Actor
    public void taker(II_Result r) {
        Magazine m;
        depot.lock.lock();
        try {
            m = depot.popFull();
        } finally {
            depot.lock.unlock();
        }
        if (m != null) {
            int n = m.count;
            int sum = 0;
            for (int i = 0; i < n; i++) {
                sum += ((Box) m.objs[i]).v;
            }
            r.r1 = n;
            r.r2 = sum;
        }
    }
}
