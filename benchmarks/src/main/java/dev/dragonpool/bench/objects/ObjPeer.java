package dev.dragonpool.bench.objects;

/**
 * One object pool under test behind the two calls every benchmark makes: take an object, give it
 * back. Each benchmark fork loads exactly one subclass, so the JIT sees a single implementation
 * (class hierarchy analysis) and inlines {@link #get()} and {@link #put} into the benchmark loop:
 * the adapter costs nothing. See {@link ObjPeers} for the peers.
 */
public abstract class ObjPeer {
  /**
   * Takes an object.
   *
   * @return an object with all fields at their defaults
   */
  public abstract Payload get();

  /**
   * Gives back an object taken from this peer (on this or another thread).
   *
   * @param p the object
   */
  public abstract void put(Payload p);

  /**
   * Returns the handle a benchmark thread uses: this peer, or a per-thread tap for peers whose
   * fast path is a tap owned by one thread (Stormpot's single-threaded tap).
   *
   * @return the handle for the calling thread
   */
  public ObjPeer forThread() {
    return this;
  }

  /** Releases the pool's resources at the end of a trial. */
  public void close() {
  }
}
