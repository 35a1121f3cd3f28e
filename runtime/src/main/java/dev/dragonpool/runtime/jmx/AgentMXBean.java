package dev.dragonpool.runtime.jmx;

import java.util.Map;

/**
 * JMX view of the agent ({@code dev.dragonpool:type=Agent}): which classes it pooled, which it
 * refused and why, and how many allocation sites it rewrote, read from the runtime's agent counters.
 * Registered once the agent is seen to run (it set {@value DragonpoolJmx#AGENT_VERSION_PROPERTY} or
 * its transformer has seen a class). {@code RefusedClasses} appears in JMX clients as a table of
 * class name to reason. {@code Leaks} counts leaked instances of every class; each object cache's
 * bean has its own class's count ({@link ObjCacheMXBean#getLeaks()}).
 */
public interface AgentMXBean {

    /** @return the agent's version, empty when it did not say */
    String getVersion();

    /** @return classes handed to the transformer */
    long getClassesSeen();

    /** @return classes parsed because they mention a pooled type */
    long getClassesParsed();

    /** @return classes enhanced for pooling */
    long getClassesEnhanced();

    /** @return classes asked to be pooled that were not */
    long getClassesRefused();

    /** @return class name to the reason it was not pooled (at most a few thousand entries) */
    Map<String, String> getRefusedClasses();

    /** @return allocation sites rewritten to take instances from a cache */
    long getCallSitesRewritten();

    /** @return allocation sites of pooled classes left as plain {@code new} */
    long getCallSitesSkipped();

    /** @return {@code Pooling.release} calls made direct */
    long getReleasesDirect();

    /** @return transformations that failed and left their class unchanged */
    long getTransformErrors();

    /** @return milliseconds spent in the transformer */
    long getTransformMillis();

    /**
     * @return pooled instances found garbage-collected without a release, all classes together
     *     (only tracked ones: every instance with {@code leaks=paranoid}, about one in 128 with
     *     {@code sample}; 0 with {@code leaks=off})
     */
    long getLeaks();

    /** @return the {@code leaks} option the agent runs with: {@code off}, {@code sample} or {@code paranoid} */
    String getLeakDetection();
}
