package dev.dragonpool.agent.transform;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.MethodNode;

/** Small edits of an ASM class tree that both the enhancer and build-time weaving make. */
public final class ClassNodes {
    private ClassNodes() {
    }

    /**
     * The class's static initialiser, made (an empty one) when it has none, for code that must
     * run first when the class initialises.
     *
     * @param cn the class
     * @return its {@code <clinit>}
     */
    public static MethodNode staticInitialiser(ClassNode cn) {
        for (MethodNode m : cn.methods) {
            if ("<clinit>".equals(m.name)) {
                return m;
            }
        }
        MethodNode clinit = new MethodNode(Opcodes.ACC_STATIC, "<clinit>", "()V", null, null);
        clinit.instructions.add(new InsnNode(Opcodes.RETURN));
        cn.methods.add(clinit);
        return clinit;
    }
}
