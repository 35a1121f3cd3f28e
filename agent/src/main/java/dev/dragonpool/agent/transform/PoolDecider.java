package dev.dragonpool.agent.transform;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import org.objectweb.asm.AnnotationVisitor;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Opcodes;

/**
 * The one predicate that decides both "enhance {@code T}" and "rewrite calls to {@code T}", for
 * the classes of one class loader, so that a rewritten call can never reach an unenhanced class.
 *
 * <p>A class is pooled when it is annotated {@code @Pooled} (found by a constant-pool scan for
 * the descriptor, then confirmed on the class's own annotations) or matches a {@code pool=} glob,
 * does not match an {@code exclude=} glob, and is eligible: a concrete class (no record, enum,
 * interface, annotation or abstract class), class file version 50 or later, not a JDK or
 * Dragonpool class, and whose superclass is {@code java.lang.Object} or itself pooled. A class
 * already loaded when the agent attached is marked not pooled ({@link #markLoaded}).
 *
 * <p>Concurrency: decisions are cached in a concurrent map; two threads may compute the same
 * decision at once, the first stored wins and only its refusal is reported, so each refused
 * class is reported once.
 */
public final class PoolDecider {
    static final String POOLED_DESC = "Ldev/dragonpool/annotations/Pooled;";

    /** A decision with the settings of a pooled class or the reason of a refusal. */
    public static final class Decision {
        static final Decision NOT_ASKED = new Decision(false, null, null);

        /** Whether the class is pooled. */
        public final boolean pooled;
        /** Why a class that was asked to be pooled is not, else {@code null}. */
        public final String refusal;
        /** Internal name of the superclass of a pooled class. */
        public final String superName;

        Decision(boolean pooled, String refusal, String superName) {
            this.pooled = pooled;
            this.refusal = refusal;
            this.superName = superName;
        }
    }

    private final List<Glob> include;
    private final List<Glob> exclude;
    private final ClassBytesSource source;
    private final BiConsumer<String, String> onRefusal;
    private final Map<String, Decision> cache = new ConcurrentHashMap<>();

    /**
     * Makes a decider for one class loader.
     *
     * @param include the {@code pool=} globs
     * @param exclude the {@code exclude=} globs
     * @param source finds class files of the loader's classes
     * @param onRefusal told once per refused class: binary name and reason
     */
    public PoolDecider(List<Glob> include, List<Glob> exclude, ClassBytesSource source,
            BiConsumer<String, String> onRefusal) {
        this.include = include;
        this.exclude = exclude;
        this.source = source;
        this.onRefusal = onRefusal;
    }

    /**
     * The shared predicate: whether {@code internalName} is (or will be, at its first load) enhanced.
     *
     * @param internalName a class's internal name
     * @return whether it is pooled
     */
    public boolean isPooled(String internalName) {
        return decide(internalName, null).pooled;
    }

    /**
     * Decides for a class, from the given bytes when not decided yet (the class being defined),
     * else from its class file found through the source.
     *
     * @param internalName the class
     * @param bytes its class file if at hand, else {@code null}
     * @return the (cached) decision
     */
    public Decision decide(String internalName, byte[] bytes) {
        Decision d = cache.get(internalName);
        if (d != null) {
            return d;
        }
        d = compute(internalName, bytes);
        Decision prev = cache.putIfAbsent(internalName, d);
        if (prev != null) {
            return prev;
        }
        if (d.refusal != null) {
            onRefusal.accept(internalName.replace('/', '.'), d.refusal);
        }
        return d;
    }

    /**
     * Marks a class as already loaded: it is not pooled, and calls to it are never rewritten.
     * If it was asked to be pooled (annotated, or matching {@code pool=}), that is reported as a
     * refusal.
     *
     * @param internalName the class
     * @param annotated whether the loaded class carries {@code @Pooled}
     */
    public void markLoaded(String internalName, boolean annotated) {
        if (cache.containsKey(internalName)) {
            return;
        }
        boolean asked = annotated || Glob.any(include, internalName.replace('/', '.'));
        Decision d = asked ? new Decision(false, "already loaded before the agent could enhance it", null)
                : Decision.NOT_ASKED;
        if (cache.putIfAbsent(internalName, d) == null && d.refusal != null) {
            onRefusal.accept(internalName.replace('/', '.'), d.refusal);
        }
    }

    private Decision compute(String internalName, byte[] bytes) {
        String binary = internalName.replace('/', '.');
        if (internalName.startsWith("java/") || internalName.startsWith("javax/") || internalName.startsWith("jdk/")
                || internalName.startsWith("sun/") || internalName.startsWith("dev/dragonpool/runtime/")
                || internalName.startsWith("dev/dragonpool/agent/") || internalName.startsWith("dev/dragonpool/annotations/")
                || internalName.startsWith("[")) {
            return Decision.NOT_ASKED;
        }
        boolean glob = Glob.any(include, binary);
        byte[] b = bytes;
        if (b == null) {
            b = source.bytes(internalName);
            if (b == null) {
                return Decision.NOT_ASKED;
            }
        }
        Header h;
        try {
            ConstantPoolScan scan = ConstantPoolScan.scan(b);
            if (!glob && !scan.mentionsPooled) {
                return Decision.NOT_ASKED;
            }
            h = Header.read(b);
        } catch (RuntimeException e) {
            return glob ? new Decision(false, "class file unreadable: " + e.getMessage(), null) : Decision.NOT_ASKED;
        }
        if (!glob && !h.annotated) {
            return Decision.NOT_ASKED;
        }
        if (Glob.any(exclude, binary)) {
            return h.annotated ? new Decision(false, "excluded by the exclude= option", null) : Decision.NOT_ASKED;
        }
        String why = h.ineligibility();
        if (why == null && !"java/lang/Object".equals(h.superName)) {
            Decision sup = decide(h.superName, null);
            if (!sup.pooled) {
                why = "superclass " + h.superName.replace('/', '.') + " is not pooled"
                        + (sup.refusal == null ? "" : " (" + sup.refusal + ")");
            }
        }
        if (why != null) {
            return new Decision(false, why, null);
        }
        return new Decision(true, null, h.superName);
    }

    /** The class-file header facts the decision needs, read with ASM skipping all code. */
    static final class Header extends ClassVisitor {
        int version;
        int access;
        String superName;
        boolean annotated;

        private Header() {
            super(Opcodes.ASM9);
        }

        static Header read(byte[] b) {
            Header h = new Header();
            new ClassReader(b).accept(h, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
            return h;
        }

        @Override
        public void visit(int version, int access, String name, String signature, String superName,
                String[] interfaces) {
            this.version = version & 0xFFFF;
            this.access = access;
            this.superName = superName;
        }

        @Override
        public AnnotationVisitor visitAnnotation(String descriptor, boolean visible) {
            if (POOLED_DESC.equals(descriptor)) {
                annotated = true;
            }
            return null;
        }

        String ineligibility() {
            if ((access & Opcodes.ACC_ANNOTATION) != 0) {
                return "annotation type";
            }
            if ((access & Opcodes.ACC_INTERFACE) != 0) {
                return "interface";
            }
            if ((access & Opcodes.ACC_ENUM) != 0 || "java/lang/Enum".equals(superName)) {
                return "enum";
            }
            if ((access & Opcodes.ACC_RECORD) != 0 || "java/lang/Record".equals(superName)) {
                return "record";
            }
            if ((access & Opcodes.ACC_ABSTRACT) != 0) {
                return "abstract class";
            }
            if ((access & Opcodes.ACC_MODULE) != 0 || superName == null) {
                return "not a class";
            }
            if (version < Opcodes.V1_6) {
                return "class file version " + version + " is older than Java 6 (no stack map frames)";
            }
            return null;
        }
    }
}
