package dev.dragonpool.agent.transform;

import static dev.dragonpool.agent.transform.Names.*;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.AnnotationNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.FieldNode;
import org.objectweb.asm.tree.FrameNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.LocalVariableNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Enhances one pooled class so that {@code new} can recycle its instances.
 *
 * <p>What it adds, for a class {@code T} whose superclass {@code S} is {@code Object}, pooled, or
 * stateless (no instance field up to {@code Object}, constructors that only delegate):
 * <ul>
 * <li>{@code private static final PoolHandle $dp$pool}, set first thing in {@code <clinit>} by
 * {@code PooledClasses.register(MethodHandles.lookup(), capacity, reserve, limit, policy,
 * timeout)} with the {@code @Pooled} values;</li>
 * <li>a raw constructor {@code protected T(Raw)} that runs no body (the cache's constructor);</li>
 * <li>for each constructor {@code T(A...)}: {@code static void $dp$init(T, A...)}, a copy of the
 * constructor's body in which the call initialising {@code this} becomes: nothing (its
 * arguments popped) for {@code super(..)} to {@code Object} or a stateless {@code S}, {@code S.$dp$init} for a pooled
 * superclass, {@code T.$dp$init} for {@code this(...)}; the prologue before it (JDK 25 flexible
 * constructor bodies) is kept; and {@code static T $dp$new(A...)}, the factory: take an instance
 * from the cache, run {@code $dp$init} on it, end with {@code VarHandle.releaseFence()}; if the
 * body throws, clear the instance, put it back and rethrow;</li>
 * <li>{@code static void $dp$clear(T)} (non-{@code @Retained} instance fields to defaults, then
 * the pooled superclass's) and {@code static void $dp$onrelease(T)} (the class's
 * {@code @OnRelease} methods, then the superclass's);</li>
 * <li>{@code dragonpool$release()}: checks that the exact class is {@code T} and that the
 * instance is out, then on-release hooks, clear, put back; on the topmost pooled class also the
 * {@code PooledObject}/{@code Recyclable} interface with the fields {@code $dp$slot} and
 * {@code $dp$released};</li>
 * <li>before every return of a {@code @Release} method, {@code this.dragonpool$release()}.</li>
 * </ul>
 * {@code ACC_FINAL} is cleared on instance fields (they are written outside {@code <init>}). The
 * original constructors stay, for reflection, serialization, subclasses and sites left plain.
 *
 * <p>Frames: the class is read with expanded frames and written without recomputing them; copied
 * bodies keep their frames with {@code UNINITIALIZED_THIS} replaced by {@code T}, generated
 * methods carry their own, so no class is ever loaded to compute a common superclass.
 */
final class Enhancer {
    private final ClassNode cn;
    private final String superName;
    private final boolean superPooled;
    private final Consumer<String> log;
    private final boolean guard;
    int constructorsPooled;

    Enhancer(ClassNode cn, String superName, boolean superPooled, boolean guard, Consumer<String> log) {
        this.cn = cn;
        this.superName = superName;
        this.superPooled = superPooled;
        this.guard = guard;
        this.log = log;
    }

    void enhance() {
        List<MethodNode> ctors = new ArrayList<>();
        for (MethodNode m : cn.methods) {
            if ("<init>".equals(m.name)) {
                ctors.add(m);
            }
        }
        List<FieldNode> cleared = new ArrayList<>();
        for (FieldNode f : cn.fields) {
            if ((f.access & Opcodes.ACC_STATIC) == 0) {
                f.access &= ~Opcodes.ACC_FINAL;
                if (!has(f.visibleAnnotations, RETAINED) && !has(f.invisibleAnnotations, RETAINED)) {
                    cleared.add(f);
                }
            }
        }
        if (!superPooled) {
            cn.interfaces.add(POOLED_OBJECT);
            cn.fields.add(new FieldNode(Opcodes.ACC_PUBLIC | Opcodes.ACC_TRANSIENT | Opcodes.ACC_SYNTHETIC,
                    SLOT_FIELD, "Ljava/lang/Object;", null, null));
            cn.fields.add(new FieldNode(Opcodes.ACC_PUBLIC | Opcodes.ACC_TRANSIENT | Opcodes.ACC_SYNTHETIC,
                    RELEASED_FIELD, "Z", null, null));
            cn.fields.add(new FieldNode(Opcodes.ACC_PUBLIC | Opcodes.ACC_TRANSIENT | Opcodes.ACC_SYNTHETIC,
                    RELEASED_AT_FIELD, "Ljava/lang/Object;", null, null));
            cn.fields.add(new FieldNode(Opcodes.ACC_PUBLIC | Opcodes.ACC_TRANSIENT | Opcodes.ACC_SYNTHETIC,
                    LEAK_FIELD, "Ljava/lang/Object;", null, null));
            addAccessors(SLOT_METHOD, SLOT_FIELD);
            addAccessors(LEAK_METHOD, LEAK_FIELD);
        }
        if (guard) {
            addGuards();
        }
        cn.fields.add(new FieldNode(Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC | Opcodes.ACC_FINAL | Opcodes.ACC_SYNTHETIC,
                POOL_FIELD, HANDLE_DESC, null, null));
        addRegistration();
        addRawConstructor();
        for (MethodNode ctor : ctors) {
            MethodNode init;
            try {
                init = copyConstructor(ctor);
            } catch (Exception e) {
                init = null;
                log.accept("constructor " + Type.getType(ctor.desc).getArgumentTypes().length
                        + "-arg " + ctor.desc + " keeps allocating: " + e.getMessage());
            }
            if (init != null) {
                cn.methods.add(init);
                cn.methods.add(factory(ctor));
                constructorsPooled++;
            } else {
                cn.methods.add(plainFactory(ctor));
            }
        }
        cn.methods.add(clearMethod(cleared));
        cn.methods.add(onReleaseMethod());
        cn.methods.add(releaseMethod());
        addReleaseOnReturn();
    }

    static boolean has(List<AnnotationNode> anns, String desc) {
        return find(anns, desc) != null;
    }

    private String selfDesc() {
        return "L" + cn.name + ";";
    }

    private void addAccessors(String method, String field) {
        MethodNode get = new MethodNode(Opcodes.ACC_PUBLIC | Opcodes.ACC_SYNTHETIC, method, "()Ljava/lang/Object;", null, null);
        get.instructions.add(new VarInsnNode(Opcodes.ALOAD, 0));
        get.instructions.add(new FieldInsnNode(Opcodes.GETFIELD, cn.name, field, "Ljava/lang/Object;"));
        get.instructions.add(new InsnNode(Opcodes.ARETURN));
        cn.methods.add(get);
        MethodNode set = new MethodNode(Opcodes.ACC_PUBLIC | Opcodes.ACC_SYNTHETIC, method, "(Ljava/lang/Object;)V", null, null);
        set.instructions.add(new VarInsnNode(Opcodes.ALOAD, 0));
        set.instructions.add(new VarInsnNode(Opcodes.ALOAD, 1));
        set.instructions.add(new FieldInsnNode(Opcodes.PUTFIELD, cn.name, field, "Ljava/lang/Object;"));
        set.instructions.add(new InsnNode(Opcodes.RETURN));
        cn.methods.add(set);
    }

    private void addRegistration() {
        int capacity = 0;
        int reserve = 0;
        int limit = 0;
        String policy = "ALLOCATE";
        long timeout = 1000;
        AnnotationNode a = find(cn.visibleAnnotations, POOLED);
        if (a == null) {
            a = find(cn.invisibleAnnotations, POOLED);
        }
        if (a != null && a.values != null) {
            for (int i = 0; i + 1 < a.values.size(); i += 2) {
                String k = (String) a.values.get(i);
                Object v = a.values.get(i + 1);
                switch (k) {
                    case "capacity": capacity = (Integer) v; break;
                    case "reserve": reserve = (Integer) v; break;
                    case "limit": limit = (Integer) v; break;
                    case "timeoutMillis": timeout = (Long) v; break;
                    case "onLimit": policy = ((String[]) v)[1]; break;
                    default: break;
                }
            }
        }
        InsnList l = new InsnList();
        l.add(new MethodInsnNode(Opcodes.INVOKESTATIC, "java/lang/invoke/MethodHandles", "lookup",
                "()Ljava/lang/invoke/MethodHandles$Lookup;", false));
        l.add(new LdcInsnNode(capacity));
        l.add(new LdcInsnNode(reserve));
        l.add(new LdcInsnNode(limit));
        l.add(new LdcInsnNode(policy));
        l.add(new LdcInsnNode(timeout));
        l.add(new MethodInsnNode(Opcodes.INVOKESTATIC, BRIDGE, "register",
                "(Ljava/lang/invoke/MethodHandles$Lookup;IIILjava/lang/String;J)" + HANDLE_DESC, false));
        l.add(new FieldInsnNode(Opcodes.PUTSTATIC, cn.name, POOL_FIELD, HANDLE_DESC));
        MethodNode clinit = null;
        for (MethodNode m : cn.methods) {
            if ("<clinit>".equals(m.name)) {
                clinit = m;
            }
        }
        if (clinit == null) {
            clinit = new MethodNode(Opcodes.ACC_STATIC, "<clinit>", "()V", null, null);
            clinit.instructions.add(new InsnNode(Opcodes.RETURN));
            cn.methods.add(clinit);
        }
        clinit.instructions.insert(l);
        // The prologue runs on an empty stack and leaves it empty; at its widest it holds the
        // lookup, three ints, the policy and the long timeout: 7 words. The class writer would
        // recompute maxStack, but the site rewriter analyses this method before that and needs it.
        clinit.maxStack = Math.max(clinit.maxStack, 7);
    }

    static AnnotationNode find(List<AnnotationNode> anns, String desc) {
        if (anns != null) {
            for (AnnotationNode a : anns) {
                if (desc.equals(a.desc)) {
                    return a;
                }
            }
        }
        return null;
    }

    private void addRawConstructor() {
        MethodNode m = new MethodNode(Opcodes.ACC_PROTECTED | Opcodes.ACC_SYNTHETIC, "<init>", "(L" + RAW + ";)V", null, null);
        m.instructions.add(new VarInsnNode(Opcodes.ALOAD, 0));
        if (superPooled) {
            m.instructions.add(new VarInsnNode(Opcodes.ALOAD, 1));
            m.instructions.add(new MethodInsnNode(Opcodes.INVOKESPECIAL, superName, "<init>", "(L" + RAW + ";)V", false));
        } else {
            // Object, or a stateless superclass whose constructors only delegate (PoolDecider checked).
            m.instructions.add(new MethodInsnNode(Opcodes.INVOKESPECIAL, superName, "<init>", "()V", false));
        }
        m.instructions.add(new InsnNode(Opcodes.RETURN));
        cn.methods.add(m);
    }

    private static String args(String desc) {
        return desc.substring(1, desc.indexOf(')'));
    }

    private MethodNode copyConstructor(MethodNode ctor) throws Exception {
        InitFlow flow = new InitFlow(cn.name, ctor).run();
        if (flow.thisInits.isEmpty()) {
            throw new IllegalStateException("no call initialising this was found");
        }
        for (AbstractInsnNode i = ctor.instructions.getFirst(); i != null; i = i.getNext()) {
            if (i.getOpcode() == Opcodes.JSR || i.getOpcode() == Opcodes.RET) {
                throw new IllegalStateException("subroutines (JSR/RET) are not supported");
            }
        }
        String[] exceptions = ctor.exceptions == null ? null : ctor.exceptions.toArray(new String[0]);
        MethodNode m = new MethodNode(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC, INIT,
                "(" + selfDesc() + args(ctor.desc) + ")V", null, exceptions);
        Map<LabelNode, LabelNode> labels = new HashMap<>();
        for (AbstractInsnNode i = ctor.instructions.getFirst(); i != null; i = i.getNext()) {
            if (i instanceof LabelNode) {
                labels.put((LabelNode) i, new LabelNode());
            }
        }
        for (AbstractInsnNode i = ctor.instructions.getFirst(); i != null; i = i.getNext()) {
            AbstractInsnNode c;
            if (flow.thisInits.contains(i)) {
                Object r = initThisCall((MethodInsnNode) i);
                if (r instanceof InsnList) {
                    m.instructions.add((InsnList) r);
                    continue;
                }
                c = (AbstractInsnNode) r;
            } else {
                c = i.clone(labels);
            }
            if (c instanceof FrameNode) {
                FrameNode f = (FrameNode) c;
                replaceUninitThis(f.local);
                replaceUninitThis(f.stack);
            }
            m.instructions.add(c);
        }
        for (TryCatchBlockNode t : ctor.tryCatchBlocks) {
            m.tryCatchBlocks.add(new TryCatchBlockNode(labels.get(t.start), labels.get(t.end), labels.get(t.handler), t.type));
        }
        if (ctor.localVariables != null) {
            m.localVariables = new ArrayList<>();
            for (LocalVariableNode v : ctor.localVariables) {
                m.localVariables.add(new LocalVariableNode(v.name, v.desc, v.signature, labels.get(v.start),
                        labels.get(v.end), v.index));
            }
        }
        m.maxLocals = ctor.maxLocals;
        m.maxStack = ctor.maxStack;
        return m;
    }

    private Object initThisCall(MethodInsnNode call) {
        if (call.owner.equals(cn.name)) {
            return new MethodInsnNode(Opcodes.INVOKESTATIC, cn.name, INIT, "(" + selfDesc() + args(call.desc) + ")V", false);
        }
        if (!call.owner.equals(superName)) {
            throw new IllegalStateException("this is initialised by " + call.owner + ".<init>, not by the superclass");
        }
        if (superPooled) {
            return new MethodInsnNode(Opcodes.INVOKESTATIC, superName, INIT, "(L" + superName + ";" + args(call.desc) + ")V", false);
        }
        // Object or a stateless superclass whose constructors only delegate: nothing to re-run;
        // drop the arguments and the receiver.
        InsnList drop = new InsnList();
        Type[] a = Type.getArgumentTypes(call.desc);
        for (int i = a.length - 1; i >= 0; i--) {
            drop.add(new InsnNode(a[i].getSize() == 2 ? Opcodes.POP2 : Opcodes.POP));
        }
        drop.add(new InsnNode(Opcodes.POP));
        return drop;
    }

    private void replaceUninitThis(List<Object> types) {
        if (types != null) {
            for (int i = 0; i < types.size(); i++) {
                if (types.get(i) == Opcodes.UNINITIALIZED_THIS) {
                    types.set(i, cn.name);
                }
            }
        }
    }

    static Object frameType(Type t) {
        switch (t.getSort()) {
            case Type.BOOLEAN: case Type.CHAR: case Type.BYTE: case Type.SHORT: case Type.INT:
                return Opcodes.INTEGER;
            case Type.FLOAT:
                return Opcodes.FLOAT;
            case Type.LONG:
                return Opcodes.LONG;
            case Type.DOUBLE:
                return Opcodes.DOUBLE;
            case Type.ARRAY:
                return t.getDescriptor();
            default:
                return t.getInternalName();
        }
    }

    private static int loadArgs(InsnList l, Type[] args, int from) {
        int slot = from;
        for (Type t : args) {
            l.add(new VarInsnNode(t.getOpcode(Opcodes.ILOAD), slot));
            slot += t.getSize();
        }
        return slot;
    }

    private MethodNode factory(MethodNode ctor) {
        Type[] args = Type.getArgumentTypes(ctor.desc);
        String[] exceptions = ctor.exceptions == null ? null : ctor.exceptions.toArray(new String[0]);
        MethodNode m = new MethodNode(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC, FACTORY,
                "(" + args(ctor.desc) + ")" + selfDesc(), null, exceptions);
        int k = 0;
        for (Type t : args) {
            k += t.getSize();
        }
        InsnList l = m.instructions;
        LabelNode start = new LabelNode();
        LabelNode end = new LabelNode();
        LabelNode handler = new LabelNode();
        l.add(new FieldInsnNode(Opcodes.GETSTATIC, cn.name, POOL_FIELD, HANDLE_DESC));
        l.add(new MethodInsnNode(Opcodes.INVOKEVIRTUAL, HANDLE, "acquire", "()Ljava/lang/Object;", false));
        l.add(new TypeInsnNode(Opcodes.CHECKCAST, cn.name));
        l.add(new VarInsnNode(Opcodes.ASTORE, k));
        l.add(new VarInsnNode(Opcodes.ALOAD, k));
        l.add(new InsnNode(Opcodes.ICONST_0));
        l.add(new FieldInsnNode(Opcodes.PUTFIELD, cn.name, RELEASED_FIELD, "Z"));
        l.add(start);
        l.add(new VarInsnNode(Opcodes.ALOAD, k));
        loadArgs(l, args, 0);
        l.add(new MethodInsnNode(Opcodes.INVOKESTATIC, cn.name, INIT, "(" + selfDesc() + args(ctor.desc) + ")V", false));
        l.add(end);
        l.add(new MethodInsnNode(Opcodes.INVOKESTATIC, "java/lang/invoke/VarHandle", "releaseFence", "()V", false));
        l.add(new VarInsnNode(Opcodes.ALOAD, k));
        l.add(new InsnNode(Opcodes.ARETURN));
        l.add(handler);
        List<Object> locals = new ArrayList<>();
        for (Type t : args) {
            locals.add(frameType(t));
        }
        locals.add(cn.name);
        l.add(new FrameNode(Opcodes.F_NEW, locals.size(), locals.toArray(), 1, new Object[] {"java/lang/Throwable"}));
        l.add(new VarInsnNode(Opcodes.ASTORE, k + 1));
        l.add(new VarInsnNode(Opcodes.ALOAD, k));
        l.add(new MethodInsnNode(Opcodes.INVOKESTATIC, cn.name, CLEAR, "(" + selfDesc() + ")V", false));
        l.add(new VarInsnNode(Opcodes.ALOAD, k));
        l.add(new InsnNode(Opcodes.ICONST_1));
        l.add(new FieldInsnNode(Opcodes.PUTFIELD, cn.name, RELEASED_FIELD, "Z"));
        l.add(new FieldInsnNode(Opcodes.GETSTATIC, cn.name, POOL_FIELD, HANDLE_DESC));
        l.add(new VarInsnNode(Opcodes.ALOAD, k));
        l.add(new MethodInsnNode(Opcodes.INVOKEVIRTUAL, HANDLE, "put", "(Ljava/lang/Object;)V", false));
        l.add(new VarInsnNode(Opcodes.ALOAD, k + 1));
        l.add(new InsnNode(Opcodes.ATHROW));
        m.tryCatchBlocks.add(new TryCatchBlockNode(start, end, handler, null));
        m.maxLocals = k + 2;
        m.maxStack = k + 2;
        return m;
    }

    private MethodNode plainFactory(MethodNode ctor) {
        Type[] args = Type.getArgumentTypes(ctor.desc);
        String[] exceptions = ctor.exceptions == null ? null : ctor.exceptions.toArray(new String[0]);
        MethodNode m = new MethodNode(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC, FACTORY,
                "(" + args(ctor.desc) + ")" + selfDesc(), null, exceptions);
        m.instructions.add(new TypeInsnNode(Opcodes.NEW, cn.name));
        m.instructions.add(new InsnNode(Opcodes.DUP));
        loadArgs(m.instructions, args, 0);
        m.instructions.add(new MethodInsnNode(Opcodes.INVOKESPECIAL, cn.name, "<init>", ctor.desc, false));
        m.instructions.add(new InsnNode(Opcodes.ARETURN));
        return m;
    }

    private MethodNode clearMethod(List<FieldNode> fields) {
        MethodNode m = new MethodNode(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC, CLEAR,
                "(" + selfDesc() + ")V", null, null);
        InsnList l = m.instructions;
        for (FieldNode f : fields) {
            l.add(new VarInsnNode(Opcodes.ALOAD, 0));
            switch (Type.getType(f.desc).getSort()) {
                case Type.LONG: l.add(new InsnNode(Opcodes.LCONST_0)); break;
                case Type.FLOAT: l.add(new InsnNode(Opcodes.FCONST_0)); break;
                case Type.DOUBLE: l.add(new InsnNode(Opcodes.DCONST_0)); break;
                case Type.OBJECT: case Type.ARRAY: l.add(new InsnNode(Opcodes.ACONST_NULL)); break;
                default: l.add(new InsnNode(Opcodes.ICONST_0)); break;
            }
            l.add(new FieldInsnNode(Opcodes.PUTFIELD, cn.name, f.name, f.desc));
        }
        chainToSuperAndReturn(l, CLEAR);
        return m;
    }

    private MethodNode onReleaseMethod() {
        MethodNode m = new MethodNode(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC, ON_RELEASE_ALL,
                "(" + selfDesc() + ")V", null, null);
        InsnList l = m.instructions;
        for (MethodNode h : new ArrayList<>(cn.methods)) {
            if (!has(h.visibleAnnotations, ON_RELEASE) && !has(h.invisibleAnnotations, ON_RELEASE)) {
                continue;
            }
            if ((h.access & (Opcodes.ACC_STATIC | Opcodes.ACC_ABSTRACT)) != 0 || !h.desc.startsWith("()")) {
                log.accept("@OnRelease method " + h.name + h.desc + " ignored: it must be a concrete instance method without arguments");
                continue;
            }
            l.add(new VarInsnNode(Opcodes.ALOAD, 0));
            l.add(new MethodInsnNode(Opcodes.INVOKESPECIAL, cn.name, h.name, h.desc, (cn.access & Opcodes.ACC_INTERFACE) != 0));
            int size = Type.getReturnType(h.desc).getSize();
            if (size == 1) {
                l.add(new InsnNode(Opcodes.POP));
            } else if (size == 2) {
                l.add(new InsnNode(Opcodes.POP2));
            }
        }
        chainToSuperAndReturn(l, ON_RELEASE_ALL);
        return m;
    }

    /**
     * Ends a static per-class hook ({@code clear}, {@code onRelease}): when the superclass is pooled
     * too, calls its hook of the same name on the same instance, then returns.
     */
    private void chainToSuperAndReturn(InsnList l, String hook) {
        if (superPooled) {
            l.add(new VarInsnNode(Opcodes.ALOAD, 0));
            l.add(new MethodInsnNode(Opcodes.INVOKESTATIC, superName, hook, "(L" + superName + ";)V", false));
        }
        l.add(new InsnNode(Opcodes.RETURN));
    }

    private MethodNode releaseMethod() {
        MethodNode m = new MethodNode(Opcodes.ACC_PUBLIC | Opcodes.ACC_SYNTHETIC, RELEASE_METHOD, "()V", null, null);
        InsnList l = m.instructions;
        LabelNode foreign = new LabelNode();
        LabelNode twice = new LabelNode();
        l.add(new VarInsnNode(Opcodes.ALOAD, 0));
        l.add(new MethodInsnNode(Opcodes.INVOKEVIRTUAL, "java/lang/Object", "getClass", "()Ljava/lang/Class;", false));
        l.add(new LdcInsnNode(Type.getObjectType(cn.name)));
        l.add(new JumpInsnNode(Opcodes.IF_ACMPNE, foreign));
        l.add(new VarInsnNode(Opcodes.ALOAD, 0));
        l.add(new FieldInsnNode(Opcodes.GETFIELD, cn.name, RELEASED_FIELD, "Z"));
        l.add(new JumpInsnNode(Opcodes.IFNE, twice));
        // Hooks and clearing run while the instance still counts as live (guarded methods may be
        // called from @OnRelease); then it is marked released and goes back.
        l.add(new VarInsnNode(Opcodes.ALOAD, 0));
        l.add(new MethodInsnNode(Opcodes.INVOKESTATIC, cn.name, ON_RELEASE_ALL, "(" + selfDesc() + ")V", false));
        l.add(new VarInsnNode(Opcodes.ALOAD, 0));
        l.add(new MethodInsnNode(Opcodes.INVOKESTATIC, cn.name, CLEAR, "(" + selfDesc() + ")V", false));
        l.add(new VarInsnNode(Opcodes.ALOAD, 0));
        l.add(new InsnNode(Opcodes.ICONST_1));
        l.add(new FieldInsnNode(Opcodes.PUTFIELD, cn.name, RELEASED_FIELD, "Z"));
        if (guard) {
            l.add(new VarInsnNode(Opcodes.ALOAD, 0));
            l.add(new MethodInsnNode(Opcodes.INVOKESTATIC, BRIDGE, "releaseSite", "()Ljava/lang/Throwable;", false));
            l.add(new FieldInsnNode(Opcodes.PUTFIELD, cn.name, RELEASED_AT_FIELD, "Ljava/lang/Object;"));
        }
        l.add(new FieldInsnNode(Opcodes.GETSTATIC, cn.name, POOL_FIELD, HANDLE_DESC));
        l.add(new VarInsnNode(Opcodes.ALOAD, 0));
        l.add(new MethodInsnNode(Opcodes.INVOKEVIRTUAL, HANDLE, "put", "(Ljava/lang/Object;)V", false));
        l.add(new InsnNode(Opcodes.RETURN));
        for (LabelNode target : new LabelNode[] {foreign, twice}) {
            l.add(target);
            l.add(new FrameNode(Opcodes.F_NEW, 1, new Object[] {cn.name}, 0, new Object[0]));
            l.add(new VarInsnNode(Opcodes.ALOAD, 0));
            l.add(new MethodInsnNode(Opcodes.INVOKESTATIC, BRIDGE, target == foreign ? "notPooled" : "doubleRelease",
                    "(Ljava/lang/Object;)Ljava/lang/RuntimeException;", false));
            l.add(new InsnNode(Opcodes.ATHROW));
        }
        return m;
    }

    /**
     * {@code guard=full}: every instance method the class declares (not constructors, not
     * {@code @OnRelease} methods, not generated ones) first checks that the instance is not
     * released, else throws {@code UseAfterReleaseException} naming the method and the release
     * site. Field accesses from other classes are not checked.
     */
    private void addGuards() {
        for (MethodNode m : cn.methods) {
            if ((m.access & (Opcodes.ACC_STATIC | Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE | Opcodes.ACC_SYNTHETIC)) != 0
                    || m.name.startsWith("<") || m.name.startsWith("$dp$") || m.name.startsWith("dragonpool$")
                    || has(m.visibleAnnotations, ON_RELEASE) || has(m.invisibleAnnotations, ON_RELEASE)
                    || m.instructions.size() == 0) {
                continue;
            }
            InsnList l = new InsnList();
            LabelNode ok = new LabelNode();
            l.add(new VarInsnNode(Opcodes.ALOAD, 0));
            l.add(new FieldInsnNode(Opcodes.GETFIELD, cn.name, RELEASED_FIELD, "Z"));
            l.add(new JumpInsnNode(Opcodes.IFEQ, ok));
            l.add(new VarInsnNode(Opcodes.ALOAD, 0));
            l.add(new LdcInsnNode(cn.name.replace('/', '.') + "." + m.name + m.desc));
            l.add(new VarInsnNode(Opcodes.ALOAD, 0));
            l.add(new FieldInsnNode(Opcodes.GETFIELD, cn.name, RELEASED_AT_FIELD, "Ljava/lang/Object;"));
            l.add(new MethodInsnNode(Opcodes.INVOKESTATIC, BRIDGE, "useAfterRelease",
                    "(Ljava/lang/Object;Ljava/lang/String;Ljava/lang/Object;)Ljava/lang/RuntimeException;", false));
            l.add(new InsnNode(Opcodes.ATHROW));
            l.add(ok);
            List<Object> locals = new ArrayList<>();
            locals.add(cn.name);
            for (Type t : Type.getArgumentTypes(m.desc)) {
                locals.add(frameType(t));
            }
            l.add(new FrameNode(Opcodes.F_NEW, locals.size(), locals.toArray(), 0, new Object[0]));
            l.add(new InsnNode(Opcodes.NOP)); // keeps this frame apart from one the body may have at its start
            m.instructions.insert(l);
        }
    }

    private void addReleaseOnReturn() {
        for (MethodNode m : cn.methods) {
            if (!has(m.visibleAnnotations, RELEASE) && !has(m.invisibleAnnotations, RELEASE)) {
                continue;
            }
            if ((m.access & (Opcodes.ACC_STATIC | Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) != 0 || "<init>".equals(m.name)) {
                log.accept("@Release on " + m.name + m.desc + " ignored: it must be a concrete instance method");
                continue;
            }
            boolean writesThis = false;
            List<AbstractInsnNode> returns = new ArrayList<>();
            for (AbstractInsnNode i = m.instructions.getFirst(); i != null; i = i.getNext()) {
                int op = i.getOpcode();
                if (op == Opcodes.ASTORE && ((VarInsnNode) i).var == 0) {
                    writesThis = true;
                }
                if (op >= Opcodes.IRETURN && op <= Opcodes.RETURN) {
                    returns.add(i);
                }
            }
            if (writesThis) {
                log.accept("@Release on " + m.name + m.desc + " ignored: the method overwrites local 0 (this)");
                continue;
            }
            for (AbstractInsnNode r : returns) {
                LabelNode before = new LabelNode();
                LabelNode after = new LabelNode();
                InsnList l = new InsnList();
                l.add(before);
                l.add(new VarInsnNode(Opcodes.ALOAD, 0));
                l.add(new MethodInsnNode(Opcodes.INVOKEVIRTUAL, cn.name, RELEASE_METHOD, "()V", false));
                m.instructions.insertBefore(r, l);
                m.instructions.insert(r, after);
                excludeFromHandlers(m, before, after);
            }
        }
    }

    /**
     * Cuts {@code [before, after)} out of every exception range that covers it, so that an
     * exception thrown by the inserted release (a double release) reaches the caller instead of
     * the method's own handlers: the release happens after the method has returned normally.
     */
    private static void excludeFromHandlers(MethodNode m, LabelNode before, LabelNode after) {
        int b = m.instructions.indexOf(before);
        List<TryCatchBlockNode> out = new ArrayList<>();
        for (TryCatchBlockNode t : m.tryCatchBlocks) {
            int s = m.instructions.indexOf(t.start);
            int e = m.instructions.indexOf(t.end);
            if (s <= b && b < e) {
                if (hasRealInsn(t.start, before)) {
                    out.add(new TryCatchBlockNode(t.start, before, t.handler, t.type));
                }
                if (hasRealInsn(after, t.end)) {
                    out.add(new TryCatchBlockNode(after, t.end, t.handler, t.type));
                }
            } else {
                out.add(t);
            }
        }
        m.tryCatchBlocks = out;
    }

    private static boolean hasRealInsn(AbstractInsnNode from, AbstractInsnNode to) {
        for (AbstractInsnNode i = from; i != null && i != to; i = i.getNext()) {
            if (i.getOpcode() >= 0) {
                return true;
            }
        }
        return false;
    }
}
