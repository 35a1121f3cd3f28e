package dev.dragonpool.agent.transform;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A single pass over a class file's constant pool that answers, without ASM and without building
 * strings for most entries, what the transformer needs to decide whether to parse the class:
 * its own name and superclass, whether it mentions the {@code @Pooled} descriptor, which classes
 * it calls constructors of ({@code Methodref} to {@code <init>}), and whether it calls
 * {@code Pooling.release}.
 *
 * <p>Cost: linear in the constant pool, no allocation beyond the offsets array and the few
 * strings it returns; a class that calls no constructor outside {@code java/} costs a few
 * microseconds.
 */
public final class ConstantPoolScan {
    static final byte[] POOLED_DESC = ascii("Ldev/dragonpool/annotations/Pooled;");
    /** The mark build-time weaving leaves ({@code dev.dragonpool.agent.weave.Woven#DESCRIPTOR}). */
    static final byte[] WOVEN_DESC = ascii("Ldev/dragonpool/internal/Woven;");
    static final byte[] INIT = ascii("<init>");
    static final byte[] RELEASE = ascii("release");
    static final byte[] POOLING = ascii("dev/dragonpool/Pooling");

    /** Internal name of the class. */
    public final String className;
    /** Internal name of its superclass, {@code null} for {@code java/lang/Object} itself. */
    public final String superName;
    /** Whether the constant pool holds the {@code @Pooled} descriptor. */
    public final boolean mentionsPooled;
    /**
     * Whether the constant pool holds the descriptor of the weaving mark: only then can the class
     * be woven, and only then is the mark itself parsed.
     */
    public final boolean mentionsWoven;
    /** Whether the class calls {@code dev/dragonpool/Pooling.release}. */
    public final boolean callsRelease;
    /** Distinct internal names of classes whose constructors it calls, JDK classes excluded. */
    public final List<String> constructed;
    /** Distinct internal names of classes whose fields it reads or writes, JDK classes excluded. */
    public final List<String> fieldOwners;

    private ConstantPoolScan(String className, String superName, boolean mentionsPooled, boolean mentionsWoven,
            boolean callsRelease, List<String> constructed, List<String> fieldOwners) {
        this.mentionsWoven = mentionsWoven;
        this.fieldOwners = fieldOwners;
        this.className = className;
        this.superName = superName;
        this.mentionsPooled = mentionsPooled;
        this.callsRelease = callsRelease;
        this.constructed = constructed;
    }

    /**
     * Scans a class file.
     *
     * @param b the class file bytes
     * @return what the scan found
     * @throws IllegalArgumentException if the bytes are not a class file
     */
    public static ConstantPoolScan scan(byte[] b) {
        if (b.length < 10 || u4(b, 0) != 0xCAFEBABE) {
            throw new IllegalArgumentException("not a class file (" + b.length + " bytes, bad magic)");
        }
        int count = u2(b, 8);
        int[] off = new int[count];
        int p = 10;
        boolean pooled = false;
        boolean woven = false;
        for (int i = 1; i < count; i++) {
            off[i] = p;
            int tag = b[p] & 0xFF;
            switch (tag) {
                case 1: {
                    int len = u2(b, p + 1);
                    if (!pooled && len == POOLED_DESC.length && eq(b, p + 3, POOLED_DESC)) {
                        pooled = true;
                    } else if (!woven && len == WOVEN_DESC.length && eq(b, p + 3, WOVEN_DESC)) {
                        woven = true;
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
                    throw new IllegalArgumentException("bad constant pool tag " + tag + " at entry " + i);
            }
        }
        int thisIdx = u2(b, p + 2);
        int superIdx = u2(b, p + 4);
        String name = className(b, off, thisIdx);
        String sup = superIdx == 0 ? null : className(b, off, superIdx);
        boolean release = false;
        List<String> ctors = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            int q = off[i];
            if (q != 0 && (b[q] & 0xFF) == 9) {
                int owner = off[u2(b, off[u2(b, q + 1)] + 1)];
                if (!isJdk(b, owner)) {
                    String o = utf(b, owner);
                    if (!fields.contains(o)) {
                        fields.add(o);
                    }
                }
                continue;
            }
            if (q == 0 || (b[q] & 0xFF) != 10) {
                continue;
            }
            int nat = off[u2(b, q + 3)];
            int nameUtf = off[u2(b, nat + 1)];
            int classUtf = off[u2(b, off[u2(b, q + 1)] + 1)];
            if (utfEq(b, nameUtf, INIT)) {
                if (isJdk(b, classUtf)) {
                    continue;
                }
                String owner = utf(b, classUtf);
                if (!ctors.contains(owner)) {
                    ctors.add(owner);
                }
            } else if (!release && utfEq(b, nameUtf, RELEASE) && utfEq(b, classUtf, POOLING)) {
                release = true;
            }
        }
        return new ConstantPoolScan(name, sup, pooled, woven, release, ctors, fields);
    }

    private static boolean isJdk(byte[] b, int utf) {
        int len = u2(b, utf + 1);
        int s = utf + 3;
        return startsWith(b, s, len, "java/") || startsWith(b, s, len, "javax/")
                || startsWith(b, s, len, "jdk/") || startsWith(b, s, len, "sun/") || (len > 0 && b[s] == '[');
    }

    private static boolean startsWith(byte[] b, int s, int len, String prefix) {
        if (len < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (b[s + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static String className(byte[] b, int[] off, int classIdx) {
        return utf(b, off[u2(b, off[classIdx] + 1)]);
    }

    private static String utf(byte[] b, int utfOff) {
        int len = u2(b, utfOff + 1);
        char[] c = new char[len];
        for (int i = 0; i < len; i++) {
            int x = b[utfOff + 3 + i];
            if (x < 0) {
                // Not ASCII: decode properly (modified UTF-8 equals UTF-8 for names without NUL or supplementary characters).
                return new String(b, utfOff + 3, len, StandardCharsets.UTF_8);
            }
            c[i] = (char) x;
        }
        return new String(c);
    }

    private static boolean utfEq(byte[] b, int utfOff, byte[] want) {
        return u2(b, utfOff + 1) == want.length && eq(b, utfOff + 3, want);
    }

    private static boolean eq(byte[] b, int at, byte[] want) {
        for (int i = 0; i < want.length; i++) {
            if (b[at + i] != want[i]) {
                return false;
            }
        }
        return true;
    }

    private static byte[] ascii(String s) {
        byte[] b = new byte[s.length()];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) s.charAt(i);
        }
        return b;
    }

    static int u2(byte[] b, int p) {
        return ((b[p] & 0xFF) << 8) | (b[p + 1] & 0xFF);
    }

    static int u4(byte[] b, int p) {
        return (u2(b, p) << 16) | u2(b, p + 2);
    }
}
