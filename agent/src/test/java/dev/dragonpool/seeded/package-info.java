/**
 * Seeded-bug programs for {@code SeededBugsIT}: each subpackage holds one planted pooling bug
 * ({@code Bug}, a {@code main}) and its correct twin ({@code Twin}, the same shape with the bug
 * removed), with their own {@code @Pooled} classes. Under
 * {@code -javaagent:dragonpool-agent.jar=guard=full,leaks=paranoid} every {@code Bug} must be
 * reported (a {@code UseAfterReleaseException}, a double release, a {@code LEAK} line) and no
 * {@code Twin} may be, and each {@code Twin} prints the same as without the agent. Programs catch
 * what they provoke and print it through {@link dev.dragonpool.seeded.Report}, in a form free of
 * line numbers and identity hash codes, and exit 0.
 */
package dev.dragonpool.seeded;
