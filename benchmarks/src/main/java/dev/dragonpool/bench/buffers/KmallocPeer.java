package dev.dragonpool.bench.buffers;

/** Dragonpool kmalloc as a {@link BufPeer} (wired in when the kmalloc API lands). */
final class KmallocPeer extends BufPeer {
  KmallocPeer() {
    throw new IllegalStateException("kmalloc is not in this build yet");
  }

  @Override
  public Object alloc(int size) {
    throw new IllegalStateException("kmalloc is not in this build yet");
  }

  @Override
  public void free(Object buf) {
    throw new IllegalStateException("kmalloc is not in this build yet");
  }
}
