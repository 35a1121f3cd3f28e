package dev.dragonpool.agent.transform;

import static dev.dragonpool.agent.transform.Names.*;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * The transformation as a pure function {@code byte[] -> byte[]}: given a class file and the
 * {@link PoolDecider} of its class loader, returns the enhanced and rewritten class file, or
 * {@code null} when nothing changes (the common case: the class mentions no pooled type and is
 * not parsed at all, only its constant pool scanned).
 *
 * <p>Order: scan the constant pool; decide whether the class itself is pooled; if neither it nor
 * any class it constructs is pooled and it calls no {@code Pooling.release}, stop. Otherwise
 * parse with expanded frames, {@link Enhancer enhance} if pooled, {@link SiteRewriter rewrite}
 * every method (the generated constructor copies too), and write with maxima recomputed and the
 * frames as patched. {@code dev.dragonpool.Pooling} itself gets bodies that call the runtime.
 */
public final class ClassTransformer {

    /** What one transformation did. */
    public static final class Result {
        /** The new class file, {@code null} if unchanged. */
        public byte[] bytes;
        /** Internal name of the class. */
        public String className;
        /** Whether the class was enhanced as pooled. */
        public boolean enhanced;
        /** Whether the class was parsed. */
        public boolean parsed;
        /** Allocation sites rewritten. */
        public int rewritten;
        /** Allocation sites left plain. */
        public int skipped;
        /** Release calls made direct. */
        public int releases;
        /** Where sites were skipped and why (at most a few). */
        public List<String> skippedWhere = new ArrayList<>();
    }

    private final PoolDecider decider;
    private final Consumer<String> log;

    /**
     * Makes a transformer.
     *
     * @param decider the pooled-class predicate of the class's loader
     * @param log receives one line per notable event (constructors kept plain, ignored annotations)
     */
    public ClassTransformer(PoolDecider decider, Consumer<String> log) {
        this.decider = decider;
        this.log = log;
    }

    /**
     * Transforms a class file.
     *
     * @param bytes the class file
     * @return what was done; {@code result.bytes} is {@code null} when unchanged
     */
    public Result transform(byte[] bytes) {
        Result r = new Result();
        ConstantPoolScan scan = ConstantPoolScan.scan(bytes);
        r.className = scan.className;
        if (POOLING.equals(scan.className)) {
            r.parsed = true;
            r.bytes = rewritePooling(bytes);
            return r;
        }
        PoolDecider.Decision self = decider.decide(scan.className, bytes);
        boolean any = self.pooled || scan.callsRelease;
        for (int i = 0; !any && i < scan.constructed.size(); i++) {
            any = decider.isPooled(scan.constructed.get(i));
        }
        if (!any) {
            return r;
        }
        r.parsed = true;
        ClassNode cn = new ClassNode();
        new ClassReader(bytes).accept(cn, ClassReader.EXPAND_FRAMES);
        if (self.pooled) {
            String name = scan.className.replace('/', '.');
            new Enhancer(cn, self.superName, msg -> log.accept(name + ": " + msg)).enhance();
            r.enhanced = true;
        }
        SiteRewriter sites = new SiteRewriter(decider::isPooled);
        sites.rewrite(cn);
        r.rewritten = sites.rewritten;
        r.skipped = sites.skipped;
        r.releases = sites.releases;
        r.skippedWhere = sites.skippedWhere;
        if (!r.enhanced && r.rewritten == 0 && r.releases == 0) {
            return r;
        }
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        cn.accept(cw);
        r.bytes = cw.toByteArray();
        return r;
    }

    private static byte[] rewritePooling(byte[] bytes) {
        ClassNode cn = new ClassNode();
        new ClassReader(bytes).accept(cn, 0);
        for (MethodNode m : cn.methods) {
            InsnList l = new InsnList();
            if ("release".equals(m.name) && "(Ljava/lang/Object;)V".equals(m.desc)) {
                l.add(new VarInsnNode(Opcodes.ALOAD, 0));
                l.add(new MethodInsnNode(Opcodes.INVOKESTATIC, BRIDGE, "release", m.desc, false));
                l.add(new InsnNode(Opcodes.RETURN));
            } else if ("isPooled".equals(m.name) && "(Ljava/lang/Class;)Z".equals(m.desc)) {
                l.add(new VarInsnNode(Opcodes.ALOAD, 0));
                l.add(new MethodInsnNode(Opcodes.INVOKESTATIC, BRIDGE, "isPooled", m.desc, false));
                l.add(new InsnNode(Opcodes.IRETURN));
            } else {
                continue;
            }
            m.instructions = l;
            m.tryCatchBlocks.clear();
            if (m.localVariables != null) {
                m.localVariables.clear();
            }
        }
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        cn.accept(cw);
        return cw.toByteArray();
    }
}
