package dev.dragonpool.bench.buffers;

import io.netty.buffer.AdaptiveByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.nio.ByteBuffer;

/**
 * The buffer allocators compared by {@link KmallocBench}, by the name of its {@code alloc}
 * parameter.
 *
 * <ul>
 *   <li>{@code kmalloc}: Dragonpool's slab allocator ({@link KmallocPeer}), one malloc type.
 *   <li>{@code direct}: {@link ByteBuffer#allocateDirect}; free drops the buffer and its
 *       {@code Cleaner} gives the memory back after a GC, which is what plain JDK code does.
 *   <li>{@code netty-pooled}: Netty 4.2 {@link PooledByteBufAllocator}, direct, Netty's default
 *       arenas, page size, order and cache sizes, with thread caches for all threads (4.2 gives
 *       them only to its own {@code FastThreadLocalThread}s by default; JMH's threads are plain),
 *       {@code release()} to free.
 *   <li>{@code netty-adaptive}: Netty 4.2 {@link AdaptiveByteBufAllocator} (4.2's default
 *       allocator), direct, with the per-thread magazines Netty gives its event-loop threads
 *       enabled for the benchmark threads too.
 *   <li>{@code heap}: {@code new byte[size]}, free does nothing: the GC's price, the floor for
 *       on-heap code.
 * </ul>
 *
 * Netty's leak detector is switched off by the benchmark's fork options
 * ({@code -Dio.netty.leakDetection.level=disabled}), Netty's fastest setting.
 */
public final class BufPeers {
  /** Every name {@link #create} accepts. */
  public static final String NAMES = "kmalloc, direct, netty-pooled, netty-adaptive, heap";

  private BufPeers() {
  }

  /**
   * Creates the named peer.
   *
   * @param name one of {@link #NAMES}
   * @return a fresh allocator
   * @throws IllegalArgumentException for an unknown name
   */
  public static BufPeer create(String name) {
    switch (name) {
      case "kmalloc":
        return new KmallocPeer();
      case "direct":
        return new DirectPeer();
      case "netty-pooled":
        return new NettyPeer(
            new PooledByteBufAllocator(
                true,
                PooledByteBufAllocator.defaultNumHeapArena(),
                PooledByteBufAllocator.defaultNumDirectArena(),
                PooledByteBufAllocator.defaultPageSize(),
                PooledByteBufAllocator.defaultMaxOrder(),
                PooledByteBufAllocator.defaultSmallCacheSize(),
                PooledByteBufAllocator.defaultNormalCacheSize(),
                true));
      case "netty-adaptive":
        return new NettyPeer(new AdaptiveByteBufAllocator(true, true));
      case "heap":
        return new HeapPeer();
      default:
        throw new IllegalArgumentException("unknown alloc '" + name + "', expected one of: " + NAMES);
    }
  }

  static final class HeapPeer extends BufPeer {
    @Override
    public Object alloc(int size) {
      byte[] b = new byte[size];
      b[0] = 1;
      b[size - 1] = 1;
      return b;
    }

    @Override
    public void free(Object buf) {
      // Dropped: the GC reclaims it.
    }
  }

  static final class DirectPeer extends BufPeer {
    @Override
    public Object alloc(int size) {
      ByteBuffer b = ByteBuffer.allocateDirect(size);
      b.put(0, (byte) 1);
      b.put(size - 1, (byte) 1);
      return b;
    }

    @Override
    public void free(Object buf) {
      // Dropped: the Cleaner frees the memory after the buffer is found unreachable.
    }
  }

  static final class NettyPeer extends BufPeer {
    private final io.netty.buffer.ByteBufAllocator allocator;

    NettyPeer(io.netty.buffer.ByteBufAllocator allocator) {
      this.allocator = allocator;
    }

    @Override
    public Object alloc(int size) {
      ByteBuf b = allocator.directBuffer(size, size);
      b.setByte(0, 1);
      b.setByte(size - 1, 1);
      return b;
    }

    @Override
    public void free(Object buf) {
      ((ByteBuf) buf).release();
    }
  }
}
