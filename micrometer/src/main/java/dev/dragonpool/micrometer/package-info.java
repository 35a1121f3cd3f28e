/**
 * Dragonpool's pools as Micrometer meters: {@link dev.dragonpool.micrometer.DragonpoolMetrics}
 * is a {@code MeterBinder} for every object cache, MPIPE, zone, kmalloc malloc type and arena,
 * for Prometheus, OTLP or any other Micrometer registry.
 */
package dev.dragonpool.micrometer;
