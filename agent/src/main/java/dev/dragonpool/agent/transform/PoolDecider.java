package dev.dragonpool.agent.transform;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
    static final String RELEASE_DESC = "Ldev/dragonpool/annotations/Release;";
    /** The prefix of every member enhancement adds; a class that already has one is not pooled. */
    static final String RESERVED_PREFIX = "$dp$";

    /** A decision with the settings of a pooled class or the reason of a refusal. */
    public static final class Decision {
        static final Decision NOT_ASKED = new Decision(false, null, null);
        /** Not asked because no class file was found: provisional until the class's own bytes are seen. */
        static final Decision NOT_FOUND = new Decision(false, null, null);

        /** Whether the class is pooled. */
        public final boolean pooled;
        /** Why a class that was asked to be pooled is not, else {@code null}. */
        public final String refusal;
        /** Internal name of the superclass of a pooled class. */
        public final String superName;
        /** Whether that superclass is pooled too (else it is {@code Object} or stateless). */
        public final boolean superPooled;
        /** The topmost pooled class of a pooled class's hierarchy (itself unless its superclass is pooled). */
        public final String root;
        /** {@code name + descriptor} of the {@code @Release} methods of the class and its pooled superclasses. */
        public final Set<String> releaseMethods;
        /** Whether the class is public (code of other packages may name it). */
        public final boolean publicClass;
        /**
         * Whether {@code java.io.Serializable} may be among the class's supertypes (found in its
         * class files, or a supertype's class file could not be read): only then is its default
         * {@code serialVersionUID} declared.
         */
        public boolean serializable = true;

        Decision(boolean pooled, String refusal, String superName) {
            this(pooled, refusal, superName, false, null, Set.of(), false);
        }

        Decision(boolean pooled, String refusal, String superName, boolean superPooled, String root,
                Set<String> releaseMethods, boolean publicClass) {
            this.pooled = pooled;
            this.refusal = refusal;
            this.superName = superName;
            this.superPooled = superPooled;
            this.root = root;
            this.releaseMethods = releaseMethods;
            this.publicClass = publicClass;
        }
    }

    private final List<Glob> include;
    private final List<Glob> exclude;
    private final ClassBytesSource source;
    private final BiConsumer<String, String> onRefusal;
    private final Map<String, Decision> cache = new ConcurrentHashMap<>();
    private final java.util.Set<String> loadedAnywhere;

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
        this(include, exclude, source, onRefusal, java.util.Set.of());
    }

    /**
     * Makes a decider for one class loader that also refuses every class name in
     * {@code loadedAnywhere} (classes already loaded, in any loader, when the agent attached: a
     * child loader resolving such a class through its parent must not rewrite calls to it).
     *
     * @param include the {@code pool=} globs
     * @param exclude the {@code exclude=} globs
     * @param source finds class files of the loader's classes
     * @param onRefusal told once per refused class: binary name and reason
     * @param loadedAnywhere internal names of classes loaded before the agent (shared, read-only here)
     */
    public PoolDecider(List<Glob> include, List<Glob> exclude, ClassBytesSource source,
            BiConsumer<String, String> onRefusal, java.util.Set<String> loadedAnywhere) {
        this.include = include;
        this.exclude = exclude;
        this.source = source;
        this.onRefusal = onRefusal;
        this.loadedAnywhere = loadedAnywhere;
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
        return decide(internalName, bytes, null);
    }

    /**
     * As {@link #decide(String, byte[])}, reusing a constant-pool scan of {@code bytes} already made.
     *
     * @param internalName the class
     * @param bytes its class file if at hand, else {@code null}
     * @param scan the scan of {@code bytes}, or {@code null}
     * @return the (cached) decision
     */
    public Decision decide(String internalName, byte[] bytes, ConstantPoolScan scan) {
        Decision d = cache.get(internalName);
        if (d != null && !(d == Decision.NOT_FOUND && bytes != null)) {
            return d;
        }
        d = compute(internalName, bytes, scan);
        if (bytes != null) {
            // The class being defined decides for itself: a decision made earlier without its
            // class file (a loader that defines classes from memory has no resource for them) is
            // replaced; it said "not pooled", so no call was rewritten to a factory that is missing.
            cache.remove(internalName, Decision.NOT_FOUND);
        }
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

    private Decision compute(String internalName, byte[] bytes, ConstantPoolScan known) {
        String binary = internalName.replace('/', '.');
        if (internalName.startsWith("java/") || internalName.startsWith("javax/") || internalName.startsWith("jdk/")
                || internalName.startsWith("sun/") || internalName.startsWith("dev/dragonpool/runtime/")
                || internalName.startsWith("dev/dragonpool/agent/") || internalName.startsWith("dev/dragonpool/annotations/")
                || internalName.startsWith("[")) {
            return Decision.NOT_ASKED;
        }
        if (loadedAnywhere.contains(internalName)) {
            return Decision.NOT_ASKED; // reported once by markLoaded in the loader that holds it
        }
        boolean glob = Glob.any(include, binary);
        byte[] b = bytes;
        if (b == null) {
            b = source.bytes(internalName);
            if (b == null) {
                return Decision.NOT_FOUND;
            }
        }
        Header h;
        Boolean woven;
        try {
            ConstantPoolScan scan = known != null && bytes != null ? known : ConstantPoolScan.scan(b);
            // A class woven at build time says itself whether it was pooled (by this version):
            // its callers may be rewritten to its factories exactly when it was. The mark is
            // parsed only when the scan saw its descriptor.
            woven = scan.mentionsWoven ? dev.dragonpool.agent.weave.Woven.pooled(b) : null;
            if (woven != null && !woven) {
                return Decision.NOT_ASKED;
            }
            if (!glob && !scan.mentionsPooled && woven == null) {
                return Decision.NOT_ASKED;
            }
            h = Header.read(b);
        } catch (RuntimeException e) {
            return glob ? new Decision(false, "class file unreadable: " + e.getMessage(), null) : Decision.NOT_ASKED;
        }
        if (woven != null) {
            h.reserved = null; // its $dp$ members are the ones weaving added
        } else if (!glob && !h.annotated) {
            return Decision.NOT_ASKED;
        }
        if (Glob.any(exclude, binary)) {
            return h.annotated ? new Decision(false, "excluded by the exclude= option", null) : Decision.NOT_ASKED;
        }
        String why = h.ineligibility();
        boolean superPooled = false;
        Decision sup = null;
        if (why == null && !"java/lang/Object".equals(h.superName)) {
            sup = decide(h.superName, null);
            superPooled = sup.pooled;
            if (!sup.pooled) {
                why = statelessSuperclass(internalName, h.superName);
                if (why != null && sup.refusal != null) {
                    why = why + " (" + sup.refusal + ")";
                }
            }
        }
        if (why != null) {
            return new Decision(false, why, null);
        }
        Set<String> release = h.releaseMethods;
        if (superPooled && !sup.releaseMethods.isEmpty()) {
            release = new HashSet<>(release);
            release.addAll(sup.releaseMethods);
        }
        Decision d = new Decision(true, null, h.superName, superPooled, superPooled ? sup.root : internalName,
                Set.copyOf(release), (h.access & Opcodes.ACC_PUBLIC) != 0);
        d.serializable = maybeSerializable(internalName, b, new HashSet<>());
        return d;
    }

    private byte[] superBytes(String internalName) {
        byte[] b = source.bytes(internalName);
        if (b == null && (internalName.startsWith("java/") || internalName.startsWith("javax/"))) {
            try (java.io.InputStream in = ClassLoader.getSystemResourceAsStream(internalName + ".class")) {
                b = in == null ? null : in.readAllBytes();
            } catch (java.io.IOException e) {
                b = null;
            }
        }
        return b;
    }

    /**
     * Whether a pooled class may extend an unpooled superclass: only when that superclass and all
     * of its ancestors up to {@code Object} hold no instance field (no instance state to reset) and
     * all their constructors only delegate to the next one (so skipping them on reuse changes
     * nothing), and the direct superclass has a no-argument constructor the raw constructor can
     * call.
     *
     * @return {@code null} if allowed, else the reason for refusal
     */
    private String statelessSuperclass(String self, String superName) {
        String name = superName;
        boolean direct = true;
        while (!"java/lang/Object".equals(name)) {
            byte[] b = superBytes(name);
            String shown = name.replace('/', '.');
            if (b == null) {
                return "superclass " + shown + " is not pooled and its class file cannot be read";
            }
            StatelessCheck c = new StatelessCheck();
            try {
                new ClassReader(b).accept(c, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
            } catch (RuntimeException e) {
                return "superclass " + shown + " is not pooled and unreadable: " + e.getMessage();
            }
            if (c.field != null) {
                return "superclass " + shown + " is not pooled and has instance state (field " + c.field + ")";
            }
            if (c.busyConstructor != null) {
                return "superclass " + shown + " is not pooled and its constructor " + c.busyConstructor
                        + " does more than delegate";
            }
            if (direct) {
                boolean samePackage = packageOf(self).equals(packageOf(name));
                if (c.noArgAccess < 0 || ((c.noArgAccess & (Opcodes.ACC_PUBLIC | Opcodes.ACC_PROTECTED)) == 0 && !samePackage)
                        || (c.noArgAccess & Opcodes.ACC_PRIVATE) != 0) {
                    return "superclass " + shown + " is not pooled and has no accessible no-argument constructor";
                }
            }
            direct = false;
            name = c.superName;
            if (name == null) {
                return "superclass chain of " + shown + " is broken";
            }
        }
        return null;
    }

    /**
     * Whether {@code java/io/Serializable} is a supertype of a class, from class files only
     * (superclasses and every interface, transitively); {@code true} when one of them cannot be
     * read, so the answer errs on the side that keeps serialization working.
     */
    private boolean maybeSerializable(String name, byte[] known, Set<String> seen) {
        if ("java/io/Serializable".equals(name)) {
            return true;
        }
        if (!seen.add(name) || "java/lang/Object".equals(name)) {
            return false;
        }
        byte[] b = known != null ? known : superBytes(name);
        if (b == null) {
            return true;
        }
        ClassReader r;
        try {
            r = new ClassReader(b);
        } catch (RuntimeException e) {
            return true;
        }
        for (String i : r.getInterfaces()) {
            if (maybeSerializable(i, null, seen)) {
                return true;
            }
        }
        String sup = r.getSuperName();
        return sup != null && maybeSerializable(sup, null, seen);
    }

    private static String packageOf(String internalName) {
        int i = internalName.lastIndexOf('/');
        return i < 0 ? "" : internalName.substring(0, i);
    }

    /** Reads a superclass: its instance fields, its constructors' shapes, its no-arg constructor. */
    static final class StatelessCheck extends ClassVisitor {
        String superName;
        String field;
        String busyConstructor;
        int noArgAccess = -1;

        StatelessCheck() {
            super(Opcodes.ASM9);
        }

        @Override
        public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
            this.superName = superName;
        }

        @Override
        public org.objectweb.asm.FieldVisitor visitField(int access, String name, String descriptor, String signature,
                Object value) {
            if ((access & Opcodes.ACC_STATIC) == 0 && field == null) {
                field = name;
            }
            return null;
        }

        @Override
        public org.objectweb.asm.MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                String[] exceptions) {
            if (!"<init>".equals(name)) {
                return null;
            }
            if ("()V".equals(descriptor)) {
                noArgAccess = access;
            }
            return new org.objectweb.asm.MethodVisitor(Opcodes.ASM9) {
                private int step;
                private boolean busy;

                private void other() {
                    busy = true;
                }

                @Override
                public void visitVarInsn(int opcode, int var) {
                    if (step == 0 && opcode == Opcodes.ALOAD && var == 0) {
                        step = 1;
                    } else if (step == 1 && opcode >= Opcodes.ILOAD && opcode <= Opcodes.ALOAD) {
                        step = 1;
                    } else {
                        other();
                    }
                }

                @Override
                public void visitMethodInsn(int opcode, String owner, String n, String d, boolean itf) {
                    if (step == 1 && opcode == Opcodes.INVOKESPECIAL && "<init>".equals(n)) {
                        step = 2;
                    } else {
                        other();
                    }
                }

                @Override
                public void visitInsn(int opcode) {
                    if (step == 2 && opcode == Opcodes.RETURN) {
                        step = 3;
                    } else {
                        other();
                    }
                }

                @Override
                public void visitIntInsn(int opcode, int operand) {
                    other();
                }

                @Override
                public void visitTypeInsn(int opcode, String type) {
                    other();
                }

                @Override
                public void visitFieldInsn(int opcode, String owner, String n, String d) {
                    other();
                }

                @Override
                public void visitInvokeDynamicInsn(String n, String d, org.objectweb.asm.Handle h, Object... args) {
                    other();
                }

                @Override
                public void visitJumpInsn(int opcode, org.objectweb.asm.Label label) {
                    other();
                }

                @Override
                public void visitLdcInsn(Object value) {
                    other();
                }

                @Override
                public void visitIincInsn(int var, int increment) {
                    other();
                }

                @Override
                public void visitTableSwitchInsn(int min, int max, org.objectweb.asm.Label dflt, org.objectweb.asm.Label... labels) {
                    other();
                }

                @Override
                public void visitLookupSwitchInsn(org.objectweb.asm.Label dflt, int[] keys, org.objectweb.asm.Label[] labels) {
                    other();
                }

                @Override
                public void visitMultiANewArrayInsn(String d, int dims) {
                    other();
                }

                @Override
                public void visitTryCatchBlock(org.objectweb.asm.Label a, org.objectweb.asm.Label b, org.objectweb.asm.Label c, String t) {
                    other();
                }

                @Override
                public void visitEnd() {
                    if ((busy || step != 3) && busyConstructor == null) {
                        busyConstructor = descriptor;
                    }
                }
            };
        }
    }

    /** The class-file header facts the decision needs, read with ASM skipping all code. */
    static final class Header extends ClassVisitor {
        int version;
        int access;
        String superName;
        boolean annotated;
        final Set<String> releaseMethods = new HashSet<>();
        /** The first member whose name the agent's generated members use, if any. */
        String reserved;

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

        @Override
        public org.objectweb.asm.FieldVisitor visitField(int access, String name, String descriptor, String signature,
                Object value) {
            if (name.startsWith(RESERVED_PREFIX) && reserved == null) {
                reserved = name;
            }
            return null;
        }

        @Override
        public org.objectweb.asm.MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                String[] exceptions) {
            if (name.startsWith(RESERVED_PREFIX) && reserved == null) {
                reserved = name;
            }
            if ((access & Opcodes.ACC_STATIC) != 0 || name.startsWith("<")) {
                return null;
            }
            return new org.objectweb.asm.MethodVisitor(Opcodes.ASM9) {
                @Override
                public AnnotationVisitor visitAnnotation(String desc, boolean visible) {
                    if (RELEASE_DESC.equals(desc)) {
                        releaseMethods.add(name + descriptor);
                    }
                    return null;
                }
            };
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
            if (reserved != null) {
                return "it declares a member named " + reserved + ", a name the agent's generated members use"
                        + " (rename the member to pool the class)";
            }
            return null;
        }
    }
}
