package dev.dragonpool.agent.transform;

import static dev.dragonpool.agent.transform.Names.*;

import java.util.function.Consumer;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.commons.SerialVersionUIDAdder;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldNode;
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
            keepSerialVersionUid(bytes, cn);
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

    /**
     * A pooled class that declares no {@code serialVersionUID} gets its default one, computed
     * from the original class file, declared as a synthetic field, so the members enhancement
     * adds do not change it: streams written without the agent read with it and the other way
     * round. It is added whether or not the class turns out to be {@code Serializable} (through a
     * superclass, {@code Externalizable}, an interface extending {@code Serializable}: that
     * cannot be known without loading other classes); for a class that is not, the field is
     * unused, and being synthetic it does not show among the declared members reflection
     * tools list. The computation is ASM's {@link SerialVersionUIDAdder}, the JDK's algorithm.
     */
    static void keepSerialVersionUid(byte[] original, ClassNode cn) {
        if ((cn.access & (Opcodes.ACC_INTERFACE | Opcodes.ACC_ENUM)) != 0) {
            return;
        }
        for (FieldNode f : cn.fields) {
            if (f.name.equals("serialVersionUID")) {
                return;
            }
        }
        long[] svuid = new long[1];
        boolean[] found = new boolean[1];
        new ClassReader(original).accept(new SerialVersionUIDAdder(Opcodes.ASM9, new ClassVisitor(Opcodes.ASM9) {
            @Override
            public FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
                if (name.equals("serialVersionUID") && value instanceof Long) {
                    svuid[0] = (Long) value;
                    found[0] = true;
                }
                return null;
            }
        }) { }, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        if (found[0]) {
            cn.fields.add(new FieldNode(Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC | Opcodes.ACC_FINAL | Opcodes.ACC_SYNTHETIC,
                    "serialVersionUID", "J", null, svuid[0]));
        }
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
