package dev.dragonpool.bench.objects;

import dev.dragonpool.runtime.ObjCache;
import dev.dragonpool.runtime.Recyclable;
import io.netty.util.Recycler;
import java.lang.reflect.InvocationTargetException;
import org.apache.commons.pool2.BasePooledObjectFactory;
import org.apache.commons.pool2.PooledObject;
import org.apache.commons.pool2.impl.DefaultPooledObject;
import org.apache.commons.pool2.impl.GenericObjectPool;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;

/**
 * The object pools compared by {@link ObjCacheBench}, by the name its {@code pool} parameter uses.
 *
 * <ul>
 *   <li>{@code new}: plain {@code new Payload()}, put does nothing (the GC frees it).
 *   <li>{@code objcache}: Dragonpool {@link ObjCache} of a payload that implements
 *       {@link Recyclable} (what the agent gives every {@code @Pooled} class), defaults otherwise.
 *   <li>{@code objcache-plain}: the same cache over a payload that does not implement it.
 *   <li>{@code recycler}: Netty 4.2 {@link Recycler}, default (thread-local, guarded) mode,
 *       recycle through the object's handle. Netty 4.2 pools only on its own
 *       {@code FastThreadLocalThread}s: on a plain thread (JMH's, unless the fork runs
 *       {@link dev.dragonpool.bench.FastThreadExecutor}) {@code get()} allocates a new object and
 *       {@code recycle} drops it.
 *   <li>{@code recycler-unguarded}: the same with unguarded handles ({@code new Recycler(true)}: no
 *       check against recycling twice).
 *   <li>{@code recycler-pinned}, {@code recycler-pinned-unguarded}: Netty 4.2's pinned-owner
 *       recycler ({@code new Recycler(Thread owner, boolean unguarded)}, netty PR 15610), one per
 *       benchmark thread, pinned to it: no thread-local lookup at all, and it pools on any thread
 *       type; {@code get()} must run on the owner, {@code recycle} may run anywhere.
 *   <li>{@code stormpot-st}, {@code stormpot-ts}, {@code stormpot-vt}: Stormpot 4 with one
 *       single-threaded tap per thread (3.x called it the thread-local tap), the thread-safe tap
 *       (a {@code ThreadLocal} cache per claim), and the virtual-thread-safe tap. Present only when
 *       the jar was built on JDK 21+ (Stormpot 4 is compiled for Java 21).
 *   <li>{@code commons-pool2}: Apache commons-pool2 {@link GenericObjectPool}, JMX off, otherwise
 *       defaults, up to 1024 objects.
 * </ul>
 */
public final class ObjPeers {
  /** Every name {@link #create} accepts. */
  public static final String NAMES =
      "new, objcache, objcache-plain, recycler, recycler-unguarded, recycler-pinned, recycler-pinned-unguarded, "
          + "stormpot-st, stormpot-ts, stormpot-vt, commons-pool2";

  private ObjPeers() {
  }

  /**
   * Creates the named peer.
   *
   * @param name one of {@link #NAMES}
   * @return a fresh pool
   * @throws IllegalArgumentException for an unknown name
   * @throws IllegalStateException when the Stormpot peer is not in this build or this JVM
   */
  public static ObjPeer create(String name) {
    switch (name) {
      case "new":
        return new NewPeer();
      case "objcache":
        return new ObjCachePeer<>(SlotPayload::new);
      case "objcache-plain":
        return new ObjCachePeer<>(Payload::new);
      case "recycler":
        return new RecyclerPeer(false, false);
      case "recycler-unguarded":
        return new RecyclerPeer(false, true);
      case "recycler-pinned":
        return new RecyclerPeer(true, false);
      case "recycler-pinned-unguarded":
        return new RecyclerPeer(true, true);
      case "stormpot-st":
      case "stormpot-ts":
      case "stormpot-vt":
        return stormpot(name);
      case "commons-pool2":
        return new CommonsPool2Peer();
      default:
        throw new IllegalArgumentException("unknown pool '" + name + "', expected one of: " + NAMES);
    }
  }

  private static ObjPeer stormpot(String name) {
    Class<?> c;
    try {
      c = Class.forName("dev.dragonpool.bench.objects.StormpotPeer");
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(
          "pool '" + name + "' is not in this benchmarks.jar: Stormpot 4 needs Java 21, "
              + "rebuild the benchmarks module on JDK 21 or later", e);
    }
    try {
      return (ObjPeer) c.getConstructor(String.class).newInstance(name);
    } catch (UnsupportedClassVersionError e) {
      throw new IllegalStateException(
          "pool '" + name + "' needs Java 21 or later (Stormpot 4), this JVM is "
              + Runtime.version(), e);
    } catch (InvocationTargetException e) {
      throw new IllegalStateException("pool '" + name + "' failed to start", e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("pool '" + name + "' failed to start", e);
    }
  }

  /** Payload carrying the Dragonpool slot field, as the agent adds it to {@code @Pooled} classes. */
  static final class SlotPayload extends Payload implements Recyclable {
    private Object slot;

    @Override
    public Object dragonpool$slot() {
      return slot;
    }

    @Override
    public void dragonpool$slot(Object s) {
      this.slot = s;
    }
  }

  static final class NewPeer extends ObjPeer {
    @Override
    public Payload get() {
      return new Payload();
    }

    @Override
    public void put(Payload p) {
      // Dropped: the GC reclaims it.
    }
  }

  static final class ObjCachePeer<T extends Payload> extends ObjPeer {
    private final ObjCache<T> cache;

    ObjCachePeer(java.util.function.Supplier<T> ctor) {
      this.cache = ObjCache.builder("bench-payload", ctor).build();
    }

    @Override
    public Payload get() {
      return cache.get();
    }

    @Override
    @SuppressWarnings("unchecked")
    public void put(Payload p) {
      cache.put((T) p);
    }

    @Override
    public void close() {
      cache.destroy();
    }
  }

  static final class RecyclerPeer extends ObjPeer {
    static final class HandlePayload extends Payload {
      final Recycler.Handle<HandlePayload> handle;

      HandlePayload(Recycler.Handle<HandlePayload> handle) {
        this.handle = handle;
      }
    }

    private final boolean pinned;
    private final boolean unguarded;
    private final Recycler<HandlePayload> recycler;

    /**
     * A thread-local recycler, or one pinned to the calling thread.
     *
     * @param pinned pin the recycler to the calling thread (each benchmark thread gets its own
     *     from {@link #forThread()})
     * @param unguarded unguarded handles (no double-recycle check)
     */
    RecyclerPeer(boolean pinned, boolean unguarded) {
      this.pinned = pinned;
      this.unguarded = unguarded;
      if (pinned) {
        this.recycler =
            new Recycler<HandlePayload>(Thread.currentThread(), unguarded) {
              @Override
              protected HandlePayload newObject(Handle<HandlePayload> handle) {
                return new HandlePayload(handle);
              }
            };
      } else {
        this.recycler =
            new Recycler<HandlePayload>(unguarded) {
              @Override
              protected HandlePayload newObject(Handle<HandlePayload> handle) {
                return new HandlePayload(handle);
              }
            };
      }
    }

    @Override
    public Payload get() {
      return recycler.get();
    }

    @Override
    public void put(Payload p) {
      HandlePayload h = (HandlePayload) p;
      h.handle.recycle(h);
    }

    @Override
    public ObjPeer forThread() {
      // A pinned recycler serves get() on its owner only: one per benchmark thread.
      return pinned ? new RecyclerPeer(true, unguarded) : this;
    }
  }

  static final class CommonsPool2Peer extends ObjPeer {
    private final GenericObjectPool<Payload> pool;

    CommonsPool2Peer() {
      GenericObjectPoolConfig<Payload> cfg = new GenericObjectPoolConfig<>();
      cfg.setMaxTotal(1024);
      cfg.setMaxIdle(1024);
      cfg.setJmxEnabled(false);
      pool =
          new GenericObjectPool<>(
              new BasePooledObjectFactory<Payload>() {
                @Override
                public Payload create() {
                  return new Payload();
                }

                @Override
                public PooledObject<Payload> wrap(Payload p) {
                  return new DefaultPooledObject<>(p);
                }
              },
              cfg);
    }

    @Override
    public Payload get() {
      try {
        return pool.borrowObject();
      } catch (Exception e) {
        throw new IllegalStateException("commons-pool2 borrow failed", e);
      }
    }

    @Override
    public void put(Payload p) {
      pool.returnObject(p);
    }

    @Override
    public void close() {
      pool.close();
    }
  }
}
