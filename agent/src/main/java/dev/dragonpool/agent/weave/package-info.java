/**
 * Build-time weaving: the agent's transformation applied to class folders and jars ahead of time,
 * for applications that cannot use {@code -javaagent} (platform-managed JVMs, serverless, native
 * images) or want JDK 24+'s AOT cache to hold their pooled classes (it excludes classes a
 * {@code ClassFileTransformer} changed).
 *
 * <p>{@link dev.dragonpool.agent.weave.Weaver} is the driver used by both the Maven plugin
 * ({@code dragonpool-maven-plugin}, goals {@code weave} and {@code weave-tests}) and the
 * {@link dev.dragonpool.agent.weave.WeaveCommand weave command} of the agent jar. It runs the
 * agent's pure {@code ClassTransformer} with a {@code PoolDecider} over class files (no live
 * loader), then {@code Finisher} makes the output independent of the agent (facade calls go to the
 * runtime, the static initialiser checks that the runtime is present) and
 * {@link dev.dragonpool.agent.weave.Woven marks} the class so the agent leaves it alone. The long
 * form is {@code docs/weaving.md}.
 */
package dev.dragonpool.agent.weave;
