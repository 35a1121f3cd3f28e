/**
 * The runtime side of the agent: what enhanced classes call ({@link
 * dev.dragonpool.runtime.internal.agent.PoolHandle}) and what the agent counts ({@link
 * dev.dragonpool.runtime.internal.agent.AgentCounters}). These classes are on the bootstrap
 * class path when the agent runs, so enhanced code in any class loader resolves them. Public
 * only for that wiring; applications use {@code dev.dragonpool.Pooling}.
 */
package dev.dragonpool.runtime.internal.agent;
