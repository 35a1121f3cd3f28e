package dev.dragonpool.examples;

import dev.dragonpool.annotations.Pooled;

/**
 * A small pooled value: a per-window summary handed from the parser to the reporter and released
 * by the reporter once printed or merged.
 */
@Pooled
public class PathStats {
    final String path;
    final long requests;
    final long errors;
    final long latencyMicros;

    PathStats(String path, long requests, long errors, long latencyMicros) {
        this.path = path;
        this.requests = requests;
        this.errors = errors;
        this.latencyMicros = latencyMicros;
    }
}
