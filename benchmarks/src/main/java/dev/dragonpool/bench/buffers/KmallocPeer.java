package dev.dragonpool.bench.buffers;

import dev.dragonpool.runtime.kmalloc.KMalloc;
import dev.dragonpool.runtime.kmalloc.MallocType;
import java.nio.ByteBuffer;

/**
 * Dragonpool's kmalloc as a {@link BufPeer}: {@link KMalloc#global()} (pages charged to the
 * global arena) and one {@link MallocType} with a 1 GiB limit, flags 0 (no zeroing), as a
 * network stack would declare its buffers.
 */
final class KmallocPeer extends BufPeer {
  private final KMalloc kmalloc = KMalloc.global();
  private final MallocType type = MallocType.define("bench-buffers", 1L << 30);

  @Override
  public Object alloc(int size) {
    ByteBuffer b = kmalloc.alloc(type, size, 0);
    b.put(0, (byte) 1);
    b.put(size - 1, (byte) 1);
    return b;
  }

  @Override
  public void free(Object buf) {
    kmalloc.free((ByteBuffer) buf);
  }

  @Override
  public void close() {
    type.destroy();
  }
}
