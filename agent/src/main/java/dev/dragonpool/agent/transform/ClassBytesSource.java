package dev.dragonpool.agent.transform;

/**
 * Finds the class file of a class that may not be loaded yet, without loading it: the agent
 * reads it through the defining loader's resources ({@code name + ".class"}), tests from a map.
 */
@FunctionalInterface
public interface ClassBytesSource {
    /**
     * Returns a class file.
     *
     * @param internalName the class's internal name ({@code a/b/C})
     * @return its bytes, or {@code null} if not found
     */
    byte[] bytes(String internalName);
}
