package dev.dragonpool.micrometer;

import dev.dragonpool.runtime.internal.Registries;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A Micrometer {@link MeterBinder} that publishes every Dragonpool pool of the JVM: each object
 * cache, MPIPE, zone, kmalloc malloc type and arena, as gauges and function counters named
 * {@code dragonpool.<kind>.<what>} and tagged {@code pool.name}. Bind it once per registry (Spring
 * Boot binds a {@code MeterBinder} bean by itself):
 *
 * <pre>{@code
 * new DragonpoolMetrics().bindTo(registry);
 * }</pre>
 *
 * <p>Meters, per kind ({@code objcache}, {@code mpipe}, {@code zone}, {@code malloc},
 * {@code arena}); the full table is in {@code docs/observability.md}:
 * <ul>
 * <li>gauges: {@code objects} with {@code state=used} (handed out) and {@code state=idle} (cached,
 * ready to hand out), after OpenTelemetry's pool conventions ({@code db.client.connection.count}
 * with {@code state}); {@code high.water}; {@code limit} (only for a pool that has one);
 * {@code memory} in bytes; for the arena {@code charged}, {@code budget}, {@code high.water},
 * {@code direct} (bytes), {@code chunks} and {@code pages} with {@code state=used|idle};</li>
 * <li>function counters: {@code requests}, {@code hits}, {@code misses}, {@code exhaustions},
 * {@code failures}, {@code constructed}, {@code destroyed} (and {@code waits} for an MPIPE); for the
 * arena {@code charges}, {@code failures}, {@code reclaims} and {@code reclaimed} (bytes).</li>
 * </ul>
 *
 * <p>Pools come and go: the binder listens to the runtime's pool registry, so a pool built after
 * {@code bindTo} (a {@code @Pooled} class loaded later) gets its meters when it registers and a
 * destroyed pool's meters are removed from the registry. Two live pools of one kind with one name
 * (the same class in two class loaders) are told apart as {@code name}, {@code name#2}, ...
 *
 * <p>Cost: meters read the pools' stats snapshots, never the pools' fast paths. Each pool's
 * snapshot is taken at most once per {@value #SNAPSHOT_MAX_AGE_MILLIS} ms, so one scrape sees one
 * consistent snapshot per pool and pays one {@code stats()} call for it. Counters are read racily
 * while threads work (approximate by design, exact once a pool is quiet); they never go down.
 *
 * <p>Class loading: under the agent the runtime is on the bootstrap class path and every class
 * loader, this binder's included, sees the agent's pools; without the agent the binder sees the
 * pools built through {@code dragonpool-runtime} on its own class path. Micrometer itself is not
 * a dependency of Dragonpool's runtime: this module declares it {@code provided}.
 */
public final class DragonpoolMetrics implements MeterBinder, AutoCloseable {
    /** How long a pool's stats snapshot is reused by its meters, in milliseconds. */
    public static final long SNAPSHOT_MAX_AGE_MILLIS = 50;

    private final Tags tags;
    private final long maxAgeNanos;
    private final List<Binding> bindings = new ArrayList<>();
    private boolean closed;

    /** A binder whose meters carry only the {@code pool.name} (and, where it applies, {@code state}) tags. */
    public DragonpoolMetrics() {
        this(Tags.empty());
    }

    /**
     * A binder that adds {@code tags} to every meter (an application or instance name, say).
     *
     * @param tags extra tags for every meter
     */
    public DragonpoolMetrics(Iterable<Tag> tags) {
        this(tags, Duration.ofMillis(SNAPSHOT_MAX_AGE_MILLIS));
    }

    /**
     * For tests: a binder whose snapshots are reused for {@code snapshotMaxAge}.
     *
     * @param tags extra tags for every meter
     * @param snapshotMaxAge how long a snapshot is reused; zero reads the pool at every meter read
     */
    DragonpoolMetrics(Iterable<Tag> tags, Duration snapshotMaxAge) {
        this.tags = Tags.of(Objects.requireNonNull(tags, "tags"));
        if (snapshotMaxAge.isNegative()) {
            throw new IllegalArgumentException("snapshot max age must be >= 0, got " + snapshotMaxAge);
        }
        this.maxAgeNanos = snapshotMaxAge.toNanos();
    }

    /**
     * Publishes the pools that exist now and, until {@link #close()}, those built later, to
     * {@code registry}; removes the meters of pools destroyed from now on.
     *
     * @param registry the registry
     * @throws IllegalStateException after {@link #close()}
     */
    @Override
    public void bindTo(MeterRegistry registry) {
        Objects.requireNonNull(registry, "registry");
        Binding b = new Binding(registry, tags, maxAgeNanos);
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("DragonpoolMetrics is closed; create a new one to bind " + registry);
            }
            bindings.add(b);
        }
        // The listener first, then the snapshot: a pool registered in between is seen by both,
        // and Binding.sync() is idempotent.
        Registries.addListener(b);
        b.sync();
    }

    /**
     * Stops following the pool registry and removes every meter this binder registered, from
     * every registry it was bound to. Idempotent.
     */
    @Override
    public void close() {
        List<Binding> toClose;
        synchronized (this) {
            closed = true;
            toClose = new ArrayList<>(bindings);
            bindings.clear();
        }
        for (Binding b : toClose) {
            Registries.removeListener(b);
            b.close();
        }
    }
}
