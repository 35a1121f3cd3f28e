package dev.dragonpool.runtime.kmalloc;

import dev.dragonpool.runtime.Arena;

import java.nio.ByteBuffer;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;
import org.openjdk.jcstress.infra.results.ZZ_Result;

/**
 * jcstress tests of kmalloc's remote-free hand-off (the races named in {@link KMalloc}'s
 * {@code Concurrency:} section).
 */
public final class SlabRemoteFreeTest {
    private SlabRemoteFreeTest() {
    }

    /** One allocator for every state: its classes, pages and table are only read here. */
    static final KMalloc KM = KMalloc.builder(Arena.create("jcstress-kmalloc", 1 << 20)).build();
    private static final ByteBuffer MEMORY = ByteBuffer.allocateDirect(4096);

    /**
     * A slab of three allocated chunks owned by a fresh heap; each test frees at most two, so the
     * slab never becomes empty and is never released during the test.
     */
    static Slab slabOfThreeAllocated(Heap owner) {
        ArenaPages.Run run = new ArenaPages.Run(null, 0, 1, MEMORY);
        Slab s = new Slab(owner, 0, 8, 3, run);
        for (int i = 0; i < 3; i++) {
            Chunk c = new Chunk(MEMORY.slice(i * 8, 8), s, i);
            s.chunks[i] = c;
            c.setAllocatedPlain();
        }
        s.carved = 3;
        s.nfree = 0;
        return s;
    }

    /** Frees {@code c} the way a non-owner thread does: CAS to FREE, push, enqueue on first push. */
    static void freeRemote(Slab slab, Chunk c) {
        if (c.casFree() && slab.pushRemote(c)) {
            slab.owner.enqueuePending(slab);
        }
    }

    /** The chunks on the slab's local free list as a bit mask; -1 if the list and count disagree. */
    static int freeMask(Slab slab) {
        int n = 0;
        int mask = 0;
        for (Chunk c = slab.freeHead; c != null && n < 10; c = c.nextFree) {
            n++;
            if ((mask & (1 << c.index)) != 0) {
                return -1; // the same chunk twice
            }
            mask |= 1 << c.index;
        }
        return n == slab.nfree ? mask : -1;
    }

    /**
     * Race: two threads free one chunk each of the same slab (CAS pushes on the slab's remote
     * list; the one that finds it empty pushes the slab on the owner's pending stack). Forbidden:
     * the slab enqueued twice or not at all, or a chunk lost or duplicated by the owner's drain.
     */
    @JCStressTest
    @Description("Two remote frees into one slab: the slab is enqueued once and both chunks come back once.")
    @Outcome(id = "1, 3", expect = Expect.ACCEPTABLE, desc = "slab pending once; both chunks back, once each")
    @Outcome(expect = Expect.FORBIDDEN, desc = "slab pending twice or never, or a chunk lost or duplicated")
    @State
    public static class PushPush {
        final Heap owner = new Heap(KM, null, null);
        final Slab slab = slabOfThreeAllocated(owner);

        @Actor
        public void freer1() {
            freeRemote(slab, slab.chunks[0]);
        }

        @Actor
        public void freer2() {
            freeRemote(slab, slab.chunks[1]);
        }

        @Arbiter
        public void ownerDrains(II_Result r) {
            r.r1 = owner.pendingSlabs();
            owner.drainPending();
            r.r2 = freeMask(slab);
        }
    }

    /**
     * Race: a remote free pushes while the owner takes its pending stack and the slab's remote
     * list. Chunk 1 is already pending when the race starts. Forbidden: the chunk freed during
     * the drain is lost (neither drained now nor left pending for the next drain) or duplicated.
     */
    @JCStressTest
    @Description("A remote free racing with the owner's drain: the chunk is drained now or stays pending.")
    @Outcome(id = {"2, 6", "6, 6"}, expect = Expect.ACCEPTABLE,
            desc = "the racing drain got chunk 1 only (mask 2) or chunks 1 and 2 (mask 6); the next drain has both")
    @Outcome(expect = Expect.FORBIDDEN, desc = "a chunk lost or came back twice")
    @State
    public static class PushDrain {
        final Heap owner = new Heap(KM, null, null);
        final Slab slab = slabOfThreeAllocated(owner);

        {
            freeRemote(slab, slab.chunks[1]);
        }

        @Actor
        public void freer() {
            freeRemote(slab, slab.chunks[2]);
        }

        @Actor
        public void ownerDrains(II_Result r) {
            owner.drainPending();
            r.r1 = freeMask(slab);
        }

        @Arbiter
        public void nextDrain(II_Result r) {
            owner.drainPending();
            r.r2 = freeMask(slab);
        }
    }

    /**
     * Race: the same chunk freed on two threads at once (a double free). Forbidden: both frees
     * succeed (the chunk would be on two lists) or neither does.
     */
    @JCStressTest
    @Description("A double free racing on two threads: exactly one free wins.")
    @Outcome(id = {"true, false", "false, true"}, expect = Expect.ACCEPTABLE, desc = "one free wins, the other is refused")
    @Outcome(expect = Expect.FORBIDDEN, desc = "both or neither free succeeded")
    @State
    public static class DoubleFree {
        final Slab slab = slabOfThreeAllocated(new Heap(KM, null, null));

        @Actor
        public void free1(ZZ_Result r) {
            r.r1 = slab.chunks[0].casFree();
        }

        @Actor
        public void free2(ZZ_Result r) {
            r.r2 = slab.chunks[0].casFree();
        }
    }
}
