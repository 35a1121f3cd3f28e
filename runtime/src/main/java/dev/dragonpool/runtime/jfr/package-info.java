/**
 * JDK Flight Recorder events of Dragonpool: {@link dev.dragonpool.runtime.jfr.DragonpoolEvents} is the
 * only public type; the runtime and the agent call its static methods at the few places where
 * something notable happens (a limit reached, a reclaim, a refused arena charge, a refused class, a
 * leak, a guard violation). Nothing here is on a fast path: exhaustion is already the slow path.
 */
package dev.dragonpool.runtime.jfr;
