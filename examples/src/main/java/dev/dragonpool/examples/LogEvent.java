package dev.dragonpool.examples;

import dev.dragonpool.annotations.OnRelease;
import dev.dragonpool.annotations.Pooled;
import dev.dragonpool.annotations.Release;
import dev.dragonpool.annotations.Retained;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.Map;

/**
 * One parsed access-log line with a SHA-256 fingerprint of its raw bytes. Construction is the
 * expensive kind pooling pays for: a {@link MessageDigest} (a provider lookup each time it is
 * made), an 8 KiB encoding buffer, a field map and a scratch buffer, all {@link Retained} across
 * recycling, so a recycled event only resets them. Note the {@code if (fields == null)} test: a
 * field initialiser would run again on every reuse, so retained state is made in the constructor
 * body only when absent. {@link #close()} releases the event.
 */
@Pooled(capacity = 256)
public class LogEvent implements AutoCloseable {
    @Retained
    private Map<String, String> fields;
    @Retained
    private StringBuilder scratch;
    @Retained
    private MessageDigest digest;
    @Retained
    private byte[] encoded;

    private String method;
    private String path;
    private int status;
    private long bytes;
    private long latencyMicros;
    private long fingerprint;

    /**
     * Parses {@code METHOD PATH STATUS BYTES LATENCY key=value...}.
     *
     * @param line the log line
     * @throws IllegalArgumentException if the line has fewer than five parts
     */
    public LogEvent(CharSequence line) {
        if (fields == null) {
            fields = new HashMap<>(32);
            scratch = new StringBuilder(128);
            encoded = new byte[8192];
            try {
                digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 missing from this JDK", e);
            }
        }
        int part = 0;
        int start = 0;
        int n = line.length();
        for (int i = 0; i <= n; i++) {
            if (i == n || line.charAt(i) == ' ') {
                if (i > start) {
                    take(part++, line, start, i);
                }
                start = i + 1;
            }
        }
        if (part < 5) {
            throw new IllegalArgumentException("log line has " + part + " parts, needs 5: '" + line + "'");
        }
        int len = Math.min(n, encoded.length);
        for (int i = 0; i < len; i++) {
            encoded[i] = (byte) line.charAt(i);
        }
        digest.reset();
        digest.update(encoded, 0, len);
        byte[] d = digest.digest();
        fingerprint = ((long) (d[0] & 0xFF) << 24) | ((d[1] & 0xFF) << 16) | ((d[2] & 0xFF) << 8) | (d[3] & 0xFF);
    }

    private void take(int part, CharSequence line, int from, int to) {
        switch (part) {
            case 0: method = intern(line, from, to); break;
            case 1: path = intern(line, from, to); break;
            case 2: status = (int) number(line, from, to); break;
            case 3: bytes = number(line, from, to); break;
            case 4: latencyMicros = number(line, from, to); break;
            default:
                scratch.setLength(0);
                scratch.append(line, from, to);
                int eq = scratch.indexOf("=");
                if (eq > 0) {
                    fields.put(intern(scratch, 0, eq), intern(scratch, eq + 1, scratch.length()));
                }
                break;
        }
    }

    private static long number(CharSequence s, int from, int to) {
        long v = 0;
        for (int i = from; i < to; i++) {
            v = v * 10 + (s.charAt(i) - '0');
        }
        return v;
    }

    /** Keys and values repeat a lot in logs; a tiny intern table keeps the demo's garbage to the events. */
    private static String intern(CharSequence s, int from, int to) {
        return Interner.intern(s, from, to);
    }

    @OnRelease
    void forget() {
        fields.clear();
        scratch.setLength(0);
    }

    /** @return the HTTP method */
    public String method() {
        return method;
    }

    /** @return the first 32 bits of the SHA-256 of the raw line */
    public long fingerprint() {
        return fingerprint;
    }

    /** @return the request path */
    public String path() {
        return path;
    }

    /** @return the status code */
    public int status() {
        return status;
    }

    /** @return response bytes */
    public long bytes() {
        return bytes;
    }

    /** @return latency in microseconds */
    public long latencyMicros() {
        return latencyMicros;
    }

    /**
     * Returns an extra field.
     *
     * @param key its name
     * @return the value or {@code null}
     */
    public String field(String key) {
        return fields.get(key);
    }

    /** Releases this event (with the agent; a no-op without it). */
    @Release
    @Override
    public void close() {
        method = null;
    }
}
