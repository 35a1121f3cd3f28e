package dev.dragonpool.agent.transform;

import static dev.dragonpool.agent.transform.Names.*;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FrameNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.BasicValue;
import org.objectweb.asm.tree.analysis.Frame;

/**
 * Rewrites the allocation sites of pooled classes in every method of a class:
 * <ul>
 * <li>{@code NEW T; DUP; args; INVOKESPECIAL T.<init>(A)V} becomes {@code [INVOKESTATIC
 * T.$dp$clinit()V]; args; INVOKESTATIC T.$dp$new(A)T} when {@link InitFlow} proves it safe. The
 * empty {@code $dp$clinit} call stands where {@code NEW} stood, so {@code T} is initialised before
 * the arguments are evaluated, as JLS 12.4.1 orders it; it is left out when the arguments cannot
 * observe the difference (only loads, constants and arithmetic that cannot throw) or when
 * {@code T} is the class being rewritten.</li>
 * <li>A constructor reference {@code T::new} (an {@code invokedynamic} of
 * {@code LambdaMetafactory} whose implementation is {@code REF_newInvokeSpecial T.<init>})
 * gets {@code REF_invokeStatic T.$dp$new} as its implementation instead. Serializable lambdas
 * keep the constructor: their deserialization checks the implementation they were compiled
 * with.</li>
 * <li>{@code Pooling.release(x)} whose argument's static type, as the analysis finds it, is a
 * pooled {@code T} that the class can access becomes {@code CHECKCAST T; INVOKESTATIC
 * T.$dp$release(T)V}: the cast always succeeds (the analysis's type is the static type of the
 * value), and it gives the verifier, which works from the class's own stack map frames and may
 * hold a wider declared type after a join, the type the call needs. A subclass instance reaching
 * it is handed on to the runtime's dynamic path by {@code $dp$release} itself.</li>
 * </ul>
 *
 * <p>Frames are patched, not recomputed: the only frames that change are those between a
 * removed {@code NEW} and its call, which lose the two uninitialised entries of that
 * {@code NEW} (the analysis proved they are exactly those two stack slots), so no class has to be
 * loaded or parsed to compute a common superclass.
 */
final class SiteRewriter {
    int rewritten;
    int skipped;
    int releases;
    final List<String> skippedWhere = new ArrayList<>();

    /** Field accesses given a use-after-release check ({@code guard=full}). */
    int guarded;

    private final PoolDecider decider;
    private final Predicate<String> pooled;
    private final String self;
    private final boolean guard;

    SiteRewriter(PoolDecider decider, String self, boolean guard) {
        this.decider = decider;
        this.pooled = decider::isPooled;
        this.self = self;
        this.guard = guard;
    }

    void rewrite(ClassNode cn) {
        for (MethodNode m : cn.methods) {
            if (m.instructions.size() == 0) {
                continue;
            }
            constructorReferences(cn.name, m);
            rewrite(cn.name, m);
            if (guard && !"<init>".equals(m.name)) {
                guardFields(m);
            }
        }
    }

    /**
     * {@code guard=full}: before every {@code GETFIELD}/{@code PUTFIELD} of a pooled class's
     * field, a call that throws {@code UseAfterReleaseException} when the instance is in the
     * pool. Straight-line code, no frame changes: the instance is copied from under the value
     * for a {@code PUTFIELD} with stack shuffles. Constructors are left alone: their accesses to
     * {@code this} happen on an instance being made (and possibly not yet initialised).
     */
    private void guardFields(MethodNode m) {
        for (AbstractInsnNode i = m.instructions.getFirst(); i != null; i = i.getNext()) {
            int op = i.getOpcode();
            if (op != Opcodes.GETFIELD && op != Opcodes.PUTFIELD) {
                continue;
            }
            org.objectweb.asm.tree.FieldInsnNode f = (org.objectweb.asm.tree.FieldInsnNode) i;
            if (f.name.startsWith("$dp$") || !pooled.test(f.owner)) {
                continue;
            }
            InsnList l = new InsnList();
            if (op == Opcodes.GETFIELD) {
                l.add(new InsnNode(Opcodes.DUP));
            } else if (Type.getType(f.desc).getSize() == 1) {
                l.add(new InsnNode(Opcodes.DUP2)); // obj v obj v
                l.add(new InsnNode(Opcodes.POP)); //  obj v obj
            } else {
                l.add(new InsnNode(Opcodes.DUP2_X1)); // v obj v
                l.add(new InsnNode(Opcodes.POP2)); //    v obj
                l.add(new InsnNode(Opcodes.DUP_X2)); //  obj v obj
            }
            l.add(new LdcInsnNode(f.owner.replace('/', '.') + "." + f.name));
            l.add(new MethodInsnNode(Opcodes.INVOKESTATIC, BRIDGE, "guardField", "(Ljava/lang/Object;Ljava/lang/String;)V", false));
            m.instructions.insertBefore(i, l);
            guarded++;
        }
    }

    /** {@code T::new} of a pooled {@code T}: the lambda's implementation becomes the factory. */
    private void constructorReferences(String owner, MethodNode m) {
        for (AbstractInsnNode i = m.instructions.getFirst(); i != null; i = i.getNext()) {
            if (i.getOpcode() != Opcodes.INVOKEDYNAMIC) {
                continue;
            }
            InvokeDynamicInsnNode indy = (InvokeDynamicInsnNode) i;
            Handle bsm = indy.bsm;
            if (!"java/lang/invoke/LambdaMetafactory".equals(bsm.getOwner()) || indy.bsmArgs.length < 3
                    || !(indy.bsmArgs[1] instanceof Handle)) {
                continue;
            }
            Handle impl = (Handle) indy.bsmArgs[1];
            if (impl.getTag() != Opcodes.H_NEWINVOKESPECIAL || !pooled.test(impl.getOwner())) {
                continue;
            }
            if ("altMetafactory".equals(bsm.getName()) && indy.bsmArgs.length > 3 && indy.bsmArgs[3] instanceof Integer
                    && (((Integer) indy.bsmArgs[3]) & 1) != 0) { // LambdaMetafactory.FLAG_SERIALIZABLE
                skip(owner, m, 1, "serializable constructor reference " + impl.getOwner().replace('/', '.') + "::new");
                continue;
            }
            Object[] args = indy.bsmArgs.clone();
            args[1] = new Handle(Opcodes.H_INVOKESTATIC, impl.getOwner(), FACTORY,
                    impl.getDesc().substring(0, impl.getDesc().indexOf(')') + 1) + "L" + impl.getOwner() + ";", false);
            indy.bsmArgs = args;
            rewritten++;
        }
    }

    private void rewrite(String owner, MethodNode m) {
        List<TypeInsnNode> news = new ArrayList<>();
        List<MethodInsnNode> releaseCalls = new ArrayList<>();
        boolean jsr = false;
        for (AbstractInsnNode i = m.instructions.getFirst(); i != null; i = i.getNext()) {
            int op = i.getOpcode();
            if (op == Opcodes.NEW && pooled.test(((TypeInsnNode) i).desc)) {
                news.add((TypeInsnNode) i);
            } else if (op == Opcodes.INVOKESTATIC) {
                MethodInsnNode c = (MethodInsnNode) i;
                if (POOLING.equals(c.owner) && "release".equals(c.name) && "(Ljava/lang/Object;)V".equals(c.desc)) {
                    releaseCalls.add(c);
                }
            } else if (op == Opcodes.JSR || op == Opcodes.RET) {
                jsr = true;
            }
        }
        if (news.isEmpty() && releaseCalls.isEmpty()) {
            return;
        }
        if (jsr) {
            skip(owner, m, news.size(), "subroutines (JSR/RET)");
            return;
        }
        InitFlow flow;
        try {
            flow = new InitFlow(owner, m).run();
        } catch (AnalyzerException | RuntimeException e) {
            skip(owner, m, news.size(), "analysis failed: " + e.getMessage());
            return;
        }
        Map<AbstractInsnNode, MethodInsnNode> safe = new IdentityHashMap<>();
        for (TypeInsnNode n : news) {
            MethodInsnNode call = flow.safeInitCall(n, m.instructions.indexOf(n));
            if (call == null) {
                skip(owner, m, 1, "unsafe shape");
            } else {
                safe.put(n, call);
            }
        }
        // Frames are looked up by instruction index: take them all before any cast is inserted.
        List<Frame<BasicValue>> releaseFrames = new ArrayList<>();
        for (MethodInsnNode c : releaseCalls) {
            releaseFrames.add(flow.frames[m.instructions.indexOf(c)]);
        }
        for (int k = 0; k < releaseCalls.size(); k++) {
            MethodInsnNode c = releaseCalls.get(k);
            Frame<BasicValue> f = releaseFrames.get(k);
            if (f == null || f.getStackSize() == 0) {
                continue;
            }
            BasicValue top = f.getStack(f.getStackSize() - 1);
            Type t = top.getType();
            if (top instanceof InitFlow.Uninit || t == null || t.getSort() != Type.OBJECT
                    || "null".equals(t.getInternalName()) || !pooled.test(t.getInternalName())
                    || !accessible(owner, t.getInternalName())) {
                continue;
            }
            String type = t.getInternalName();
            m.instructions.insertBefore(c, new TypeInsnNode(Opcodes.CHECKCAST, type));
            c.owner = type;
            c.name = RELEASE_METHOD;
            c.desc = "(L" + type + ";)V";
            c.itf = false;
            releases++;
        }
        if (safe.isEmpty()) {
            return;
        }
        for (AbstractInsnNode i = m.instructions.getFirst(); i != null; i = i.getNext()) {
            if (i instanceof FrameNode) {
                FrameNode f = (FrameNode) i;
                dropUninit(f.stack, safe);
                dropUninit(f.local, safe);
            }
        }
        for (Map.Entry<AbstractInsnNode, MethodInsnNode> e : safe.entrySet()) {
            AbstractInsnNode n = e.getKey();
            MethodInsnNode call = e.getValue();
            AbstractInsnNode dup = InitFlow.nextReal(n);
            if (!call.owner.equals(self) && observesInitOrder(dup, call)) {
                m.instructions.insert(n, new MethodInsnNode(Opcodes.INVOKESTATIC, call.owner, CLINIT_TRIGGER, "()V", false));
            }
            m.instructions.remove(dup);
            m.instructions.remove(n);
            call.setOpcode(Opcodes.INVOKESTATIC);
            call.name = FACTORY;
            call.desc = call.desc.substring(0, call.desc.indexOf(')') + 1) + "L" + call.owner + ";";
            call.itf = false;
            rewritten++;
        }
    }

    /**
     * Whether the argument code between the {@code DUP} and the constructor call could tell that
     * the class was initialised later than {@code NEW} would have: anything but loads, constants,
     * stack shuffles and arithmetic that cannot throw (a call, a field or array access, an
     * allocation, a division, a cast, a jump) could run code or throw first.
     */
    private static boolean observesInitOrder(AbstractInsnNode dup, AbstractInsnNode call) {
        for (AbstractInsnNode i = dup.getNext(); i != null && i != call; i = i.getNext()) {
            int op = i.getOpcode();
            if (op < 0) {
                continue;
            }
            boolean quiet = (op >= Opcodes.ACONST_NULL && op <= Opcodes.SIPUSH)
                    || (op >= Opcodes.ILOAD && op <= Opcodes.ALOAD)
                    || (op >= Opcodes.POP && op <= Opcodes.SWAP)
                    || (op >= Opcodes.IADD && op <= Opcodes.DMUL)
                    || (op >= Opcodes.INEG && op <= Opcodes.LXOR)
                    || (op >= Opcodes.I2L && op <= Opcodes.I2S)
                    || (op >= Opcodes.LCMP && op <= Opcodes.DCMPG)
                    || (op == Opcodes.LDC && !(((LdcInsnNode) i).cst instanceof Type)
                            && !(((LdcInsnNode) i).cst instanceof Handle)
                            && !(((LdcInsnNode) i).cst instanceof org.objectweb.asm.ConstantDynamic));
            if (!quiet) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether code in {@code owner} may name {@code type} in a cast and call its
     * {@code $dp$release}: a public class, or one of the same package. (A package split across
     * two class loaders would make the same name two runtime packages; the JVM forbids that in
     * named modules and it is rare on the class path, so it is not guarded against here.)
     */
    private boolean accessible(String owner, String type) {
        if (packageOf(owner).equals(packageOf(type))) {
            return true;
        }
        return decider.decide(type, null).publicClass;
    }

    private static String packageOf(String internalName) {
        int i = internalName.lastIndexOf('/');
        return i < 0 ? "" : internalName.substring(0, i);
    }

    private static void dropUninit(List<Object> types, Map<AbstractInsnNode, MethodInsnNode> removed) {
        if (types == null) {
            return;
        }
        types.removeIf(t -> t instanceof LabelNode && removed.containsKey(InitFlow.nextReal((LabelNode) t)));
    }

    private void skip(String owner, MethodNode m, int n, String why) {
        skipped += n;
        if (n > 0 && skippedWhere.size() < 32) {
            skippedWhere.add(owner.replace('/', '.') + "." + m.name + m.desc + ": " + why);
        }
    }
}
