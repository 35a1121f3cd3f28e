/**
 * Differential programs: ordinary Java shapes that a rewriter of {@code new} and constructors could
 * break. {@code ProgramsIT} runs each {@code <name>.Main} without and with the agent and compares
 * exit status and stdout. Each program lives in its own package with its own {@code @Pooled}
 * classes, so one program's class loading never influences another's.
 */
package dev.dragonpool.programs;
