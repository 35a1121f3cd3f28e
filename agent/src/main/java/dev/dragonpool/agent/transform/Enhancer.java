package dev.dragonpool.agent.transform;

import static dev.dragonpool.agent.transform.Names.*;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
import org.objectweb.asm.tree.IntInsnNode;
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
 * Enhances one pooled class so that {@code new} can recycle its instances, adding nothing the
 * application can see through ordinary reflection: no constructor, no interface, no
 * non-synthetic member, and at most one byte of instance state.
 *
 * <p>How the pool reaches an object without an interface: everything that touches the per-object
 * state is a static synthetic method of the class itself (or of its topmost pooled superclass),
 * called by name from the class's own generated code, from rewritten call sites, and from the
 * runtime through a method handle made once, at registration, with the class's own full-privilege
 * {@code Lookup}. Instances for a cache miss are made the way deserialization makes them (memory
 * for the exact class, only {@code Object.<init>} run; see the runtime's {@code Allocation}), so
 * the class needs no constructor of its own for the cache.
 *
 * <p>What it adds, for a class {@code T} whose superclass is {@code Object}, stateless (no
 * instance field up to {@code Object}, constructors that only delegate) or pooled; {@code R} is
 * the topmost pooled class of {@code T}'s hierarchy ({@code T} itself unless its superclass is
 * pooled):
 * <ul>
 * <li>{@code private static final PoolHandle $dp$pool}, set first thing in {@code <clinit>} by
 * {@code PooledClasses.register(MethodHandles.lookup(), capacity, reserve, limit, policy,
 * timeout)}; {@code null} until then (a static-initialisation cycle can run a factory earlier),
 * and for good when the JVM cannot make instances without a constructor;</li>
 * <li>on {@code R} only: {@code private transient byte $dp$state} (low two bits: made by a plain
 * {@code new} / handed out by the pool / in the pool; above them the depth of {@code @Release}
 * calls in progress on the instance), {@code $dp$releasedAt} only under {@code guard=full},
 * {@code $dp$leak} only with {@code leaks=} on; and static accessors for them
 * ({@code $dp$state}, {@code $dp$enter}, {@code $dp$leave}, {@code $dp$cloned}, ...), protected
 * so pooled subclasses in other packages can call them, private when {@code R} is final;</li>
 * <li>for each constructor {@code T(A...)}: {@code static void $dp$init(T, A...)}, a copy of the
 * constructor's body in which the call initialising {@code this} becomes: nothing (its
 * arguments popped) for {@code super(..)} to {@code Object} or a stateless superclass,
 * {@code S.$dp$init} for a pooled superclass, {@code T.$dp$init} for {@code this(...)} (used by
 * chained constructors and pooled subclasses); and {@code static T $dp$new(A...)}, the factory:
 * take an instance from the cache, mark it handed out, run another copy of the body inlined
 * (so the factory's frame is where the constructor's frame was: same caller for
 * caller-sensitive code, same stack depth and lines), end with {@code VarHandle.releaseFence()};
 * if the body throws, the instance is discarded (never reused: the body may have published it)
 * and the exception propagates; with no pool yet, a plain {@code new T(..)}. Both have the
 * constructor's own access, so they are exactly as visible as the constructor;</li>
 * <li>{@code static void $dp$clinit()}, empty: rewritten sites call it where {@code NEW} stood,
 * so {@code T} is initialised before the constructor's arguments are evaluated (JLS 12.4.1);</li>
 * <li>{@code static void $dp$clear(T)} (non-{@code @Retained} instance fields to defaults, then
 * the pooled superclass's) and {@code static void $dp$onrelease(T)} (the class's
 * {@code @OnRelease} methods, then the superclass's);</li>
 * <li>{@code static void $dp$release(T)}, with the class's own access: for an instance of exactly
 * {@code T}, check it is not already in the pool, run the hooks, clear, mark it in the pool and
 * put it back (or adopt it, if a plain {@code new} made it); anything else (a subclass, null, a
 * class whose pool is missing) goes to the runtime's dynamic path, which releases a pooled
 * subclass through its own method and ignores an unpooled one;</li>
 * <li>in every {@code @Release} method (and every override of one), a depth count on entry and,
 * when the outermost such call on the instance returns normally, {@code $dp$release(this)}.</li>
 * </ul>
 * {@code ACC_FINAL} is cleared on instance fields (they are written outside {@code <init>}), and
 * the class's own constructors then end with a release fence, as the factories do, so objects
 * that plain paths build keep the final-field guarantee. The original constructors stay, for
 * reflection, serialization, subclasses and sites left plain.
 *
 * <p>Frames: the class is read with expanded frames and written without recomputing them; copied
 * bodies keep their frames with {@code UNINITIALIZED_THIS} replaced by {@code T}, generated
 * methods carry their own, so no class is ever loaded to compute a common superclass.
 */
final class Enhancer {
    private final ClassNode cn;
    private final String superName;
    private final boolean superPooled;
    /** The topmost pooled class: it holds the per-object state. */
    private final String root;
    private final Set<String> inheritedRelease;
    private final Consumer<String> log;
    private final boolean guard;
    private final boolean leaks;
    int constructorsPooled;

    Enhancer(ClassNode cn, PoolDecider.Decision d, boolean guard, boolean leaks, Consumer<String> log) {
        this.cn = cn;
        this.superName = d.superName;
        this.superPooled = d.superPooled;
        this.root = d.superPooled ? d.root : cn.name;
        this.inheritedRelease = d.releaseMethods;
        this.guard = guard;
        this.leaks = leaks;
        this.log = log;
    }

    void enhance() {
        List<MethodNode> ctors = new ArrayList<>();
        List<MethodNode> originals = new ArrayList<>(cn.methods);
        for (MethodNode m : cn.methods) {
            if ("<init>".equals(m.name)) {
                ctors.add(m);
            }
        }
        List<FieldNode> cleared = new ArrayList<>();
        boolean hadFinal = false;
        for (FieldNode f : cn.fields) {
            if ((f.access & Opcodes.ACC_STATIC) == 0) {
                hadFinal |= (f.access & Opcodes.ACC_FINAL) != 0;
                f.access &= ~Opcodes.ACC_FINAL;
                if (!has(f.visibleAnnotations, RETAINED) && !has(f.invisibleAnnotations, RETAINED)) {
                    cleared.add(f);
                }
            }
        }
        if (!superPooled) {
            addRootState();
        }
        if (guard) {
            addGuards(originals);
        }
        markClones(originals);
        if (hadFinal) {
            fenceConstructors(ctors);
        }
        cn.fields.add(new FieldNode(Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC | Opcodes.ACC_FINAL | Opcodes.ACC_SYNTHETIC,
                POOL_FIELD, HANDLE_DESC, null, null));
        addRegistration();
        int widest = Opcodes.ACC_PRIVATE;
        for (MethodNode ctor : ctors) {
            widest = wider(widest, visibility(ctor.access));
            MethodNode init;
            MethodNode factory;
            try {
                init = copyConstructor(ctor);
                factory = factory(ctor);
            } catch (Exception e) {
                init = null;
                factory = null;
                log.accept("constructor " + Type.getType(ctor.desc).getArgumentTypes().length
                        + "-arg " + ctor.desc + " keeps allocating: " + e.getMessage());
            }
            if (init != null) {
                cn.methods.add(init);
                cn.methods.add(factory);
                constructorsPooled++;
            } else {
                cn.methods.add(plainFactory(ctor));
            }
        }
        MethodNode trigger = new MethodNode(widest | Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC, CLINIT_TRIGGER, "()V", null, null);
        trigger.instructions.add(new InsnNode(Opcodes.RETURN));
        cn.methods.add(trigger);
        cn.methods.add(clearMethod(cleared));
        cn.methods.add(onReleaseMethod());
        cn.methods.add(releaseMethod());
        addReleaseOnReturn(originals);
    }

    static boolean has(List<AnnotationNode> anns, String desc) {
        return find(anns, desc) != null;
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

    private String selfDesc() {
        return "L" + cn.name + ";";
    }

    private String rootDesc() {
        return "L" + root + ";";
    }

    static int visibility(int access) {
        return access & (Opcodes.ACC_PUBLIC | Opcodes.ACC_PROTECTED | Opcodes.ACC_PRIVATE);
    }

    /** The wider of two visibilities: public > protected > package (0) > private. */
    static int wider(int a, int b) {
        return rank(a) >= rank(b) ? a : b;
    }

    private static int rank(int v) {
        if ((v & Opcodes.ACC_PUBLIC) != 0) {
            return 3;
        }
        if ((v & Opcodes.ACC_PROTECTED) != 0) {
            return 2;
        }
        return (v & Opcodes.ACC_PRIVATE) != 0 ? 0 : 1;
    }

    /** Access of a static hook that pooled subclasses call: protected, or private in a final class. */
    private int hookAccess() {
        return ((cn.access & Opcodes.ACC_FINAL) != 0 ? Opcodes.ACC_PRIVATE : Opcodes.ACC_PROTECTED)
                | Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC;
    }

    // ---------------------------------------------------------------- per-object state (root)

    /** Emits a call of one of the root class's state accessors. */
    private void callRoot(InsnList l, String name, String desc) {
        l.add(new MethodInsnNode(Opcodes.INVOKESTATIC, root, name, desc, false));
    }

    private void addRootState() {
        int field = Opcodes.ACC_PRIVATE | Opcodes.ACC_TRANSIENT | Opcodes.ACC_SYNTHETIC;
        cn.fields.add(new FieldNode(field, STATE_FIELD, "B", null, null));
        int hook = hookAccess();
        String self = selfDesc();
        // static int $dp$state(R o): the state as an unsigned byte
        MethodNode get = new MethodNode(hook, STATE_FIELD, "(" + self + ")I", null, null);
        get.instructions.add(new VarInsnNode(Opcodes.ALOAD, 0));
        get.instructions.add(new FieldInsnNode(Opcodes.GETFIELD, cn.name, STATE_FIELD, "B"));
        get.instructions.add(new IntInsnNode(Opcodes.SIPUSH, 0xFF));
        get.instructions.add(new InsnNode(Opcodes.IAND));
        get.instructions.add(new InsnNode(Opcodes.IRETURN));
        cn.methods.add(get);
        // static void $dp$state(R o, int s)
        MethodNode set = new MethodNode(hook, STATE_FIELD, "(" + self + "I)V", null, null);
        set.instructions.add(new VarInsnNode(Opcodes.ALOAD, 0));
        set.instructions.add(new VarInsnNode(Opcodes.ILOAD, 1));
        set.instructions.add(new FieldInsnNode(Opcodes.PUTFIELD, cn.name, STATE_FIELD, "B"));
        set.instructions.add(new InsnNode(Opcodes.RETURN));
        cn.methods.add(set);
        // static void $dp$enter(R o): one more @Release call in progress (saturating)
        MethodNode enter = new MethodNode(hook, ENTER, "(" + self + ")V", null, null);
        LabelNode full = new LabelNode();
        InsnList l = enter.instructions;
        l.add(new VarInsnNode(Opcodes.ALOAD, 0));
        l.add(new MethodInsnNode(Opcodes.INVOKESTATIC, cn.name, STATE_FIELD, "(" + self + ")I", false));
        l.add(new VarInsnNode(Opcodes.ISTORE, 1));
        l.add(new VarInsnNode(Opcodes.ILOAD, 1));
        l.add(new IntInsnNode(Opcodes.SIPUSH, MAX_DEPTH * DEPTH_UNIT));
        l.add(new JumpInsnNode(Opcodes.IF_ICMPGE, full));
        l.add(new VarInsnNode(Opcodes.ALOAD, 0));
        l.add(new VarInsnNode(Opcodes.ILOAD, 1));
        l.add(new IntInsnNode(Opcodes.BIPUSH, DEPTH_UNIT));
        l.add(new InsnNode(Opcodes.IADD));
        l.add(new FieldInsnNode(Opcodes.PUTFIELD, cn.name, STATE_FIELD, "B"));
        l.add(full);
        l.add(new FrameNode(Opcodes.F_NEW, 2, new Object[] {cn.name, Opcodes.INTEGER}, 0, new Object[0]));
        l.add(new InsnNode(Opcodes.RETURN));
        enter.maxLocals = 2;
        cn.methods.add(enter);
        // static boolean $dp$leave(R o): one @Release call fewer; true when it was the outermost
        MethodNode leave = new MethodNode(hook, LEAVE, "(" + self + ")Z", null, null);
        LabelNode none = new LabelNode();
        LabelNode notOuter = new LabelNode();
        l = leave.instructions;
        l.add(new VarInsnNode(Opcodes.ALOAD, 0));
        l.add(new MethodInsnNode(Opcodes.INVOKESTATIC, cn.name, STATE_FIELD, "(" + self + ")I", false));
        l.add(new VarInsnNode(Opcodes.ISTORE, 1));
        l.add(new VarInsnNode(Opcodes.ILOAD, 1));
        l.add(new IntInsnNode(Opcodes.BIPUSH, DEPTH_UNIT));
        l.add(new JumpInsnNode(Opcodes.IF_ICMPLT, none));
        l.add(new VarInsnNode(Opcodes.ALOAD, 0));
        l.add(new VarInsnNode(Opcodes.ILOAD, 1));
        l.add(new IntInsnNode(Opcodes.BIPUSH, DEPTH_UNIT));
        l.add(new InsnNode(Opcodes.ISUB));
        l.add(new FieldInsnNode(Opcodes.PUTFIELD, cn.name, STATE_FIELD, "B"));
        l.add(new VarInsnNode(Opcodes.ILOAD, 1));
        l.add(new IntInsnNode(Opcodes.BIPUSH, 2 * DEPTH_UNIT));
        l.add(new JumpInsnNode(Opcodes.IF_ICMPGE, notOuter));
        l.add(new InsnNode(Opcodes.ICONST_1));
        l.add(new InsnNode(Opcodes.IRETURN));
        l.add(none);
        l.add(new FrameNode(Opcodes.F_NEW, 2, new Object[] {cn.name, Opcodes.INTEGER}, 0, new Object[0]));
        l.add(notOuter); // same frame: both reach here with (R, int)
        l.add(new InsnNode(Opcodes.ICONST_0));
        l.add(new InsnNode(Opcodes.IRETURN));
        leave.maxLocals = 2;
        cn.methods.add(leave);
        // static void $dp$cloned(Object o): a clone is a new object, made by no pool
        MethodNode cloned = new MethodNode(hook, CLONED, "(Ljava/lang/Object;)V", null, null);
        LabelNode other = new LabelNode();
        l = cloned.instructions;
        l.add(new VarInsnNode(Opcodes.ALOAD, 0));
        l.add(new TypeInsnNode(Opcodes.INSTANCEOF, cn.name));
        l.add(new JumpInsnNode(Opcodes.IFEQ, other));
        l.add(new VarInsnNode(Opcodes.ALOAD, 0));
        l.add(new TypeInsnNode(Opcodes.CHECKCAST, cn.name));
        l.add(new InsnNode(Opcodes.ICONST_0));
        l.add(new FieldInsnNode(Opcodes.PUTFIELD, cn.name, STATE_FIELD, "B"));
        if (guard) {
            l.add(new VarInsnNode(Opcodes.ALOAD, 0));
            l.add(new TypeInsnNode(Opcodes.CHECKCAST, cn.name));
            l.add(new InsnNode(Opcodes.ACONST_NULL));
            l.add(new FieldInsnNode(Opcodes.PUTFIELD, cn.name, RELEASED_AT_FIELD, "Ljava/lang/Object;"));
        }
        if (leaks) {
            l.add(new VarInsnNode(Opcodes.ALOAD, 0));
            l.add(new TypeInsnNode(Opcodes.CHECKCAST, cn.name));
            l.add(new InsnNode(Opcodes.ACONST_NULL));
            l.add(new FieldInsnNode(Opcodes.PUTFIELD, cn.name, LEAK_FIELD, "Ljava/lang/Object;"));
        }
        l.add(other);
        l.add(new FrameNode(Opcodes.F_NEW, 1, new Object[] {"java/lang/Object"}, 0, new Object[0]));
        l.add(new InsnNode(Opcodes.RETURN));
        cn.methods.add(cloned);
        if (guard) {
            addObjectSlot(RELEASED_AT_FIELD, hook);
        }
        if (leaks) {
            addObjectSlot(LEAK_FIELD, hook);
        }
    }

    /** A {@code private transient} reference field and its two static accessors (named like the field). */
    private void addObjectSlot(String field, int hook) {
        cn.fields.add(new FieldNode(Opcodes.ACC_PRIVATE | Opcodes.ACC_TRANSIENT | Opcodes.ACC_SYNTHETIC,
                field, "Ljava/lang/Object;", null, null));
        MethodNode get = new MethodNode(hook, field, "(" + selfDesc() + ")Ljava/lang/Object;", null, null);
        get.instructions.add(new VarInsnNode(Opcodes.ALOAD, 0));
        get.instructions.add(new FieldInsnNode(Opcodes.GETFIELD, cn.name, field, "Ljava/lang/Object;"));
        get.instructions.add(new InsnNode(Opcodes.ARETURN));
        cn.methods.add(get);
        MethodNode set = new MethodNode(hook, field, "(" + selfDesc() + "Ljava/lang/Object;)V", null, null);
        set.instructions.add(new VarInsnNode(Opcodes.ALOAD, 0));
        set.instructions.add(new VarInsnNode(Opcodes.ALOAD, 1));
        set.instructions.add(new FieldInsnNode(Opcodes.PUTFIELD, cn.name, field, "Ljava/lang/Object;"));
        set.instructions.add(new InsnNode(Opcodes.RETURN));
        cn.methods.add(set);
    }

    // ---------------------------------------------------------------- registration

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
        l.add(new LdcInsnNode(Type.getObjectType(root)));
        l.add(new LdcInsnNode(capacity));
        l.add(new LdcInsnNode(reserve));
        l.add(new LdcInsnNode(limit));
        l.add(new LdcInsnNode(policy));
        l.add(new LdcInsnNode(timeout));
        l.add(new MethodInsnNode(Opcodes.INVOKESTATIC, BRIDGE, "register",
                "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/Class;IIILjava/lang/String;J)" + HANDLE_DESC, false));
        l.add(new FieldInsnNode(Opcodes.PUTSTATIC, cn.name, POOL_FIELD, HANDLE_DESC));
        MethodNode clinit = ClassNodes.staticInitialiser(cn);
        clinit.instructions.insert(l);
        // The prologue runs on an empty stack and leaves it empty; at its widest it holds the
        // lookup, the root class, three ints, the policy and the long timeout: 8 words.
        clinit.maxStack = Math.max(clinit.maxStack, 8);
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
        MethodNode m = new MethodNode(visibility(ctor.access) | Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC, INIT,
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

    /**
     * {@code static T $dp$new(A...)}: the constructor's body inlined into the factory, so the
     * factory's frame stands exactly where the constructor's frame stood (a caller-sensitive call
     * in the body, {@code StackWalker.getCallerClass()}, sees the same caller; stack traces keep
     * their depth and line numbers, with {@code $dp$new} for {@code <init>}).
     *
     * <pre>
     *   if ($dp$pool == null) return new T(args);           // no pool (yet): plain
     *   Object x = $dp$pool.acquire();
     *   if (x == null) { T o = new T(args); mark(o); return o; }  // pool without an allocator: the
     *                                                       // real constructor makes the miss
     *   shift the arguments one slot up; local 0 = (T) x; mark(this)
     *   try { body, each return: releaseFence(); return this; }
     *   catch (Throwable t) { $dp$pool.discard(this); throw t; }   // never reused
     * </pre>
     */
    private MethodNode factory(MethodNode ctor) throws Exception {
        MethodNode body = copyConstructor(ctor);
        for (AbstractInsnNode i = body.instructions.getFirst(); i != null; i = i.getNext()) {
            int op = i.getOpcode();
            if ((op == Opcodes.ASTORE && ((VarInsnNode) i).var == 0)
                    || (op == Opcodes.IINC && ((org.objectweb.asm.tree.IincInsnNode) i).var == 0)) {
                throw new IllegalStateException("the constructor overwrites local 0 (this)");
            }
        }
        Type[] args = Type.getArgumentTypes(ctor.desc);
        String[] exceptions = ctor.exceptions == null ? null : ctor.exceptions.toArray(new String[0]);
        MethodNode m = new MethodNode(visibility(ctor.access) | Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC, FACTORY,
                "(" + args(ctor.desc) + ")" + selfDesc(), null, exceptions);
        int k = 0;
        for (Type t : args) {
            k += t.getSize();
        }
        List<Object> argLocals = new ArrayList<>();
        for (Type t : args) {
            argLocals.add(frameType(t));
        }
        InsnList l = m.instructions;
        LabelNode plain = new LabelNode();
        LabelNode construct = new LabelNode();
        LabelNode start = new LabelNode();
        LabelNode end = new LabelNode();
        LabelNode handler = new LabelNode();
        l.add(new FieldInsnNode(Opcodes.GETSTATIC, cn.name, POOL_FIELD, HANDLE_DESC));
        l.add(new JumpInsnNode(Opcodes.IFNULL, plain));
        l.add(new FieldInsnNode(Opcodes.GETSTATIC, cn.name, POOL_FIELD, HANDLE_DESC));
        l.add(new MethodInsnNode(Opcodes.INVOKEVIRTUAL, HANDLE, "acquire", "()Ljava/lang/Object;", false));
        l.add(new InsnNode(Opcodes.DUP));
        l.add(new JumpInsnNode(Opcodes.IFNULL, construct));
        l.add(new TypeInsnNode(Opcodes.CHECKCAST, cn.name));
        int slot = k;
        for (int i = args.length - 1; i >= 0; i--) { // last first: nothing is overwritten before it moved
            slot -= args[i].getSize();
            l.add(new VarInsnNode(args[i].getOpcode(Opcodes.ILOAD), slot));
            l.add(new VarInsnNode(args[i].getOpcode(Opcodes.ISTORE), slot + 1));
        }
        l.add(new VarInsnNode(Opcodes.ASTORE, 0));
        markAcquired(l, 0);
        l.add(start);
        for (AbstractInsnNode i = body.instructions.getFirst(); i != null;) {
            AbstractInsnNode next = i.getNext();
            if (i.getOpcode() == Opcodes.RETURN) {
                InsnList r = new InsnList();
                if (!isReleaseFence(i.getPrevious())) { // a fenced constructor's copy has one already
                    r.add(new MethodInsnNode(Opcodes.INVOKESTATIC, "java/lang/invoke/VarHandle", "releaseFence", "()V", false));
                }
                r.add(new VarInsnNode(Opcodes.ALOAD, 0));
                r.add(new InsnNode(Opcodes.ARETURN));
                body.instructions.insertBefore(i, r);
                body.instructions.remove(i);
            }
            i = next;
        }
        l.add(body.instructions);
        l.add(end);
        l.add(handler);
        l.add(new FrameNode(Opcodes.F_NEW, 1, new Object[] {cn.name}, 1, new Object[] {"java/lang/Throwable"}));
        if (leaks) {
            l.add(new VarInsnNode(Opcodes.ALOAD, 0));
            callRoot(l, LEAK_FIELD, "(" + rootDesc() + ")Ljava/lang/Object;");
            l.add(new MethodInsnNode(Opcodes.INVOKESTATIC, HANDLE, "untrack", "(Ljava/lang/Object;)V", false));
        }
        l.add(new FieldInsnNode(Opcodes.GETSTATIC, cn.name, POOL_FIELD, HANDLE_DESC));
        l.add(new VarInsnNode(Opcodes.ALOAD, 0));
        l.add(new MethodInsnNode(Opcodes.INVOKEVIRTUAL, HANDLE, "discard", "(Ljava/lang/Object;)V", false));
        l.add(new InsnNode(Opcodes.ATHROW));
        // A pool that cannot make blank instances (no jdk.unsupported in the module graph) hands
        // out null for a miss: the real constructor makes the instance, which counts as pooled.
        LabelNode cstart = new LabelNode();
        LabelNode cend = new LabelNode();
        LabelNode chandler = new LabelNode();
        l.add(construct);
        l.add(new FrameNode(Opcodes.F_NEW, argLocals.size(), argLocals.toArray(), 1, new Object[] {"java/lang/Object"}));
        l.add(new InsnNode(Opcodes.POP));
        l.add(cstart);
        l.add(new TypeInsnNode(Opcodes.NEW, cn.name));
        l.add(new InsnNode(Opcodes.DUP));
        loadArgs(l, args, 0);
        l.add(new MethodInsnNode(Opcodes.INVOKESPECIAL, cn.name, "<init>", ctor.desc, false));
        l.add(cend);
        l.add(new VarInsnNode(Opcodes.ASTORE, k));
        markAcquired(l, k);
        l.add(new VarInsnNode(Opcodes.ALOAD, k));
        l.add(new InsnNode(Opcodes.ARETURN));
        l.add(chandler);
        l.add(new FrameNode(Opcodes.F_NEW, argLocals.size(), argLocals.toArray(), 1, new Object[] {"java/lang/Throwable"}));
        l.add(new FieldInsnNode(Opcodes.GETSTATIC, cn.name, POOL_FIELD, HANDLE_DESC));
        l.add(new MethodInsnNode(Opcodes.INVOKEVIRTUAL, HANDLE, "discardMiss", "()V", false));
        l.add(new InsnNode(Opcodes.ATHROW));
        // No pool (yet): a static-initialisation cycle reached the factory before <clinit>
        // registered it. Allocate as without the agent.
        l.add(plain);
        l.add(new FrameNode(Opcodes.F_NEW, argLocals.size(), argLocals.toArray(), 0, new Object[0]));
        l.add(new TypeInsnNode(Opcodes.NEW, cn.name));
        l.add(new InsnNode(Opcodes.DUP));
        loadArgs(l, args, 0);
        l.add(new MethodInsnNode(Opcodes.INVOKESPECIAL, cn.name, "<init>", ctor.desc, false));
        l.add(new InsnNode(Opcodes.ARETURN));
        m.tryCatchBlocks.addAll(body.tryCatchBlocks); // the body's own handlers first
        m.tryCatchBlocks.add(new TryCatchBlockNode(start, end, handler, null));
        m.tryCatchBlocks.add(new TryCatchBlockNode(cstart, cend, chandler, null));
        m.localVariables = body.localVariables;
        m.maxLocals = Math.max(body.maxLocals, k + 1);
        m.maxStack = Math.max(body.maxStack, k + 3) + 2;
        return m;
    }

    private static boolean isReleaseFence(AbstractInsnNode i) {
        return i instanceof MethodInsnNode && ((MethodInsnNode) i).name.equals("releaseFence")
                && ((MethodInsnNode) i).owner.equals("java/lang/invoke/VarHandle");
    }

    /** An instance the pool handed out: mark it out, forget any old release site, start leak tracking. */
    private void markAcquired(InsnList l, int local) {
        l.add(new VarInsnNode(Opcodes.ALOAD, local));
        l.add(new InsnNode(Opcodes.ICONST_1)); // OUT
        callRoot(l, STATE_FIELD, "(" + rootDesc() + "I)V");
        if (guard) {
            l.add(new VarInsnNode(Opcodes.ALOAD, local));
            l.add(new InsnNode(Opcodes.ACONST_NULL));
            callRoot(l, RELEASED_AT_FIELD, "(" + rootDesc() + "Ljava/lang/Object;)V");
        }
        if (leaks) {
            l.add(new VarInsnNode(Opcodes.ALOAD, local));
            l.add(new FieldInsnNode(Opcodes.GETSTATIC, cn.name, POOL_FIELD, HANDLE_DESC));
            l.add(new VarInsnNode(Opcodes.ALOAD, local));
            l.add(new MethodInsnNode(Opcodes.INVOKEVIRTUAL, HANDLE, "track", "(Ljava/lang/Object;)Ljava/lang/Object;", false));
            callRoot(l, LEAK_FIELD, "(" + rootDesc() + "Ljava/lang/Object;)V");
        }
    }

    private MethodNode plainFactory(MethodNode ctor) {
        Type[] args = Type.getArgumentTypes(ctor.desc);
        String[] exceptions = ctor.exceptions == null ? null : ctor.exceptions.toArray(new String[0]);
        MethodNode m = new MethodNode(visibility(ctor.access) | Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC, FACTORY,
                "(" + args(ctor.desc) + ")" + selfDesc(), null, exceptions);
        m.instructions.add(new TypeInsnNode(Opcodes.NEW, cn.name));
        m.instructions.add(new InsnNode(Opcodes.DUP));
        loadArgs(m.instructions, args, 0);
        m.instructions.add(new MethodInsnNode(Opcodes.INVOKESPECIAL, cn.name, "<init>", ctor.desc, false));
        m.instructions.add(new InsnNode(Opcodes.ARETURN));
        return m;
    }

    private MethodNode clearMethod(List<FieldNode> fields) {
        MethodNode m = new MethodNode(hookAccess(), CLEAR, "(" + selfDesc() + ")V", null, null);
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
        MethodNode m = new MethodNode(hookAccess(), ON_RELEASE_ALL, "(" + selfDesc() + ")V", null, null);
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

    /** {@code static void $dp$release(T o)}: see the class comment. */
    private MethodNode releaseMethod() {
        int access = ((cn.access & Opcodes.ACC_PUBLIC) != 0 ? Opcodes.ACC_PUBLIC : 0) | Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC;
        MethodNode m = new MethodNode(access, RELEASE_METHOD, "(" + selfDesc() + ")V", null, null);
        InsnList l = m.instructions;
        LabelNode dynamic = new LabelNode();
        LabelNode live = new LabelNode();
        LabelNode adopt = new LabelNode();
        l.add(new VarInsnNode(Opcodes.ALOAD, 0));
        l.add(new JumpInsnNode(Opcodes.IFNULL, dynamic));
        l.add(new VarInsnNode(Opcodes.ALOAD, 0));
        l.add(new MethodInsnNode(Opcodes.INVOKEVIRTUAL, "java/lang/Object", "getClass", "()Ljava/lang/Class;", false));
        l.add(new LdcInsnNode(Type.getObjectType(cn.name)));
        l.add(new JumpInsnNode(Opcodes.IF_ACMPNE, dynamic));
        l.add(new FieldInsnNode(Opcodes.GETSTATIC, cn.name, POOL_FIELD, HANDLE_DESC));
        l.add(new JumpInsnNode(Opcodes.IFNULL, dynamic));
        l.add(new VarInsnNode(Opcodes.ALOAD, 0));
        callRoot(l, STATE_FIELD, "(" + rootDesc() + ")I");
        l.add(new VarInsnNode(Opcodes.ISTORE, 1));
        l.add(new VarInsnNode(Opcodes.ILOAD, 1));
        l.add(new InsnNode(Opcodes.ICONST_3));
        l.add(new InsnNode(Opcodes.IAND));
        l.add(new InsnNode(Opcodes.ICONST_2)); // IN_POOL
        l.add(new JumpInsnNode(Opcodes.IF_ICMPNE, live));
        l.add(new VarInsnNode(Opcodes.ALOAD, 0));
        if (guard) {
            l.add(new VarInsnNode(Opcodes.ALOAD, 0));
            callRoot(l, RELEASED_AT_FIELD, "(" + rootDesc() + ")Ljava/lang/Object;");
            l.add(new MethodInsnNode(Opcodes.INVOKESTATIC, BRIDGE, "doubleRelease",
                    "(Ljava/lang/Object;Ljava/lang/Object;)Ljava/lang/RuntimeException;", false));
        } else {
            l.add(new MethodInsnNode(Opcodes.INVOKESTATIC, BRIDGE, "doubleRelease",
                    "(Ljava/lang/Object;)Ljava/lang/RuntimeException;", false));
        }
        l.add(new InsnNode(Opcodes.ATHROW));
        l.add(live);
        l.add(new FrameNode(Opcodes.F_NEW, 2, new Object[] {cn.name, Opcodes.INTEGER}, 0, new Object[0]));
        // Hooks and clearing run while the instance still counts as live (guarded methods may be
        // called from @OnRelease); then it is marked in the pool and goes back.
        l.add(new VarInsnNode(Opcodes.ALOAD, 0));
        l.add(new MethodInsnNode(Opcodes.INVOKESTATIC, cn.name, ON_RELEASE_ALL, "(" + selfDesc() + ")V", false));
        l.add(new VarInsnNode(Opcodes.ALOAD, 0));
        l.add(new MethodInsnNode(Opcodes.INVOKESTATIC, cn.name, CLEAR, "(" + selfDesc() + ")V", false));
        l.add(new VarInsnNode(Opcodes.ALOAD, 0));
        l.add(new VarInsnNode(Opcodes.ILOAD, 1));
        l.add(new IntInsnNode(Opcodes.BIPUSH, ~3));
        l.add(new InsnNode(Opcodes.IAND));
        l.add(new InsnNode(Opcodes.ICONST_2)); // IN_POOL, keeping the depth of @Release calls
        l.add(new InsnNode(Opcodes.IOR));
        callRoot(l, STATE_FIELD, "(" + rootDesc() + "I)V");
        if (guard) {
            l.add(new VarInsnNode(Opcodes.ALOAD, 0));
            l.add(new MethodInsnNode(Opcodes.INVOKESTATIC, BRIDGE, "releaseSite", "()Ljava/lang/Throwable;", false));
            callRoot(l, RELEASED_AT_FIELD, "(" + rootDesc() + "Ljava/lang/Object;)V");
        }
        if (leaks) {
            l.add(new VarInsnNode(Opcodes.ALOAD, 0));
            callRoot(l, LEAK_FIELD, "(" + rootDesc() + ")Ljava/lang/Object;");
            l.add(new MethodInsnNode(Opcodes.INVOKESTATIC, HANDLE, "untrack", "(Ljava/lang/Object;)V", false));
            l.add(new VarInsnNode(Opcodes.ALOAD, 0));
            l.add(new InsnNode(Opcodes.ACONST_NULL));
            callRoot(l, LEAK_FIELD, "(" + rootDesc() + "Ljava/lang/Object;)V");
        }
        l.add(new FieldInsnNode(Opcodes.GETSTATIC, cn.name, POOL_FIELD, HANDLE_DESC));
        l.add(new VarInsnNode(Opcodes.ALOAD, 0));
        l.add(new VarInsnNode(Opcodes.ILOAD, 1));
        l.add(new InsnNode(Opcodes.ICONST_3));
        l.add(new InsnNode(Opcodes.IAND));
        l.add(new JumpInsnNode(Opcodes.IFEQ, adopt)); // PLAIN: a plain new made it
        // guard=full never hands a released instance out again: it stays released (and every
        // stale reference to it detectable) until the GC takes it.
        l.add(new MethodInsnNode(Opcodes.INVOKEVIRTUAL, HANDLE, guard ? "retire" : "put", "(Ljava/lang/Object;)V", false));
        l.add(new InsnNode(Opcodes.RETURN));
        l.add(adopt);
        l.add(new FrameNode(Opcodes.F_NEW, 2, new Object[] {cn.name, Opcodes.INTEGER}, 2, new Object[] {HANDLE, cn.name}));
        if (guard) {
            l.add(new InsnNode(Opcodes.POP2)); // never pooled, never reused: nothing to count
        } else {
            l.add(new MethodInsnNode(Opcodes.INVOKEVIRTUAL, HANDLE, "adopt", "(Ljava/lang/Object;)V", false));
        }
        l.add(new InsnNode(Opcodes.RETURN));
        l.add(dynamic);
        l.add(new FrameNode(Opcodes.F_NEW, 1, new Object[] {cn.name}, 0, new Object[0]));
        l.add(new VarInsnNode(Opcodes.ALOAD, 0));
        l.add(new MethodInsnNode(Opcodes.INVOKESTATIC, BRIDGE, "release", "(Ljava/lang/Object;)V", false));
        l.add(new InsnNode(Opcodes.RETURN));
        m.maxLocals = 2;
        m.maxStack = 4;
        return m;
    }

    /**
     * {@code guard=full}: every instance method the class declares (not constructors, not
     * {@code @OnRelease} methods, not generated ones) first checks that the instance is not in
     * the pool, else throws {@code UseAfterReleaseException} naming the method and the release
     * site; a {@code @Release} method called on an instance already in the pool reports a double
     * release instead.
     */
    private void addGuards(List<MethodNode> methods) {
        for (MethodNode m : methods) {
            if ((m.access & (Opcodes.ACC_STATIC | Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE | Opcodes.ACC_SYNTHETIC)) != 0
                    || m.name.startsWith("<")
                    || has(m.visibleAnnotations, ON_RELEASE) || has(m.invisibleAnnotations, ON_RELEASE)
                    || m.instructions.size() == 0) {
                continue;
            }
            boolean release = isRelease(m);
            InsnList l = new InsnList();
            LabelNode ok = new LabelNode();
            l.add(new VarInsnNode(Opcodes.ALOAD, 0));
            callRoot(l, STATE_FIELD, "(" + rootDesc() + ")I");
            l.add(new InsnNode(Opcodes.ICONST_3));
            l.add(new InsnNode(Opcodes.IAND));
            l.add(new InsnNode(Opcodes.ICONST_2));
            l.add(new JumpInsnNode(Opcodes.IF_ICMPNE, ok));
            l.add(new VarInsnNode(Opcodes.ALOAD, 0));
            if (release) {
                l.add(new VarInsnNode(Opcodes.ALOAD, 0));
                callRoot(l, RELEASED_AT_FIELD, "(" + rootDesc() + ")Ljava/lang/Object;");
                l.add(new MethodInsnNode(Opcodes.INVOKESTATIC, BRIDGE, "doubleRelease",
                        "(Ljava/lang/Object;Ljava/lang/Object;)Ljava/lang/RuntimeException;", false));
            } else {
                l.add(new LdcInsnNode(cn.name.replace('/', '.') + "." + m.name + m.desc));
                l.add(new VarInsnNode(Opcodes.ALOAD, 0));
                callRoot(l, RELEASED_AT_FIELD, "(" + rootDesc() + ")Ljava/lang/Object;");
                l.add(new MethodInsnNode(Opcodes.INVOKESTATIC, BRIDGE, "useAfterRelease",
                        "(Ljava/lang/Object;Ljava/lang/String;Ljava/lang/Object;)Ljava/lang/RuntimeException;", false));
            }
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

    private boolean isRelease(MethodNode m) {
        return has(m.visibleAnnotations, RELEASE) || has(m.invisibleAnnotations, RELEASE)
                || inheritedRelease.contains(m.name + m.desc);
    }

    /** After every {@code super.clone()} in the class: the copy is a new object no pool made. */
    private void markClones(List<MethodNode> methods) {
        for (MethodNode m : methods) {
            for (AbstractInsnNode i = m.instructions.getFirst(); i != null; i = i.getNext()) {
                if (i.getOpcode() == Opcodes.INVOKESPECIAL) {
                    MethodInsnNode c = (MethodInsnNode) i;
                    if ("clone".equals(c.name) && "()Ljava/lang/Object;".equals(c.desc)) {
                        InsnList l = new InsnList();
                        l.add(new InsnNode(Opcodes.DUP));
                        callRoot(l, CLONED, "(Ljava/lang/Object;)V");
                        m.instructions.insert(i, l);
                    }
                }
            }
        }
    }

    /** Ends each of the class's own constructors with a release fence: its finals are no longer final. */
    private static void fenceConstructors(List<MethodNode> ctors) {
        for (MethodNode m : ctors) {
            for (AbstractInsnNode i = m.instructions.getFirst(); i != null; i = i.getNext()) {
                if (i.getOpcode() == Opcodes.RETURN) {
                    m.instructions.insertBefore(i, new MethodInsnNode(Opcodes.INVOKESTATIC, "java/lang/invoke/VarHandle",
                            "releaseFence", "()V", false));
                }
            }
        }
    }

    /**
     * {@code @Release} methods, and overrides of a pooled superclass's: a depth count on entry,
     * and when the outermost one on the instance returns normally, {@code $dp$release(this)}; an
     * exception leaves the instance unreleased (and the depth as it was).
     */
    private void addReleaseOnReturn(List<MethodNode> methods) {
        boolean any = false;
        for (MethodNode m : methods) {
            if (!isRelease(m)) {
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
                if ((op == Opcodes.ASTORE && ((VarInsnNode) i).var == 0) || (op == Opcodes.IINC && ((org.objectweb.asm.tree.IincInsnNode) i).var == 0)) {
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
            any = true;
            LabelNode start = new LabelNode();
            LabelNode end = new LabelNode();
            LabelNode handler = new LabelNode();
            InsnList entry = new InsnList();
            entry.add(new VarInsnNode(Opcodes.ALOAD, 0));
            callRoot(entry, ENTER, "(" + rootDesc() + ")V");
            entry.add(start);
            m.instructions.insert(entry);
            m.instructions.add(end);
            m.instructions.add(handler);
            m.instructions.add(new FrameNode(Opcodes.F_NEW, 1, new Object[] {cn.name}, 1, new Object[] {"java/lang/Throwable"}));
            m.instructions.add(new VarInsnNode(Opcodes.ALOAD, 0));
            callRoot(m.instructions, LEAVE, "(" + rootDesc() + ")Z");
            m.instructions.add(new InsnNode(Opcodes.POP));
            m.instructions.add(new InsnNode(Opcodes.ATHROW));
            m.tryCatchBlocks.add(new TryCatchBlockNode(start, end, handler, null));
            for (AbstractInsnNode r : returns) {
                LabelNode before = new LabelNode();
                LabelNode after = new LabelNode();
                InsnList l = new InsnList();
                l.add(before);
                l.add(new VarInsnNode(Opcodes.ALOAD, 0));
                l.add(new MethodInsnNode(Opcodes.INVOKESTATIC, cn.name, EXIT, "(" + selfDesc() + ")V", false));
                m.instructions.insertBefore(r, l);
                m.instructions.insert(r, after);
                excludeFromHandlers(m, before, after);
            }
        }
        if (any) {
            // private static void $dp$exit(T o) { if (R.$dp$leave(o)) $dp$release(o); }
            MethodNode exit = new MethodNode(Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC, EXIT,
                    "(" + selfDesc() + ")V", null, null);
            LabelNode done = new LabelNode();
            InsnList l = exit.instructions;
            l.add(new VarInsnNode(Opcodes.ALOAD, 0));
            callRoot(l, LEAVE, "(" + rootDesc() + ")Z");
            l.add(new JumpInsnNode(Opcodes.IFEQ, done));
            l.add(new VarInsnNode(Opcodes.ALOAD, 0));
            l.add(new MethodInsnNode(Opcodes.INVOKESTATIC, cn.name, RELEASE_METHOD, "(" + selfDesc() + ")V", false));
            l.add(done);
            l.add(new FrameNode(Opcodes.F_NEW, 1, new Object[] {cn.name}, 0, new Object[0]));
            l.add(new InsnNode(Opcodes.RETURN));
            cn.methods.add(exit);
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
