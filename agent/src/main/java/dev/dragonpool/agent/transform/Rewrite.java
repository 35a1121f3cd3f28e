package dev.dragonpool.agent.transform;

import static dev.dragonpool.agent.transform.Names.*;

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

/** The ASM half of {@link ClassTransformer}: parse, enhance, rewrite sites, write. */
final class Rewrite {
    private Rewrite() {
    }

    static void apply(byte[] bytes, PoolDecider.Decision self, PoolDecider decider, ClassTransformer.Result r,
            boolean guard, boolean leaks, Consumer<String> log) {
        ClassNode cn = new ClassNode();
        new ClassReader(bytes).accept(cn, ClassReader.EXPAND_FRAMES);
        // Sites first: the enhancer copies constructor bodies with their sites already rewritten,
        // and its own generated code (whose fallback is a plain new of the class) is never touched.
        SiteRewriter sites = new SiteRewriter(decider, cn.name, guard);
        sites.rewrite(cn);
        r.rewritten = sites.rewritten;
        r.skipped = sites.skipped;
        r.releases = sites.releases;
        r.skippedWhere = sites.skippedWhere;
        if (self.pooled) {
            String name = r.className.replace('/', '.');
            if (self.serializable) {
                SerialVersion.keep(bytes, cn);
            }
            new Enhancer(cn, self, guard, leaks, msg -> log.accept(name + ": " + msg)).enhance();
            r.enhanced = true;
        }
        if (!r.enhanced && r.rewritten == 0 && r.releases == 0 && sites.guarded == 0) {
            return;
        }
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        cn.accept(cw);
        r.bytes = cw.toByteArray();
    }

    static byte[] pooling(byte[] bytes) {
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
