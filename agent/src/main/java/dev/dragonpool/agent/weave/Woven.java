package dev.dragonpool.agent.weave;

import java.nio.charset.StandardCharsets;

/**
 * The mark the weaver leaves on every class file it changes, and how to read it without ASM.
 *
 * <p>The mark is an annotation of class-file retention ({@code RuntimeInvisibleAnnotations}) of
 * type {@value #DESCRIPTOR}: the JVM ignores it, reflection does not see it, and no class of that
 * name has to exist. Its elements: {@code pooled} (whether the class was enhanced as pooled,
 * i.e. it has the {@code $dp$new} factories callers may be rewritten to), {@code version} (the
 * Dragonpool version that wove it: the generated members are only known to match the agent of
 * the same version) and {@code options} (the weaving options, to tell a stale incremental build).
 *
 * <p>Use by the agent: a woven class must be left alone (its enhancement and call sites are
 * done; enhancing twice would duplicate members), and the predicate must call it pooled exactly
 * when the mark says so and the versions match, so no caller is ever rewritten to a factory the
 * class does not have. {@link #isWoven(byte[])} and {@link #pooled(byte[])} answer both from the
 * bytes. Cost: one pass over the constant pool looking for the descriptor (like
 * {@code ConstantPoolScan}); the attributes are parsed only when it is there. No ASM, no lambda,
 * no string concatenation by invokedynamic: this runs on the agent's class-load path.
 */
public final class Woven {
    /** Descriptor of the marker annotation. */
    public static final String DESCRIPTOR = "Ldev/dragonpool/internal/Woven;";
    static final String POOLED = "pooled";
    static final String VERSION = "version";
    static final String OPTIONS = "options";

    private static final byte[] DESC_BYTES = DESCRIPTOR.getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ATTRIBUTE = "RuntimeInvisibleAnnotations".getBytes(StandardCharsets.US_ASCII);
    private static volatile String version;

    private Woven() {
    }

    /** What the mark of a woven class says. */
    public static final class Marker {
        /** Whether the class was enhanced as pooled (it has the generated factories). */
        public final boolean pooled;
        /** The Dragonpool version that wove it, {@code ""} if absent. */
        public final String version;
        /** The weaving options it was woven with, {@code ""} if absent. */
        public final String options;

        Marker(boolean pooled, String version, String options) {
            this.pooled = pooled;
            this.version = version;
            this.options = options;
        }

        @Override
        public String toString() {
            return "Woven[pooled=" + pooled + ", version=" + version + ", options=" + options + "]";
        }
    }

    /**
     * Tells whether a class file carries the weaver's mark. The agent leaves such a class as it
     * is.
     *
     * @param classFile a class file
     * @return whether it was woven
     */
    public static boolean isWoven(byte[] classFile) {
        return read(classFile) != null;
    }

    /**
     * The predicate's answer for a woven class: {@code null} if the class is not woven (decide as
     * usual), {@code TRUE} if it was enhanced as pooled by this same Dragonpool version (callers
     * may be rewritten to its factories), {@code FALSE} otherwise (woven but not pooled, or woven
     * by another version: callers keep a plain {@code new}, which the enhanced class still has).
     *
     * @param classFile a class file
     * @return {@code null}, {@code TRUE} or {@code FALSE} as above
     */
    public static Boolean pooled(byte[] classFile) {
        Marker m = read(classFile);
        if (m == null) {
            return null;
        }
        return m.pooled && m.version.equals(version()) ? Boolean.TRUE : Boolean.FALSE;
    }

    /** @return this Dragonpool's version (the jar's {@code Implementation-Version}), {@code "dev"} outside a jar */
    public static String version() {
        String v = version;
        if (v == null) {
            Package p = Woven.class.getPackage();
            v = p == null ? null : p.getImplementationVersion();
            if (v == null) {
                v = "dev";
            }
            version = v;
        }
        return v;
    }

    /**
     * Reads the mark.
     *
     * @param b a class file
     * @return the mark, or {@code null} if the class is not woven (or is not a readable class file)
     */
    public static Marker read(byte[] b) {
        try {
            return parse(b);
        } catch (RuntimeException e) {
            return null; // truncated or malformed: not ours to judge here; the JVM will say
        }
    }

    private static Marker parse(byte[] b) {
        if (b == null || b.length < 10 || u2(b, 0) != 0xCAFE || u2(b, 2) != 0xBABE) {
            return null;
        }
        int count = u2(b, 8);
        int[] off = new int[count];
        int p = 10;
        int descIndex = 0;
        for (int i = 1; i < count; i++) {
            off[i] = p;
            int tag = b[p] & 0xFF;
            switch (tag) {
                case 1: {
                    int len = u2(b, p + 1);
                    if (descIndex == 0 && len == DESC_BYTES.length && eq(b, p + 3, DESC_BYTES)) {
                        descIndex = i;
                    }
                    p += 3 + len;
                    break;
                }
                case 3: case 4: case 9: case 10: case 11: case 12: case 17: case 18:
                    p += 5;
                    break;
                case 5: case 6:
                    p += 9;
                    i++;
                    break;
                case 7: case 8: case 16: case 19: case 20:
                    p += 3;
                    break;
                case 15:
                    p += 4;
                    break;
                default:
                    return null;
            }
        }
        if (descIndex == 0) {
            return null; // the common case: one pass over the constant pool, nothing more
        }
        p += 6; // access, this, super
        p += 2 + 2 * u2(b, p); // interfaces
        for (int members = 0; members < 2; members++) { // fields, then methods
            int n = u2(b, p);
            p += 2;
            for (int i = 0; i < n; i++) {
                p += 6;
                p = skipAttributes(b, p);
            }
        }
        int attrs = u2(b, p);
        p += 2;
        for (int i = 0; i < attrs; i++) {
            int name = u2(b, p);
            int len = u4(b, p + 2);
            int start = p + 6;
            if (utfEq(b, off[name], ATTRIBUTE)) {
                Marker m = annotations(b, off, start, descIndex);
                if (m != null) {
                    return m;
                }
            }
            p = start + len;
        }
        return null;
    }

    private static int skipAttributes(byte[] b, int p) {
        int n = u2(b, p);
        p += 2;
        for (int i = 0; i < n; i++) {
            p += 6 + u4(b, p + 2);
        }
        return p;
    }

    /** Reads a {@code RuntimeInvisibleAnnotations} attribute body; returns the mark if it holds it. */
    private static Marker annotations(byte[] b, int[] off, int p, int descIndex) {
        int n = u2(b, p);
        p += 2;
        for (int i = 0; i < n; i++) {
            int type = u2(b, p);
            int pairs = u2(b, p + 2);
            p += 4;
            boolean ours = type == descIndex;
            boolean pooled = false;
            String version = "";
            String options = "";
            for (int k = 0; k < pairs; k++) {
                String name = utf(b, off[u2(b, p)]);
                int tag = b[p + 2] & 0xFF;
                if (ours && tag == 'Z' && POOLED.equals(name)) {
                    pooled = u4(b, off[u2(b, p + 3)] + 1) != 0;
                } else if (ours && tag == 's' && VERSION.equals(name)) {
                    version = utf(b, off[u2(b, p + 3)]);
                } else if (ours && tag == 's' && OPTIONS.equals(name)) {
                    options = utf(b, off[u2(b, p + 3)]);
                }
                p = skipElementValue(b, p + 2);
            }
            if (ours) {
                return new Marker(pooled, version, options);
            }
        }
        return null;
    }

    private static int skipElementValue(byte[] b, int p) {
        int tag = b[p] & 0xFF;
        switch (tag) {
            case 'e':
                return p + 5;
            case '@': {
                int pairs = u2(b, p + 3);
                int q = p + 5;
                for (int k = 0; k < pairs; k++) {
                    q = skipElementValue(b, q + 2);
                }
                return q;
            }
            case '[': {
                int n = u2(b, p + 1);
                int q = p + 3;
                for (int k = 0; k < n; k++) {
                    q = skipElementValue(b, q);
                }
                return q;
            }
            default:
                return p + 3; // B C D F I J S Z s c: one constant-pool index
        }
    }

    private static String utf(byte[] b, int utfOff) {
        return new String(b, utfOff + 3, u2(b, utfOff + 1), StandardCharsets.UTF_8);
    }

    private static boolean utfEq(byte[] b, int utfOff, byte[] want) {
        return (b[utfOff] & 0xFF) == 1 && u2(b, utfOff + 1) == want.length && eq(b, utfOff + 3, want);
    }

    private static boolean eq(byte[] b, int at, byte[] want) {
        for (int i = 0; i < want.length; i++) {
            if (b[at + i] != want[i]) {
                return false;
            }
        }
        return true;
    }

    private static int u2(byte[] b, int p) {
        return ((b[p] & 0xFF) << 8) | (b[p + 1] & 0xFF);
    }

    private static int u4(byte[] b, int p) {
        return (u2(b, p) << 16) | u2(b, p + 2);
    }
}
