package dev.dragonpool.runtime.jmx;

import dev.dragonpool.runtime.internal.agent.AgentCounters;
import dev.dragonpool.runtime.internal.agent.AgentStats;
import dev.dragonpool.runtime.internal.agent.LeakTracker;
import java.util.Map;
import java.util.TreeMap;

/** {@link AgentMXBean} over the runtime's {@link AgentCounters} (racy snapshots, approximate while classes load). */
final class AgentBean implements AgentMXBean {
    private final CachedStats<AgentStats> stats = new CachedStats<>(AgentCounters::snapshot);

    /** Whether the agent runs in this JVM: it announced its version or its transformer saw a class. */
    static boolean agentPresent() {
        return System.getProperty(DragonpoolJmx.AGENT_VERSION_PROPERTY) != null || AgentCounters.CLASSES_SEEN.sum() > 0;
    }

    @Override
    public String getVersion() {
        return System.getProperty(DragonpoolJmx.AGENT_VERSION_PROPERTY, "");
    }

    @Override
    public long getClassesSeen() {
        return stats.get().seen();
    }

    @Override
    public long getClassesParsed() {
        return stats.get().parsed();
    }

    @Override
    public long getClassesEnhanced() {
        return stats.get().enhanced();
    }

    @Override
    public long getClassesRefused() {
        return stats.get().refused();
    }

    @Override
    public Map<String, String> getRefusedClasses() {
        // Sorted: a stable order in JMX clients.
        return new TreeMap<>(AgentCounters.refusals());
    }

    @Override
    public long getCallSitesRewritten() {
        return stats.get().sitesRewritten();
    }

    @Override
    public long getCallSitesSkipped() {
        return stats.get().sitesSkipped();
    }

    @Override
    public long getReleasesDirect() {
        return stats.get().releasesDirect();
    }

    @Override
    public long getTransformErrors() {
        return stats.get().errors();
    }

    @Override
    public long getTransformMillis() {
        return stats.get().transformNanos() / 1_000_000L;
    }

    @Override
    public long getLeaks() {
        return stats.get().leaks();
    }

    @Override
    public String getLeakDetection() {
        return LeakTracker.mode();
    }
}
