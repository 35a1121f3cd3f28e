package dev.dragonpool.agent.transform;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.BasicInterpreter;
import org.objectweb.asm.tree.analysis.BasicValue;
import org.objectweb.asm.tree.analysis.Frame;
import org.objectweb.asm.tree.analysis.Interpreter;

/**
 * The reference for {@link InitFlow}: the same analysis as it was written before it became linear
 * in the method's size, on ASM's {@link Analyzer} (one full frame of every local and stack slot per
 * instruction, merged slot by slot). {@code InitFlowComplexityTest} checks that {@link InitFlow}
 * reaches exactly the conclusions this one does (unsafe sites, constructor calls, the calls that
 * initialise {@code this}, every frame) on generated methods and on third-party jars.
 *
 * <p>Safety rule, values and merge rules: see {@link InitFlow}.
 */
final class AnalyzerInitFlow {

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

    final Set<AbstractInsnNode> unsafe = new HashSet<>();
    final Map<AbstractInsnNode, List<MethodInsnNode>> initCalls = new IdentityHashMap<>();
    final Set<MethodInsnNode> thisInits = new HashSet<>();
    final Map<AbstractInsnNode, Uninit> newValues = new HashMap<>();
    Frame<BasicValue>[] frames;

    private final String owner;
    private final MethodNode method;

    AnalyzerInitFlow(String owner, MethodNode method) {
        this.owner = owner;
        this.method = method;
    }

    /**
     * Runs the analysis.
     *
     * @return this
     * @throws AnalyzerException if the method's bytecode is inconsistent
     */
    AnalyzerInitFlow run() throws AnalyzerException {
        Analyzer<BasicValue> a = new Analyzer<>(new Interp()) {
            @Override
            protected Frame<BasicValue> newFrame(int numLocals, int numStack) {
                return new Flow(numLocals, numStack);
            }

            @Override
            protected Frame<BasicValue> newFrame(Frame<? extends BasicValue> frame) {
                Flow f = new Flow(frame.getLocals(), frame.getMaxStackSize());
                f.init(frame);
                return f;
            }
        };
        frames = a.analyze(owner, method);
        return this;
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
        for (int i = 0; i < atCall.getLocals(); i++) {
            if (atCall.getLocal(i) == u) {
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

    /** Frame that reports stack shuffles of uninitialised values and initialises them at {@code <init>}. */
    final class Flow extends Frame<BasicValue> {
        Flow(int numLocals, int numStack) {
            super(numLocals, numStack);
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
                for (int i = 0; i < getLocals(); i++) {
                    if (getLocal(i) == receiver) {
                        setLocal(i, init);
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
