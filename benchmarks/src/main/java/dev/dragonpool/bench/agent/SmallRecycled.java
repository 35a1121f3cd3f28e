package dev.dragonpool.bench.agent;

import io.netty.util.Recycler;

/**
 * {@link SmallPooled}'s twin for Netty's {@link Recycler}, written the way Netty code writes it: a
 * static recycler, a handle field, a factory that sets the fields and a {@link #recycle()} that
 * clears them (what the agent does at release) before handing the object back.
 */
public final class SmallRecycled {
  private static final Recycler<SmallRecycled> RECYCLER =
      new Recycler<SmallRecycled>() {
        @Override
        protected SmallRecycled newObject(Handle<SmallRecycled> handle) {
          return new SmallRecycled(handle);
        }
      };

  private final Recycler.Handle<SmallRecycled> handle;
  long id;
  int kind;
  Object attachment;
  boolean flagged;

  private SmallRecycled(Recycler.Handle<SmallRecycled> handle) {
    this.handle = handle;
  }

  /**
   * Takes an instance from the recycler and sets every field from {@code seq}.
   *
   * @param seq a running number
   * @param attach an object to refer to
   * @return the instance
   */
  public static SmallRecycled newInstance(long seq, Object attach) {
    SmallRecycled s = RECYCLER.get();
    s.id = seq;
    s.kind = (int) (seq & 7);
    s.attachment = attach;
    s.flagged = (seq & 1) == 0;
    return s;
  }

  /**
   * Reads the fields.
   *
   * @return a value derived from them
   */
  public long sum() {
    return id + kind + (flagged ? 1 : 0);
  }

  /** Clears every field and gives the instance back to the recycler. */
  public void recycle() {
    id = 0;
    kind = 0;
    attachment = null;
    flagged = false;
    handle.recycle(this);
  }
}
