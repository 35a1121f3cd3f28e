package dev.dragonpool.agent.transform;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LookupSwitchInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.BasicInterpreter;
import org.objectweb.asm.tree.analysis.BasicValue;
import org.objectweb.asm.tree.analysis.Frame;
import org.objectweb.asm.tree.analysis.Interpreter;

/**
 * Data-flow analysis of one method that follows every uninitialised reference (the value of a
 * {@code NEW}, and {@code this} in a constructor before {@code super(...)}) and every reference's
 * static type, to answer two questions: which {@code NEW T ... INVOKESPECIAL T.<init>} sites can
 * be replaced by a factory call, and which {@code INVOKESPECIAL <init>} of a constructor
 * initialises {@code this}.
 *
 * <p>Safety rule for a {@code NEW} site: its value is duplicated exactly once, by a {@code DUP}
 * right after it; the two copies are never stored to a local, swapped, reordered by a
 * {@code DUP_X}/{@code DUP2} form, popped, merged with another value or consumed by anything but
 * one single {@code INVOKESPECIAL T.<init>}; and at that call they are the two slots right below
 * the arguments, at the stack height the {@code NEW} had. A stack instruction ({@code POP},
 * {@code DUP_X1}, {@code DUP2_X2}, {@code SWAP} ...) counts against a site only when one of the
 * stack words it reads, copies or moves holds that site's value ({@link #wordsTouched}): javac's
 * {@code new T(this.f++)} or {@code new T(a[i]++)} shuffles only the argument words above the
 * pair, which keep their order when the pair is removed. Then removing {@code NEW} and
 * {@code DUP} and turning the call into a static factory returning {@code T} leaves every other
 * slot of every frame as it was, the slots above the pair two lower. Everything else (javac's
 * spilling of uninitialised values to locals around a {@code try} inside a {@code switch}
 * expression, {@code NEW} without {@code DUP}, tools' reordering) is reported unsafe and left
 * alone.
 *
 * <p>Values: {@link BasicValue}s carrying the exact reference type where it is known (merging two
 * different reference types gives {@code Object}), and {@link Uninit} for uninitialised ones.
 *
 * <p>Algorithm: the forward data flow of ASM's {@code Analyzer} (a worklist of instructions, the
 * frame before each one, merged slot by slot where control flow joins and into every exception
 * handler before and after each covered instruction, until nothing changes), with the same
 * interpreter, so it reaches the same frames and the same verdicts. Methods with subroutines
 * ({@code JSR}/{@code RET}, class files before Java 6) are refused with an
 * {@link AnalyzerException}; both callers leave such methods alone.
 *
 * <p>Cost: linear in the method's size, times the depth of the locals tree (at most four). ASM's
 * frames hold every local and are copied at every instruction, so a method with {@code n}
 * instructions and {@code L} locals cost {@code n * L} (a generated {@code main} with 2,000
 * allocations into 2,000 locals, 16,000 instructions: 32 million slots held in frames, twice that
 * copied). Here:
 * <ul>
 * <li><b>Locals are a persistent radix tree</b> ({@link Node}: 32-wide nodes, at most four levels
 * for the 65,535 locals a method may have), copy-on-write per owner: copying a frame copies its
 * operand stack and shares the locals; a store copies the path to one leaf, once per
 * instruction; a merge skips every subtree the two frames share, and every subtree it already
 * merged without change ({@link Node#absorbed}: an exception handler receives the frame of every
 * instruction of its {@code try}), so it costs what changed, not the number of locals.</li>
 * <li><b>Constructor calls</b> replace the receiver, now initialised, only in the locals that ever
 * received an uninitialised value ({@code this} in a constructor, a spilled {@code NEW} value),
 * not by scanning every local.</li>
 * </ul>
 * Per instruction the work is one copy of the operand stack (bounded by {@code maxStack}) plus a
 * constant; {@link #work} counts it (instructions interpreted, value slots copied or compared) so
 * that a test can check the growth without timing anything.
 */
final class InitFlow {

    /** An uninitialised reference: from a {@code NEW} ({@code site != null}) or {@code this} in a constructor. */
    static final class Uninit extends BasicValue {
        final AbstractInsnNode site;

        Uninit(Type type, AbstractInsnNode site) {
            super(type);
            this.site = site;
        }

        @Override
        public boolean equals(Object o) {
            return o == this;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }
    }

    /** Bits of a local's index per tree level. */
    private static final int BITS = 5;
    /** Slots per tree node. */
    private static final int WIDTH = 1 << BITS;
    private static final int MASK = WIDTH - 1;

    /**
     * A node of the locals tree: leaves hold {@link BasicValue}s, inner nodes hold nodes. A node
     * may be written in place only by the frame whose {@code owner} token it carries; every other
     * frame copies it first, so frames that share it never see each other's writes.
     */
    static final class Node {
        final long owner;
        final Object[] slots;
        /**
         * The last node known to merge into this one without changing it. Nodes a frame no longer
         * writes never change, so the fact stays true; it lets a frame that keeps receiving the
         * same, more specific locals (an exception handler, after every instruction of its
         * {@code try}) skip them instead of comparing them again at every instruction.
         */
        Node absorbed;

        Node(long owner, Object[] slots) {
            this.owner = owner;
            this.slots = slots;
        }
    }

    final Set<AbstractInsnNode> unsafe = new HashSet<>();
    final Map<AbstractInsnNode, List<MethodInsnNode>> initCalls = new IdentityHashMap<>();
    final Set<MethodInsnNode> thisInits = new HashSet<>();
    final Map<AbstractInsnNode, Uninit> newValues = new HashMap<>();
    /** The frame before each instruction, by index; {@code null} where the instruction is unreachable. */
    Frame<BasicValue>[] frames;
    /** Work of the last {@link #run}: instructions interpreted plus value slots copied or compared. */
    long work;

    private final String owner;
    private final MethodNode method;
    private final Interp interp = new Interp();
    /** Shift of the root level of the locals tree ({@code 0}: the root is a leaf). */
    private int rootShift;
    /** The next owner token; {@code 0} owns nothing. */
    private long nextOwner = 1;
    /** Locals that ever held an {@link Uninit}, the first {@link #uninitCount} entries. */
    private int[] uninitSlots = new int[4];
    private int uninitCount;
    private boolean[] isUninitSlot;

    InitFlow(String owner, MethodNode method) {
        this.owner = owner;
        this.method = method;
    }

    /**
     * Runs the analysis.
     *
     * @return this
     * @throws AnalyzerException if the method's bytecode is inconsistent or uses subroutines
     */
    @SuppressWarnings("unchecked")
    InitFlow run() throws AnalyzerException {
        InsnList insns = method.instructions;
        int n = insns.size();
        if ((method.access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) != 0) {
            frames = (Frame<BasicValue>[]) new Frame<?>[0];
            return this;
        }
        Flow[] fr = new Flow[n];
        frames = fr;
        List<TryCatchBlockNode>[] handlers = (List<TryCatchBlockNode>[]) new List<?>[n];
        for (TryCatchBlockNode t : method.tryCatchBlocks) {
            int end = insns.indexOf(t.end);
            for (int i = insns.indexOf(t.start); i < end; i++) {
                if (handlers[i] == null) {
                    handlers[i] = new ArrayList<>(2);
                }
                handlers[i].add(t);
            }
        }
        for (AbstractInsnNode i = insns.getFirst(); i != null; i = i.getNext()) {
            if (i.getOpcode() == Opcodes.JSR || i.getOpcode() == Opcodes.RET) {
                throw new AnalyzerException(i, "subroutines (JSR/RET) are not supported");
            }
        }
        int locals = method.maxLocals;
        isUninitSlot = new boolean[locals];
        int levels = 1;
        while (levels < 4 && (1L << (BITS * levels)) < locals) {
            levels++;
        }
        rootShift = BITS * (levels - 1);
        int[] todo = new int[n];
        boolean[] queued = new boolean[n];
        int[] top = {0};
        Flow current = new Flow(locals, method.maxStack);
        Flow scratch = new Flow(locals, method.maxStack);
        try {
            initialFrame(current);
            mergeInto(fr, 0, current, todo, queued, top);
        } catch (RuntimeException e) {
            throw new AnalyzerException(null, "Error at instruction 0: " + e.getMessage(), e);
        }
        while (top[0] > 0) {
            int i = todo[--top[0]];
            queued[i] = false;
            Flow old = fr[i];
            AbstractInsnNode insn = insns.get(i);
            int op = insn.getOpcode();
            int type = insn.getType();
            work++;
            try {
                current.copyFrom(old);
                if (type == AbstractInsnNode.LABEL || type == AbstractInsnNode.LINE || type == AbstractInsnNode.FRAME) {
                    mergeInto(fr, i + 1, current, todo, queued, top);
                } else {
                    current.execute(insn, interp);
                    if (insn instanceof JumpInsnNode) {
                        if (op != Opcodes.GOTO) {
                            mergeInto(fr, i + 1, current, todo, queued, top);
                        }
                        mergeInto(fr, insns.indexOf(((JumpInsnNode) insn).label), current, todo, queued, top);
                    } else if (insn instanceof LookupSwitchInsnNode) {
                        LookupSwitchInsnNode s = (LookupSwitchInsnNode) insn;
                        mergeInto(fr, insns.indexOf(s.dflt), current, todo, queued, top);
                        for (LabelNode l : s.labels) {
                            mergeInto(fr, insns.indexOf(l), current, todo, queued, top);
                        }
                    } else if (insn instanceof TableSwitchInsnNode) {
                        TableSwitchInsnNode s = (TableSwitchInsnNode) insn;
                        mergeInto(fr, insns.indexOf(s.dflt), current, todo, queued, top);
                        for (LabelNode l : s.labels) {
                            mergeInto(fr, insns.indexOf(l), current, todo, queued, top);
                        }
                    } else if (op != Opcodes.ATHROW && (op < Opcodes.IRETURN || op > Opcodes.RETURN)) {
                        mergeInto(fr, i + 1, current, todo, queued, top);
                    }
                }
                List<TryCatchBlockNode> hs = handlers[i];
                if (hs != null) {
                    for (TryCatchBlockNode t : hs) {
                        Type caught = Type.getObjectType(t.type == null ? "java/lang/Throwable" : t.type);
                        int h = insns.indexOf(t.handler);
                        scratch.copyFrom(old);
                        scratch.clearStack();
                        BasicValue ex = interp.newExceptionValue(t, scratch, caught);
                        scratch.push(ex);
                        mergeInto(fr, h, scratch, todo, queued, top);
                        scratch.copyFrom(current);
                        scratch.clearStack();
                        scratch.push(ex);
                        mergeInto(fr, h, scratch, todo, queued, top);
                    }
                }
            } catch (AnalyzerException e) {
                throw new AnalyzerException(e.node, "Error at instruction " + i + ": " + e.getMessage(), e);
            } catch (RuntimeException e) {
                throw new AnalyzerException(insn, "Error at instruction " + i + ": " + e.getMessage(), e);
            }
        }
        return this;
    }

    /** The frame at the method's entry: {@code this} (uninitialised in a constructor), the parameters, empty locals. */
    private void initialFrame(Flow f) {
        f.newTree();
        int local = 0;
        boolean instance = (method.access & Opcodes.ACC_STATIC) == 0;
        if (instance) {
            f.setLocal(local, interp.newParameterValue(true, local, Type.getObjectType(owner)));
            local++;
        }
        for (Type t : Type.getArgumentTypes(method.desc)) {
            f.setLocal(local, interp.newParameterValue(instance, local, t));
            local++;
            if (t.getSize() == 2) {
                f.setLocal(local, interp.newEmptyValue(local));
                local++;
            }
        }
        while (local < method.maxLocals) {
            f.setLocal(local, interp.newEmptyValue(local));
            local++;
        }
        f.setReturn(interp.newReturnTypeValue(Type.getReturnType(method.desc)));
    }

    /** Merges {@code f} into the frame before instruction {@code j} and queues {@code j} if that frame changed. */
    private void mergeInto(Flow[] fr, int j, Flow f, int[] todo, boolean[] queued, int[] top) throws AnalyzerException {
        if (j >= fr.length) {
            throw new AnalyzerException(null, "Execution can fall off the end of the code");
        }
        boolean changed;
        if (fr[j] == null) {
            fr[j] = new Flow(f);
            changed = true;
        } else {
            changed = fr[j].mergeFrom(f);
        }
        if (changed && !queued[j]) {
            queued[j] = true;
            todo[top[0]++] = j;
        }
    }

    private void markUnsafe(BasicValue v) {
        if (v instanceof Uninit && ((Uninit) v).site != null) {
            unsafe.add(((Uninit) v).site);
        }
    }

    static AbstractInsnNode nextReal(AbstractInsnNode n) {
        AbstractInsnNode p = n.getNext();
        while (p != null && p.getOpcode() < 0) {
            p = p.getNext();
        }
        return p;
    }

    /** A NEW site whose rewrite is provably safe, with its one constructor call. */
    MethodInsnNode safeInitCall(TypeInsnNode newInsn, int newIndex) {
        if (unsafe.contains(newInsn)) {
            return null;
        }
        List<MethodInsnNode> calls = initCalls.get(newInsn);
        Frame<BasicValue> atNew = frames[newIndex];
        if (calls == null || calls.size() != 1 || atNew == null) {
            return null;
        }
        AbstractInsnNode dup = nextReal(newInsn);
        if (dup == null || dup.getOpcode() != Opcodes.DUP) {
            return null;
        }
        MethodInsnNode call = calls.get(0);
        Frame<BasicValue> atCall = frames[method.instructions.indexOf(call)];
        if (atCall == null) {
            return null;
        }
        Uninit u = newValues.get(newInsn);
        int h = atNew.getStackSize();
        int argc = Type.getArgumentTypes(call.desc).length;
        int recv = atCall.getStackSize() - argc - 1;
        if (recv != h + 1 || atCall.getStack(h) != u || atCall.getStack(h + 1) != u) {
            return null;
        }
        // Only locals that ever held an uninitialised value can hold u.
        for (int k = 0; k < uninitCount; k++) {
            if (atCall.getLocal(uninitSlots[k]) == u) {
                return null;
            }
        }
        for (int i = 0; i < atCall.getStackSize(); i++) {
            if (i != h && i != h + 1 && atCall.getStack(i) == u) {
                return null;
            }
        }
        return call;
    }

    /**
     * A frame whose operand stack is ASM's and whose locals are a {@link Node} tree; it reports
     * stack shuffles of uninitialised values and initialises them at {@code <init>}.
     */
    final class Flow extends Frame<BasicValue> {
        private final int numLocals;
        private Node root;
        /** This frame's owner token: the nodes it may write in place. */
        private long token;

        Flow(int numLocals, int maxStack) {
            super(0, maxStack);
            this.numLocals = numLocals;
        }

        Flow(Flow f) {
            this(f.numLocals, f.getMaxStackSize());
            copyFrom(f);
        }

        /** Builds this frame's empty locals tree (every slot {@code null}), owned by this frame. */
        void newTree() {
            token = nextOwner++;
            root = emptyNode(rootShift);
        }

        private Node emptyNode(int shift) {
            Object[] slots = new Object[WIDTH];
            work += WIDTH;
            if (shift > 0) {
                int children = Math.min(WIDTH, (int) ((numLocals - 1L >> shift) + 1));
                for (int k = 0; k < children; k++) {
                    slots[k] = emptyNode(shift - BITS);
                }
            }
            return new Node(token, slots);
        }

        /** Makes this frame a copy of {@code f}: its stack copied, its locals shared. */
        Flow copyFrom(Flow f) {
            init(f);
            work += getMaxStackSize();
            root = f.root;
            token = nextOwner++;
            return this;
        }

        @Override
        public int getLocals() {
            return numLocals;
        }

        @Override
        public BasicValue getLocal(int index) {
            if (index < 0 || index >= numLocals) {
                throw new IndexOutOfBoundsException("Trying to get an inexistant local variable " + index);
            }
            Node n = root;
            for (int s = rootShift; s > 0; s -= BITS) {
                n = (Node) n.slots[(index >>> s) & MASK];
            }
            return (BasicValue) n.slots[index & MASK];
        }

        @Override
        public void setLocal(int index, BasicValue value) {
            if (index < 0 || index >= numLocals) {
                throw new IndexOutOfBoundsException("Trying to set an inexistant local variable " + index);
            }
            if (value instanceof Uninit && !isUninitSlot[index]) {
                isUninitSlot[index] = true;
                if (uninitCount == uninitSlots.length) {
                    uninitSlots = Arrays.copyOf(uninitSlots, uninitCount * 2);
                }
                uninitSlots[uninitCount++] = index;
            }
            root = set(root, rootShift, index, value);
        }

        private Node set(Node n, int shift, int index, Object value) {
            int k = (index >>> shift) & MASK;
            Object next = shift == 0 ? value : set((Node) n.slots[k], shift - BITS, index, value);
            if (n.slots[k] == next) {
                return n;
            }
            Node m = n;
            if (n.owner != token) {
                m = new Node(token, n.slots.clone());
                work += WIDTH;
            }
            m.slots[k] = next;
            return m;
        }

        /**
         * Merges {@code f} into this frame, as ASM's {@code Frame.merge} does slot by slot, skipping
         * the subtrees of locals both share.
         *
         * @return whether this frame changed
         */
        boolean mergeFrom(Flow f) throws AnalyzerException {
            if (getStackSize() != f.getStackSize()) {
                throw new AnalyzerException(null, "Incompatible stack heights");
            }
            boolean changed = false;
            Node r = merge(root, f.root, rootShift);
            if (r != root) {
                root = r;
                changed = true;
            }
            for (int i = 0; i < getStackSize(); i++) {
                BasicValue a = getStack(i);
                BasicValue b = f.getStack(i);
                work++;
                if (a != b) {
                    BasicValue v = interp.merge(a, b);
                    if (!v.equals(a)) {
                        setStack(i, v);
                        changed = true;
                    }
                }
            }
            return changed;
        }

        /**
         * The merge of two subtrees: {@code t} itself when no value changes; when values change,
         * {@code in} if the result equals it (so later merges find the subtree shared), else a
         * new node. The nodes involved are no longer written by any frame.
         */
        private Node merge(Node t, Node in, int shift) {
            if (t == in || t.absorbed == in) {
                return t;
            }
            work += WIDTH;
            Object[] out = null;
            boolean sameAsIn = true;
            for (int k = 0; k < WIDTH; k++) {
                Object a = t.slots[k];
                Object b = in.slots[k];
                Object r;
                if (a == b) {
                    r = a;
                } else if (shift == 0) {
                    BasicValue v = interp.merge((BasicValue) a, (BasicValue) b);
                    r = v.equals(a) ? a : v;
                } else {
                    r = merge((Node) a, (Node) b, shift - BITS);
                }
                if (r != b) {
                    sameAsIn = false;
                }
                if (r != a) {
                    if (out == null) {
                        out = t.slots.clone();
                    }
                    out[k] = r;
                }
            }
            if (out == null) {
                t.absorbed = in;
                return t;
            }
            if (sameAsIn) {
                return in;
            }
            Node n = new Node(0, out);
            n.absorbed = in;
            return n;
        }

        /**
         * Marks unsafe the sites of the values that cover the top {@code words} stack words: those
         * an instruction touches. Values wholly below them are neither read nor moved, so an
         * uninitialised pair of a site deeper in the stack stays a candidate.
         */
        private void markTouched(int words) {
            for (int i = getStackSize() - 1; i >= 0 && words > 0; i--) {
                BasicValue v = getStack(i);
                markUnsafe(v);
                words -= Math.max(1, v.getSize());
            }
        }

        @Override
        public void execute(AbstractInsnNode insn, Interpreter<BasicValue> interpreter) throws AnalyzerException {
            int op = insn.getOpcode();
            switch (op) {
                case Opcodes.POP: case Opcodes.POP2: case Opcodes.DUP_X1: case Opcodes.DUP_X2:
                case Opcodes.DUP2: case Opcodes.DUP2_X1: case Opcodes.DUP2_X2: case Opcodes.SWAP:
                    markTouched(wordsTouched(op));
                    break;
                default:
                    break;
            }
            BasicValue receiver = null;
            if (op == Opcodes.INVOKESPECIAL && "<init>".equals(((MethodInsnNode) insn).name)) {
                int argc = Type.getArgumentTypes(((MethodInsnNode) insn).desc).length;
                receiver = getStack(getStackSize() - argc - 1);
            }
            super.execute(insn, interpreter);
            if (receiver instanceof Uninit) {
                BasicValue init = new BasicValue(receiver.getType());
                for (int k = 0; k < uninitCount; k++) {
                    if (getLocal(uninitSlots[k]) == receiver) {
                        setLocal(uninitSlots[k], init);
                    }
                }
                for (int i = 0; i < getStackSize(); i++) {
                    if (getStack(i) == receiver) {
                        setStack(i, init);
                    }
                }
            }
        }
    }

    /**
     * Number of stack words (a {@code long}/{@code double} is two) counted from the top that a
     * stack instruction reads, copies or moves: {@code DUP_X1} reads the top word and moves the
     * one below it, so it touches two, and so on. Every other word keeps its value and position.
     */
    static int wordsTouched(int op) {
        switch (op) {
            case Opcodes.POP:
                return 1;
            case Opcodes.POP2: case Opcodes.DUP_X1: case Opcodes.DUP2: case Opcodes.SWAP:
                return 2;
            case Opcodes.DUP_X2: case Opcodes.DUP2_X1:
                return 3;
            case Opcodes.DUP2_X2:
                return 4;
            default:
                throw new IllegalArgumentException("not a stack instruction: opcode " + op);
        }
    }

    /** Basic interpreter with exact reference types and uninitialised-value tracking. */
    final class Interp extends BasicInterpreter {
        private boolean firstParam = true;

        Interp() {
            super(Opcodes.ASM9);
        }

        @Override
        public BasicValue newValue(Type type) {
            if (type != null && (type.getSort() == Type.OBJECT || type.getSort() == Type.ARRAY)) {
                return new BasicValue(type);
            }
            return super.newValue(type);
        }

        @Override
        public BasicValue newParameterValue(boolean isInstanceMethod, int local, Type type) {
            if (isInstanceMethod && local == 0 && "<init>".equals(method.name) && firstParam) {
                firstParam = false;
                return new Uninit(type, null);
            }
            return newValue(type);
        }

        @Override
        public BasicValue newOperation(AbstractInsnNode insn) throws AnalyzerException {
            if (insn.getOpcode() == Opcodes.NEW) {
                Uninit u = newValues.get(insn);
                if (u == null) {
                    u = new Uninit(Type.getObjectType(((TypeInsnNode) insn).desc), insn);
                    newValues.put(insn, u);
                }
                return u;
            }
            return super.newOperation(insn);
        }

        @Override
        public BasicValue copyOperation(AbstractInsnNode insn, BasicValue value) throws AnalyzerException {
            if (value instanceof Uninit) {
                Uninit u = (Uninit) value;
                if (u.site != null && !(insn.getOpcode() == Opcodes.DUP && insn == nextReal(u.site))) {
                    unsafe.add(u.site);
                }
                return value;
            }
            return super.copyOperation(insn, value);
        }

        @Override
        public BasicValue unaryOperation(AbstractInsnNode insn, BasicValue value) throws AnalyzerException {
            markUnsafe(value);
            return super.unaryOperation(insn, value);
        }

        @Override
        public BasicValue binaryOperation(AbstractInsnNode insn, BasicValue v1, BasicValue v2)
                throws AnalyzerException {
            markUnsafe(v1);
            markUnsafe(v2);
            return super.binaryOperation(insn, v1, v2);
        }

        @Override
        public BasicValue ternaryOperation(AbstractInsnNode insn, BasicValue v1, BasicValue v2, BasicValue v3)
                throws AnalyzerException {
            markUnsafe(v1);
            markUnsafe(v2);
            markUnsafe(v3);
            return super.ternaryOperation(insn, v1, v2, v3);
        }

        @Override
        public BasicValue naryOperation(AbstractInsnNode insn, List<? extends BasicValue> values)
                throws AnalyzerException {
            int from = 0;
            if (insn.getOpcode() == Opcodes.INVOKESPECIAL && "<init>".equals(((MethodInsnNode) insn).name)) {
                from = 1;
                BasicValue r = values.get(0);
                if (r instanceof Uninit) {
                    Uninit u = (Uninit) r;
                    MethodInsnNode call = (MethodInsnNode) insn;
                    if (u.site == null) {
                        thisInits.add(call);
                    } else if (!call.owner.equals(u.getType().getInternalName())) {
                        unsafe.add(u.site);
                    } else {
                        List<MethodInsnNode> l = initCalls.computeIfAbsent(u.site, k -> new ArrayList<>(1));
                        if (!l.contains(call)) {
                            l.add(call);
                        }
                    }
                }
            }
            for (int i = from; i < values.size(); i++) {
                markUnsafe(values.get(i));
            }
            return super.naryOperation(insn, values);
        }

        @Override
        public void returnOperation(AbstractInsnNode insn, BasicValue value, BasicValue expected)
                throws AnalyzerException {
            markUnsafe(value);
        }

        @Override
        public BasicValue merge(BasicValue a, BasicValue b) {
            if (a == b) {
                return a;
            }
            if (a instanceof Uninit || b instanceof Uninit) {
                markUnsafe(a);
                markUnsafe(b);
                return BasicValue.UNINITIALIZED_VALUE;
            }
            if (a.equals(b)) {
                return a;
            }
            if (a.isReference() && b.isReference()) {
                return BasicValue.REFERENCE_VALUE;
            }
            return BasicValue.UNINITIALIZED_VALUE;
        }
    }
}
