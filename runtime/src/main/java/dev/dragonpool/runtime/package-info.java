/**
 * The allocators of Dragonpool, usable as a plain library: {@link dev.dragonpool.runtime.ObjCache}
 * (per-thread magazines over a depot), {@link dev.dragonpool.runtime.MPipe} (a guaranteed
 * reserve), {@link dev.dragonpool.runtime.Zone} (fixed boot-time records) and the
 * {@link dev.dragonpool.runtime.Arena} budget they all charge; {@link dev.dragonpool.runtime.Pools}
 * enumerates them. {@code docs/runtime.md} is the long form.
 *
 * <h2>Memory-ordering vocabulary</h2>
 * Names and comments in this package say which ordering an access has; the words mean:
 * <dl>
 * <dt>plain</dt>
 * <dd>An ordinary field read or write: no ordering, may be reordered or hoisted by the JIT.
 *     Used only for state that has a single owner at a time (a magazine and its count, a
 *     thread's {@code Local}), where ownership changes hands under a lock.</dd>
 * <dt>racy read</dt>
 * <dd>A plain read of a field another thread writes plainly, accepted to be stale; used by
 *     stats snapshots only ("approximate by design"). A racy counter is monotonic per writer
 *     but a snapshot of several need not be mutually consistent.</dd>
 * <dt>opaque / volatile read ({@code getAcquire})</dt>
 * <dd>A volatile field read: it sees the latest write in synchronization order and orders
 *     later accesses after it (on x86 a plain load; no atomic instruction). The hot path reads
 *     exactly one such field, {@code ObjCache.state}.</dd>
 * <dt>volatile write ({@code setRelease})</dt>
 * <dd>A volatile field write: every earlier access is ordered before it. Written under a lock
 *     in this package, so it is also ordered with the lock's other writes.</dd>
 * <dt>cas ({@code casCharged})</dt>
 * <dd>An atomic compare-and-set ({@code VarHandle.compareAndSet}, volatile semantics); used on
 *     slow paths only (arena charges), never on a get/put hot path.</dd>
 * <dt>under lock</dt>
 * <dd>Read and written only while holding the named {@code ReentrantLock}; unlocking
 *     happens-before the next locking, which is how a magazine filled by one thread is safely
 *     seen by the thread that takes it from the depot ("handoff").</dd>
 * <dt>after death</dt>
 * <dd>A thread's last action happens-before another thread sees {@code isAlive()} return
 *     {@code false} (JLS 17.4.4): the reclaimer reads a dead thread's plain magazine fields
 *     only after that check.</dd>
 * </dl>
 */
package dev.dragonpool.runtime;
