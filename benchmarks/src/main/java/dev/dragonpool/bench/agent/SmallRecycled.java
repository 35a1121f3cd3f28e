package dev.dragonpool.bench.agent;

import io.netty.util.Recycler;

/**
 * {@link SmallPooled}'s twin for Netty's {@link Recycler}, written the way Netty code writes it: a
 * recycler, a handle field, a factory that sets the fields and a {@link #recycle()} that clears
 * them (what the agent does at release) before handing the object back. {@link #RECYCLER} is the
 * usual static, thread-local recycler; {@link #pinned} makes one pinned to the calling thread
 * (Netty 4.2's {@code Recycler(Thread owner, boolean unguarded)}).
 */
public final class SmallRecycled {
  /** The usual static recycler: thread-local, guarded handles, Netty's defaults. */
  static final Recycler<SmallRecycled> RECYCLER =
      new Recycler<SmallRecycled>() {
        @Override
        protected SmallRecycled newObject(Handle<SmallRecycled> handle) {
          return new SmallRecycled(handle);
        }
      };

  private final Recycler.Handle<SmallRecycled> handle;
  long id;
  long time;
  long offset;
  long length;
  long checksum;
  Object attachment;
  Object source;
  Object next;

  private SmallRecycled(Recycler.Handle<SmallRecycled> handle) {
    this.handle = handle;
  }

  /**
   * A recycler pinned to the calling thread: its {@code get()} must run on this thread.
   *
   * @param unguarded unguarded handles (no double-recycle check)
   * @return the recycler
   */
  static Recycler<SmallRecycled> pinned(boolean unguarded) {
    return new Recycler<SmallRecycled>(Thread.currentThread(), unguarded) {
      @Override
      protected SmallRecycled newObject(Handle<SmallRecycled> handle) {
        return new SmallRecycled(handle);
      }
    };
  }

  /**
   * Takes an instance from {@code recycler} and sets every field from {@code seq}.
   *
   * @param recycler where to take it from
   * @param seq a running number
   * @param attach an object to refer to
   * @return the instance
   */
  public static SmallRecycled newInstance(Recycler<SmallRecycled> recycler, long seq, Object attach) {
    SmallRecycled s = recycler.get();
    s.id = seq;
    s.time = seq << 1;
    s.offset = seq & 1023;
    s.length = 64;
    s.checksum = seq ^ 0x5bd1e995L;
    s.attachment = attach;
    s.source = s;
    s.next = attach;
    return s;
  }

  /**
   * Reads the fields.
   *
   * @return a value derived from them
   */
  public long sum() {
    return id + offset + checksum + (attachment == next ? 1 : 0);
  }

  /** Clears every field and gives the instance back to its recycler. */
  public void recycle() {
    id = 0;
    time = 0;
    offset = 0;
    length = 0;
    checksum = 0;
    attachment = null;
    source = null;
    next = null;
    handle.recycle(this);
  }
}
