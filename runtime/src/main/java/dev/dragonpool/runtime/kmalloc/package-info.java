/**
 * Off-heap buffers: DragonFly's kmalloc slab allocator over the arena's pages. Public entry
 * points: {@link dev.dragonpool.runtime.kmalloc.KMalloc} (alloc, free, realloc, stats),
 * {@link dev.dragonpool.runtime.kmalloc.MallocType} (declared once per subsystem, with a limit),
 * the stats records, and {@link dev.dragonpool.runtime.kmalloc.ArenaPages} (the page source,
 * read-only from outside). See {@code docs/kmalloc.md}.
 *
 * <p>Memory-ordering vocabulary used in names here: <em>Plain</em> a normal field access,
 * visible to other threads only through a later release/acquire pair or a hand-off by the
 * caller; <em>Acquire</em>/<em>Release</em> VarHandle {@code getAcquire}/{@code setRelease};
 * <em>cas</em> a {@code compareAndSet} (volatile semantics). "Owner only" means a field read and
 * written by the thread that owns the heap (or the holder of a stripe's lock), never by others.
 */
package dev.dragonpool.runtime.kmalloc;
