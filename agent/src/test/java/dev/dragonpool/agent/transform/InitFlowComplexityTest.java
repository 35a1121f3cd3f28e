package dev.dragonpool.agent.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Enumeration;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.BasicValue;
import org.objectweb.asm.tree.analysis.Frame;

/**
 * {@link InitFlow} costs work linear in the size of the method (counted in {@link InitFlow#work},
 * never timed), and concludes exactly what the analysis it replaced ({@link AnalyzerInitFlow}, on
 * ASM's {@code Analyzer}) concluded: the same unsafe sites, constructor calls, calls initialising
 * {@code this}, safe sites and frames, on generated methods of every shape that matters (straight
 * line, branches inside constructor arguments, a {@code try} around everything, a loop, a spilled
 * uninitialised value, a constructor) and on every method with an allocation or a constructor
 * call in four third-party jars.
 */
class InitFlowComplexityTest {
    static final String OWNER = "gen/Owner";
    static final String T = "gen/T";

    // ---------------------------------------------------------------- generated methods

    /** {@code static void m(long s)}: {@code T o_k = new T(s);} n times, each into its own local. */
    static MethodNode straight(int n) {
        MethodNode m = new MethodNode(Opcodes.ACC_STATIC, "straight", "(J)V", null, null);
        InsnList l = m.instructions;
        for (int k = 0; k < n; k++) {
            l.add(new TypeInsnNode(Opcodes.NEW, T));
            l.add(new InsnNode(Opcodes.DUP));
            l.add(new VarInsnNode(Opcodes.LLOAD, 0));
            l.add(new MethodInsnNode(Opcodes.INVOKESPECIAL, T, "<init>", "(J)V", false));
            l.add(new VarInsnNode(Opcodes.ASTORE, 2 + k));
        }
        l.add(new InsnNode(Opcodes.RETURN));
        m.maxLocals = 2 + n;
        m.maxStack = 4;
        return m;
    }

    /** {@code static void m(int c)}: {@code T o_k = new T(c != 0 ? 1 : 2); o_k.use();} n times. */
    static MethodNode branches(int n) {
        MethodNode m = new MethodNode(Opcodes.ACC_STATIC, "branches", "(I)V", null, null);
        m.instructions.add(branchBody(n, 1));
        m.instructions.add(new InsnNode(Opcodes.RETURN));
        m.maxLocals = 1 + n;
        m.maxStack = 3;
        return m;
    }

    private static InsnList branchBody(int n, int firstLocal) {
        InsnList l = new InsnList();
        for (int k = 0; k < n; k++) {
            LabelNode two = new LabelNode();
            LabelNode call = new LabelNode();
            l.add(new TypeInsnNode(Opcodes.NEW, T));
            l.add(new InsnNode(Opcodes.DUP));
            l.add(new VarInsnNode(Opcodes.ILOAD, 0));
            l.add(new JumpInsnNode(Opcodes.IFEQ, two));
            l.add(new InsnNode(Opcodes.ICONST_1));
            l.add(new JumpInsnNode(Opcodes.GOTO, call));
            l.add(two);
            l.add(new InsnNode(Opcodes.ICONST_2));
            l.add(call);
            l.add(new MethodInsnNode(Opcodes.INVOKESPECIAL, T, "<init>", "(I)V", false));
            l.add(new VarInsnNode(Opcodes.ASTORE, firstLocal + k));
            l.add(new VarInsnNode(Opcodes.ALOAD, firstLocal + k));
            l.add(new MethodInsnNode(Opcodes.INVOKEVIRTUAL, T, "use", "()V", false));
        }
        return l;
    }

    /** {@link #branches} inside one {@code try} whose handler stores the exception and loads the last object. */
    static MethodNode tryCatch(int n) {
        MethodNode m = new MethodNode(Opcodes.ACC_STATIC, "tryCatch", "(I)V", null, null);
        LabelNode start = new LabelNode();
        LabelNode end = new LabelNode();
        LabelNode handler = new LabelNode();
        InsnList l = m.instructions;
        l.add(start);
        l.add(branchBody(n, 1));
        l.add(end);
        l.add(new InsnNode(Opcodes.RETURN));
        l.add(handler);
        l.add(new VarInsnNode(Opcodes.ASTORE, 1 + n));
        l.add(new VarInsnNode(Opcodes.ALOAD, n));
        l.add(new InsnNode(Opcodes.POP));
        l.add(new InsnNode(Opcodes.RETURN));
        m.tryCatchBlocks.add(new TryCatchBlockNode(start, end, handler, "java/lang/RuntimeException"));
        m.maxLocals = 2 + n;
        m.maxStack = 3;
        return m;
    }

    /** {@link #straight} as the body of a loop ({@code do { ... } while (s != 0)}). */
    static MethodNode loop(int n) {
        MethodNode m = straight(n);
        m.name = "loop";
        LabelNode head = new LabelNode();
        m.instructions.insert(head);
        AbstractInsnNode ret = m.instructions.getLast();
        m.instructions.insertBefore(ret, new VarInsnNode(Opcodes.LLOAD, 0));
        m.instructions.insertBefore(ret, new InsnNode(Opcodes.LCONST_0));
        m.instructions.insertBefore(ret, new InsnNode(Opcodes.LCMP));
        m.instructions.insertBefore(ret, new JumpInsnNode(Opcodes.IFNE, head));
        return m;
    }

    /** One site spilled to a local before its call (unsafe), one plain site, and {@code super(new T(1))}. */
    static MethodNode constructorWithSpill() {
        MethodNode m = new MethodNode(0, "<init>", "(I)V", null, null);
        InsnList l = m.instructions;
        l.add(new VarInsnNode(Opcodes.ALOAD, 0));
        l.add(new TypeInsnNode(Opcodes.NEW, T));
        l.add(new InsnNode(Opcodes.DUP));
        l.add(new InsnNode(Opcodes.ICONST_1));
        l.add(new MethodInsnNode(Opcodes.INVOKESPECIAL, T, "<init>", "(I)V", false));
        l.add(new MethodInsnNode(Opcodes.INVOKESPECIAL, "gen/Super", "<init>", "(L" + T + ";)V", false));
        l.add(new TypeInsnNode(Opcodes.NEW, T));
        l.add(new VarInsnNode(Opcodes.ASTORE, 2));
        l.add(new VarInsnNode(Opcodes.ALOAD, 2));
        l.add(new VarInsnNode(Opcodes.ALOAD, 2));
        l.add(new VarInsnNode(Opcodes.ILOAD, 1));
        l.add(new MethodInsnNode(Opcodes.INVOKESPECIAL, T, "<init>", "(I)V", false));
        l.add(new VarInsnNode(Opcodes.ASTORE, 3));
        l.add(new VarInsnNode(Opcodes.ALOAD, 2));
        l.add(new MethodInsnNode(Opcodes.INVOKEVIRTUAL, T, "use", "()V", false));
        l.add(new InsnNode(Opcodes.RETURN));
        m.maxLocals = 4;
        m.maxStack = 4;
        return m;
    }

    static final Map<String, IntFunction<MethodNode>> SHAPES = Map.of(
            "straight", InitFlowComplexityTest::straight,
            "branches", InitFlowComplexityTest::branches,
            "tryCatch", InitFlowComplexityTest::tryCatch,
            "loop", InitFlowComplexityTest::loop);

    // ---------------------------------------------------------------- cost

    static long work(MethodNode m) throws AnalyzerException {
        return new InitFlow(OWNER, m).run().work;
    }

    /** What ASM's Analyzer-based analysis holds in frames: every local and stack slot of every instruction. */
    static long analyzerSlots(MethodNode m) throws AnalyzerException {
        long slots = 0;
        for (Frame<BasicValue> f : new AnalyzerInitFlow(OWNER, m).run().frames) {
            if (f != null) {
                slots += f.getLocals() + f.getMaxStackSize();
            }
        }
        return slots;
    }

    /**
     * 500 and 2,000 allocations, each into a local of its own: the work may grow 4-fold with the
     * instructions, times the one extra level the locals tree gets above 1,024 locals (a store
     * copies one path of 32-wide nodes), not 16-fold as frames of every local at every
     * instruction did.
     */
    @Test
    void work_grows_linearly_with_the_number_of_allocations() throws Exception {
        StringBuilder report = new StringBuilder();
        for (Map.Entry<String, IntFunction<MethodNode>> e : SHAPES.entrySet()) {
            MethodNode small = e.getValue().apply(500);
            MethodNode large = e.getValue().apply(2000);
            long w500 = work(small);
            long w2000 = work(large);
            double ratio = (double) w2000 / w500;
            double insnRatio = (double) large.instructions.size() / small.instructions.size();
            report.append(String.format("%s: work %d -> %d (x%.2f) for instructions x%.2f; ", e.getKey(), w500, w2000,
                    ratio, insnRatio));
            // Linear up to the depth of the locals tree: 2 levels of 32 below 1,024 locals, 3 above.
            assertTrue(ratio < 1.5 * insnRatio, e.getKey() + ": 4x the allocations cost x" + ratio
                    + " the work, more than linear (instructions x" + insnRatio + "): " + report);
            assertTrue(w2000 < 200L * large.instructions.size(), e.getKey() + ": " + w2000 + " units of work for "
                    + large.instructions.size() + " instructions");
        }
        System.out.println("InitFlow work: " + report);
    }

    /** The shapes above are the ones that made the old analysis quadratic: its frames alone grow 16-fold. */
    @Test
    void the_analysis_it_replaced_grows_quadratically_on_the_same_methods() throws Exception {
        for (Map.Entry<String, IntFunction<MethodNode>> e : SHAPES.entrySet()) {
            // 250 and 1,000 allocations: the same 4x step, a sixteenth of the memory the old frames take at 2,000.
            double ratio = (double) analyzerSlots(e.getValue().apply(1000)) / analyzerSlots(e.getValue().apply(250));
            assertTrue(ratio > 12, e.getKey() + ": the Analyzer's frames grew x" + ratio + ", expected about x16");
        }
    }

    @Test
    void subroutines_are_refused_with_a_reason() {
        MethodNode m = new MethodNode(Opcodes.ACC_STATIC, "jsr", "()V", null, null);
        LabelNode sub = new LabelNode();
        m.instructions.add(new JumpInsnNode(Opcodes.JSR, sub));
        m.instructions.add(new InsnNode(Opcodes.RETURN));
        m.instructions.add(sub);
        m.instructions.add(new VarInsnNode(Opcodes.ASTORE, 0));
        m.instructions.add(new VarInsnNode(Opcodes.RET, 0));
        m.maxLocals = 1;
        m.maxStack = 1;
        AnalyzerException e = assertThrows(AnalyzerException.class, () -> new InitFlow(OWNER, m).run());
        assertTrue(e.getMessage().contains("subroutines (JSR/RET) are not supported"), e.getMessage());
    }

    // ---------------------------------------------------------------- same conclusions

    @Test
    void generated_methods_get_the_same_conclusions_as_the_analyzer() throws Exception {
        for (Map.Entry<String, IntFunction<MethodNode>> e : SHAPES.entrySet()) {
            for (int n : new int[] {1, 2, 40, 70}) {
                assertSameConclusions(OWNER, e.getValue().apply(n), e.getKey() + "(" + n + ")");
            }
        }
        MethodNode ctor = constructorWithSpill();
        InitFlow f = assertSameConclusions(OWNER, ctor, "constructorWithSpill");
        assertEquals(1, f.thisInits.size(), "super(new T(1)) initialises this");
        assertEquals(1, f.unsafe.size(), "the spilled site is unsafe, the one in super(..) is not");
    }

    @Test
    void third_party_methods_get_the_same_conclusions_as_the_analyzer() throws Exception {
        int methods = 0;
        for (String anchor : new String[] {"com.google.common.collect.ImmutableList",
                "com.fasterxml.jackson.databind.ObjectMapper", "io.netty.buffer.ByteBuf", "io.netty.util.Recycler"}) {
            Path jar = Paths.get(Class.forName(anchor).getProtectionDomain().getCodeSource().getLocation().toURI());
            try (JarFile j = new JarFile(jar.toFile())) {
                for (Enumeration<JarEntry> en = j.entries(); en.hasMoreElements();) {
                    JarEntry je = en.nextElement();
                    if (!je.getName().endsWith(".class") || je.getName().contains("module-info")) {
                        continue;
                    }
                    ClassNode cn = new ClassNode();
                    try (InputStream in = j.getInputStream(je)) {
                        new ClassReader(in.readAllBytes()).accept(cn, ClassReader.EXPAND_FRAMES);
                    }
                    for (MethodNode m : cn.methods) {
                        if (m.instructions.size() > 0 && (m.name.equals("<init>") || allocates(m))) {
                            assertSameConclusions(cn.name, m, cn.name + "." + m.name + m.desc);
                            methods++;
                        }
                    }
                }
            }
        }
        System.out.println("InitFlow: same conclusions as the Analyzer on " + methods + " third-party methods");
        assertTrue(methods > 5_000, "methods compared: " + methods);
    }

    private static boolean allocates(MethodNode m) {
        for (AbstractInsnNode i = m.instructions.getFirst(); i != null; i = i.getNext()) {
            if (i.getOpcode() == Opcodes.NEW) {
                return true;
            }
        }
        return false;
    }

    /** Runs both analyses on {@code m} and checks every conclusion; returns the new one. */
    static InitFlow assertSameConclusions(String owner, MethodNode m, String where) throws Exception {
        AnalyzerInitFlow ref = new AnalyzerInitFlow(owner, m);
        InitFlow flow = new InitFlow(owner, m);
        Exception refError = null;
        Exception flowError = null;
        try {
            ref.run();
        } catch (AnalyzerException | RuntimeException e) {
            refError = e;
        }
        try {
            flow.run();
        } catch (AnalyzerException | RuntimeException e) {
            flowError = e;
        }
        assertEquals(refError == null, flowError == null, where + ": one analysis failed: Analyzer " + refError
                + ", InitFlow " + flowError);
        if (refError != null) {
            return flow;
        }
        assertEquals(ref.unsafe, flow.unsafe, where + ": unsafe sites");
        assertEquals(ref.thisInits, flow.thisInits, where + ": calls initialising this");
        assertEquals(ref.initCalls.keySet(), flow.initCalls.keySet(), where + ": sites with constructor calls");
        for (Map.Entry<AbstractInsnNode, List<MethodInsnNode>> e : ref.initCalls.entrySet()) {
            assertEquals(e.getValue(), flow.initCalls.get(e.getKey()), where + ": constructor calls of a site");
        }
        assertEquals(ref.frames.length, flow.frames.length, where + ": frames");
        Map<AbstractInsnNode, Integer> index = new IdentityHashMap<>();
        for (int i = 0; i < m.instructions.size(); i++) {
            index.put(m.instructions.get(i), i);
        }
        for (int i = 0; i < ref.frames.length; i++) {
            Frame<BasicValue> a = ref.frames[i];
            Frame<BasicValue> b = flow.frames[i];
            assertEquals(a == null, b == null, where + ": reachability of instruction " + i);
            if (a == null) {
                continue;
            }
            assertEquals(a.getLocals(), b.getLocals(), where + ": locals at " + i);
            assertEquals(a.getStackSize(), b.getStackSize(), where + ": stack height at " + i);
            for (int k = 0; k < a.getLocals(); k++) {
                assertEquals(describe(a.getLocal(k), index), describe(b.getLocal(k), index),
                        where + ": local " + k + " at instruction " + i);
            }
            for (int k = 0; k < a.getStackSize(); k++) {
                assertEquals(describe(a.getStack(k), index), describe(b.getStack(k), index),
                        where + ": stack " + k + " at instruction " + i);
            }
        }
        for (int i = 0; i < m.instructions.size(); i++) {
            AbstractInsnNode n = m.instructions.get(i);
            if (n.getOpcode() == Opcodes.NEW) {
                assertSame(ref.safeInitCall((TypeInsnNode) n, i), flow.safeInitCall((TypeInsnNode) n, i),
                        where + ": safe constructor call of the NEW at " + i);
            }
        }
        return flow;
    }

    /** A value as both analyses can agree on it: kind, type, and the NEW (by index) of an uninitialised one. */
    static String describe(BasicValue v, Map<AbstractInsnNode, Integer> index) {
        if (v == null) {
            return "null";
        }
        String type = v.getType() == null ? "-" : v.getType().getDescriptor();
        if (v instanceof InitFlow.Uninit || v instanceof AnalyzerInitFlow.Uninit) {
            AbstractInsnNode site = v instanceof InitFlow.Uninit ? ((InitFlow.Uninit) v).site
                    : ((AnalyzerInitFlow.Uninit) v).site;
            return "uninit " + type + " from " + (site == null ? "this" : "NEW@" + index.get(site));
        }
        return type;
    }
}
