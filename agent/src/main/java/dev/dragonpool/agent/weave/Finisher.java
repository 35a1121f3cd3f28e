package dev.dragonpool.agent.weave;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.AnnotationNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FrameNode;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * What weaving adds after the agent's transformation ({@code ClassTransformer}) so that the class
 * runs without the agent, applied to every class the transformation changed and to every class
 * that calls the {@code Pooling} facade:
 * <ol>
 * <li><b>The facade.</b> Under the agent, {@code dev.dragonpool.Pooling}'s bodies are replaced when
 * it loads; without it they are no-ops. So calls {@code Pooling.release(Object)} that the
 * transformation did not make direct (argument of a static type that is not pooled) and calls
 * {@code Pooling.isPooled(Class)} go straight to the runtime's bridge
 * ({@code PooledClasses.release}/{@code isPooled}, what the rewritten facade calls under the
 * agent), including method references and constant method handles to them.</li>
 * <li><b>The runtime check.</b> A synthetic {@code static void $dp$woven()} (private where the
 * class-file version allows) called first thing in {@code <clinit>} (added if absent): it calls
 * {@code WovenRuntime.init(version)}, which applies the {@code -Ddragonpool.*} run-time settings once
 * (arena, capacity, leaks, JMX) unless the agent runs, and turns a {@code LinkageError} (the
 * runtime is not on the class path) into one {@code NoClassDefFoundError} naming the class, the
 * missing artifact and what to do. Every woven class initialises before any of its code can touch
 * a pooled class, so this is where a missing runtime is first noticed.</li>
 * <li><b>The serial version.</b> A serializable class without {@code serialVersionUID} gets the
 * default of the class as compiled declared ({@link dev.dragonpool.agent.transform.SerialVersion#keep}).</li>
 * <li><b>The mark</b> ({@link Woven}): pooled or not, version, options.</li>
 * </ol>
 * Frames: the class is read with its frames as they are and written with maxima recomputed only;
 * the call added at the start of {@code <clinit>} leaves the stack and locals as they were, and
 * the generated method carries its one frame.
 */
final class Finisher {
    static final String POOLING = "dev/dragonpool/Pooling";
    static final String BRIDGE = "dev/dragonpool/runtime/internal/PooledClasses";
    static final String BOOT = "dev/dragonpool/runtime/internal/WovenRuntime";
    static final String CHECK_METHOD = "$dp$woven";
    static final String RUNTIME_ARTIFACT = "dev.dragonpool:dragonpool-runtime";

    /** What finishing one class did. */
    static final class Outcome {
        byte[] bytes;
        int bridgedReleases;
        int bridgedIsPooled;
    }

    private Finisher() {
    }

    /**
     * Finishes one class.
     *
     * @param original the class file as compiled
     * @param bytes the class file (as transformed, or the original)
     * @param changed whether the transformation changed it
     * @param pooled whether it was enhanced as pooled
     * @param serializable tells whether the class is serializable (itself or through a supertype);
     *        asked only for a class that changes
     * @param options the weaving options, for the mark
     * @return the outcome; {@code bytes} is {@code null} when the class needs nothing (unchanged
     *         and no facade call)
     */
    static Outcome finish(byte[] original, byte[] bytes, boolean changed, boolean pooled,
            java.util.function.BooleanSupplier serializable, String options) {
        Outcome o = new Outcome();
        ClassReader reader = new ClassReader(bytes);
        ClassNode cn = new ClassNode();
        reader.accept(cn, 0);
        if (!POOLING.equals(cn.name)) {
            for (MethodNode m : cn.methods) {
                bridgeFacade(m, o);
            }
        }
        if (!changed && o.bridgedReleases == 0 && o.bridgedIsPooled == 0) {
            return o;
        }
        if (serializable.getAsBoolean()) {
            dev.dragonpool.agent.transform.SerialVersion.keep(original, cn);
        }
        addRuntimeCheck(cn);
        AnnotationNode mark = new AnnotationNode(Woven.DESCRIPTOR);
        mark.visit(Woven.POOLED, pooled);
        mark.visit(Woven.VERSION, Woven.version());
        mark.visit(Woven.OPTIONS, options);
        if (cn.invisibleAnnotations == null) {
            cn.invisibleAnnotations = new java.util.ArrayList<>();
        }
        cn.invisibleAnnotations.add(mark);
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        cn.accept(cw);
        o.bytes = cw.toByteArray();
        return o;
    }

    private static void bridgeFacade(MethodNode m, Outcome o) {
        for (AbstractInsnNode i = m.instructions.getFirst(); i != null; i = i.getNext()) {
            if (i.getOpcode() == Opcodes.INVOKESTATIC) {
                MethodInsnNode c = (MethodInsnNode) i;
                if (POOLING.equals(c.owner) && isFacade(c.name, c.desc)) {
                    c.owner = BRIDGE;
                    c.itf = false;
                    count(c.name, o);
                }
            } else if (i instanceof InvokeDynamicInsnNode) {
                Object[] args = ((InvokeDynamicInsnNode) i).bsmArgs;
                for (int k = 0; k < args.length; k++) {
                    args[k] = bridgeHandle(args[k], o);
                }
            } else if (i instanceof LdcInsnNode) {
                LdcInsnNode l = (LdcInsnNode) i;
                l.cst = bridgeHandle(l.cst, o);
            }
        }
    }

    private static Object bridgeHandle(Object c, Outcome o) {
        if (c instanceof Handle) {
            Handle h = (Handle) c;
            if (h.getTag() == Opcodes.H_INVOKESTATIC && POOLING.equals(h.getOwner()) && isFacade(h.getName(), h.getDesc())) {
                count(h.getName(), o);
                return new Handle(Opcodes.H_INVOKESTATIC, BRIDGE, h.getName(), h.getDesc(), false);
            }
        }
        return c;
    }

    private static boolean isFacade(String name, String desc) {
        return ("release".equals(name) && "(Ljava/lang/Object;)V".equals(desc))
                || ("isPooled".equals(name) && "(Ljava/lang/Class;)Z".equals(desc));
    }

    private static void count(String name, Outcome o) {
        if ("release".equals(name)) {
            o.bridgedReleases++;
        } else {
            o.bridgedIsPooled++;
        }
    }

    /** Adds {@code $dp$woven()} and a call to it at the start of {@code <clinit>}. */
    private static void addRuntimeCheck(ClassNode cn) {
        boolean itf = (cn.access & Opcodes.ACC_INTERFACE) != 0;
        int version = cn.version & 0xFFFF;
        if (itf && version < Opcodes.V1_8) {
            return; // no static methods in interfaces before Java 8; such an interface only calls the bridge
        }
        int access = Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC
                | (itf && version < Opcodes.V9 ? Opcodes.ACC_PUBLIC : Opcodes.ACC_PRIVATE);
        MethodNode check = new MethodNode(access, CHECK_METHOD, "()V", null, null);
        LabelNode start = new LabelNode();
        LabelNode end = new LabelNode();
        LabelNode handler = new LabelNode();
        String message = cn.name.replace('/', '.') + " was woven by Dragonpool " + Woven.version()
                + " at build time and needs " + RUNTIME_ARTIFACT + ":" + Woven.version()
                + " on its class path, which is missing or incompatible: add that dependency (scope compile or runtime),"
                + " or run with -javaagent:dragonpool-agent.jar";
        check.instructions.add(start);
        check.instructions.add(new LdcInsnNode(Woven.version()));
        check.instructions.add(new MethodInsnNode(Opcodes.INVOKESTATIC, BOOT, "init", "(Ljava/lang/String;)V", false));
        check.instructions.add(end);
        check.instructions.add(new InsnNode(Opcodes.RETURN));
        check.instructions.add(handler);
        if (version >= Opcodes.V1_6) { // older class files carry no stack map frames
            check.instructions.add(new FrameNode(Opcodes.F_NEW, 0, new Object[0], 1, new Object[] {"java/lang/LinkageError"}));
        }
        check.instructions.add(new VarInsnNode(Opcodes.ASTORE, 0));
        check.instructions.add(new TypeInsnNode(Opcodes.NEW, "java/lang/NoClassDefFoundError"));
        check.instructions.add(new InsnNode(Opcodes.DUP));
        check.instructions.add(new LdcInsnNode(message));
        check.instructions.add(new MethodInsnNode(Opcodes.INVOKESPECIAL, "java/lang/NoClassDefFoundError", "<init>",
                "(Ljava/lang/String;)V", false));
        check.instructions.add(new InsnNode(Opcodes.DUP));
        check.instructions.add(new VarInsnNode(Opcodes.ALOAD, 0));
        check.instructions.add(new MethodInsnNode(Opcodes.INVOKEVIRTUAL, "java/lang/Throwable", "initCause",
                "(Ljava/lang/Throwable;)Ljava/lang/Throwable;", false));
        check.instructions.add(new InsnNode(Opcodes.POP));
        check.instructions.add(new InsnNode(Opcodes.ATHROW));
        check.tryCatchBlocks.add(new TryCatchBlockNode(start, end, handler, "java/lang/LinkageError"));
        check.maxLocals = 1;
        check.maxStack = 4;
        cn.methods.add(check);

        MethodNode clinit = dev.dragonpool.agent.transform.ClassNodes.staticInitialiser(cn);
        clinit.instructions.insert(new MethodInsnNode(Opcodes.INVOKESTATIC, cn.name, CHECK_METHOD, "()V", itf));
    }
}
