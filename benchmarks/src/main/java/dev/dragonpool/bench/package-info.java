/**
 * JMH benchmarks of Dragonpool against its peers; never shipped. Three suites, each one JMH class
 * whose peers are a {@code @Param} so one run compares them side by side:
 * {@link dev.dragonpool.bench.objects.ObjCacheBench} (object caches, issue 2),
 * {@link dev.dragonpool.bench.buffers.KmallocBench} (off-heap buffers, issue 4) and
 * {@link dev.dragonpool.bench.agent.AgentBench} (the agent's {@code new}, issue 3, run through
 * {@link dev.dragonpool.bench.agent.AgentSuite}); plus the start-up benchmark
 * {@link dev.dragonpool.bench.startup.StartupBench} (fresh JVMs with and without the agent on
 * generated applications, target 4). Netty's thread-local recycler pools only on Netty's own
 * threads: {@link dev.dragonpool.bench.FastThreadExecutor} runs JMH forks on them. Commands:
 * {@code benchmarks/README.md}; recorded results: {@code docs/benchmarks.md}.
 */
package dev.dragonpool.bench;
