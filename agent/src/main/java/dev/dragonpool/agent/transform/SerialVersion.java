package dev.dragonpool.agent.transform;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.commons.SerialVersionUIDAdder;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldNode;

/**
 * Keeps a class's default {@code serialVersionUID} when its members change: a class that
 * declares none gets the default one of the class as compiled, computed from the original class
 * file, declared as a synthetic {@code static final long serialVersionUID}. The agent calls it for
 * every pooled class that may be {@code Serializable} (directly, through an interface that extends
 * it, {@code Externalizable}, {@code Number} or a superclass: {@code PoolDecider} reads the
 * supertypes' class files, and a supertype it cannot read counts as serializable); weaving calls
 * it for every class it changes. Streams written without the
 * agent still read with it and the other way round. Enums and records are left alone (their UID
 * is 0 and never checked). The computation is ASM's {@link SerialVersionUIDAdder}, the JDK's
 * algorithm.
 */
public final class SerialVersion {
    private SerialVersion() {
    }

    /**
     * Declares the original default UID in {@code cn} unless it declares one already.
     *
     * @param original the class file as compiled
     * @param cn the class being changed
     */
    public static void keep(byte[] original, ClassNode cn) {
        if ((cn.access & (Opcodes.ACC_ENUM | Opcodes.ACC_RECORD)) != 0 || "java/lang/Record".equals(cn.superName)
                || "java/lang/Enum".equals(cn.superName)) {
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
            boolean itf = (cn.access & Opcodes.ACC_INTERFACE) != 0;
            cn.fields.add(new FieldNode(Opcodes.ACC_STATIC | Opcodes.ACC_FINAL | Opcodes.ACC_SYNTHETIC
                    | (itf ? Opcodes.ACC_PUBLIC : Opcodes.ACC_PRIVATE), "serialVersionUID", "J", null, svuid[0]));
        }
    }
}
