package dev.dragonpool.bench.objects;

import java.util.concurrent.TimeUnit;
import stormpot.Allocator;
import stormpot.Pool;
import stormpot.PoolTap;
import stormpot.Poolable;
import stormpot.Slot;
import stormpot.Timeout;

/**
 * Stormpot 4 as an {@link ObjPeer}; compiled only on JDK 21+ (Stormpot 4 is Java 21 bytecode) and
 * loaded by name from {@link ObjPeers}. Pool of 1024 objects, Stormpot's defaults otherwise
 * (background allocator thread, default expiration).
 */
public final class StormpotPeer extends ObjPeer {
  private static final Timeout TIMEOUT = new Timeout(10, TimeUnit.SECONDS);

  static final class SlotPayload extends Payload implements Poolable {
    private final Slot slot;

    SlotPayload(Slot slot) {
      this.slot = slot;
    }

    @Override
    public void release() {
      slot.release(this);
    }
  }

  private final Pool<SlotPayload> pool;
  private final PoolTap<SlotPayload> tap;
  private final String kind;

  /**
   * Creates the pool and the tap named by {@code kind}.
   *
   * @param kind {@code stormpot-st}, {@code stormpot-ts} or {@code stormpot-vt}
   */
  public StormpotPeer(String kind) {
    this(
        Pool.from(
                new Allocator<SlotPayload>() {
                  @Override
                  public SlotPayload allocate(Slot slot) {
                    return new SlotPayload(slot);
                  }

                  @Override
                  public void deallocate(SlotPayload p) {
                    // Nothing to free.
                  }
                })
            .setSize(1024)
            .build(),
        kind);
  }

  private StormpotPeer(Pool<SlotPayload> pool, String kind) {
    this.pool = pool;
    this.kind = kind;
    switch (kind) {
      case "stormpot-st":
        this.tap = pool.getSingleThreadedTap();
        break;
      case "stormpot-ts":
        this.tap = pool.getThreadSafeTap();
        break;
      case "stormpot-vt":
        this.tap = pool.getVirtualThreadSafeTap();
        break;
      default:
        throw new IllegalArgumentException("unknown Stormpot tap '" + kind + "'");
    }
  }

  @Override
  public Payload get() {
    try {
      SlotPayload p = tap.claim(TIMEOUT);
      if (p == null) {
        throw new IllegalStateException("Stormpot claim timed out after " + TIMEOUT.getTimeout() + " s");
      }
      return p;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted in Stormpot claim", e);
    }
  }

  @Override
  public void put(Payload p) {
    ((SlotPayload) p).release();
  }

  @Override
  public ObjPeer forThread() {
    // A single-threaded tap belongs to one thread: each benchmark thread gets its own.
    return kind.equals("stormpot-st") ? new StormpotPeer(pool, kind) : this;
  }

  @Override
  public void close() {
    pool.shutdown();
  }
}
