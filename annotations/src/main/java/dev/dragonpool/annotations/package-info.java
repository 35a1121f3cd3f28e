/**
 * The annotations that declare pooled classes ({@link dev.dragonpool.annotations.Pooled}) and
 * what survives and runs across recycling. They are inert without the Dragonpool agent.
 */
package dev.dragonpool.annotations;
