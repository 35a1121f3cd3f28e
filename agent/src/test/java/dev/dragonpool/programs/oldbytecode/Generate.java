package dev.dragonpool.programs.oldbytecode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Writes class files no modern javac produces, for {@code ProgramsIT} (called in the test JVM, the
 * classes land in a directory on the program's class path):
 * <ul>
 * <li>{@code gen/OldThing}: class file version 50 (Java 6) without stack map frames, and
 * {@code gen/AncientThing}: version 48 (Java 1.4); no annotation: pooled only through the
 * agent's {@code pool=} option, as third-party classes would be (the agent may refuse the
 * version 48 one, then releasing it must be a no-op);</li>
 * <li>{@code gen/OldUser}: version 48, allocates {@code OldThing} inside a {@code jsr}/{@code ret}
 * subroutine, with the new object stored in a local before its constructor runs, and with a
 * branch between {@code new} and the constructor call; and one {@code AncientThing};</li>
 * <li>{@code gen/Shapes52}: version 52 (frames required), the uninitialised object kept in a
 * local variable and initialised from there, and {@code new}/{@code dup_x1}/{@code swap}
 * shapes.</li>
 * </ul>
 */
public final class Generate implements Opcodes {
    static final String PKG = "dev/dragonpool/programs/oldbytecode/gen/";
    static final String THING = PKG + "OldThing";
    static final String ANCIENT = PKG + "AncientThing";

    private Generate() {
    }

    public static void write(Path dir) throws IOException {
        Path pkg = dir.resolve(PKG);
        Files.createDirectories(pkg);
        Files.write(pkg.resolve("OldThing.class"), thing(THING, V1_6));
        Files.write(pkg.resolve("AncientThing.class"), thing(ANCIENT, V1_4));
        Files.write(pkg.resolve("OldUser.class"), oldUser());
        Files.write(pkg.resolve("Shapes52.class"), shapes52());
    }

    /** A class without frames: {@code value}, {@code label} (set through a branch) and {@code touched}. */
    static byte[] thing(String name, int version) {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        cw.visit(version, ACC_PUBLIC | ACC_SUPER, name, null, "java/lang/Object", null);
        cw.visitField(ACC_PUBLIC, "value", "I", null, null).visitEnd();
        cw.visitField(ACC_PUBLIC, "label", "Ljava/lang/String;", null, null).visitEnd();
        cw.visitField(ACC_PUBLIC, "touched", "I", null, null).visitEnd();
        MethodVisitor mv = cw.visitMethod(ACC_PUBLIC, "<init>", "(I)V", null, null);
        mv.visitCode();
        mv.visitVarInsn(ALOAD, 0);
        mv.visitMethodInsn(INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
        mv.visitVarInsn(ALOAD, 0);
        mv.visitVarInsn(ILOAD, 1);
        mv.visitFieldInsn(PUTFIELD, name, "value", "I");
        // label = value < 0 ? "negative" : "old"   (a branch inside the constructor, no frames)
        mv.visitVarInsn(ALOAD, 0);
        mv.visitVarInsn(ILOAD, 1);
        Label nonNeg = new Label();
        Label done = new Label();
        mv.visitJumpInsn(IFGE, nonNeg);
        mv.visitLdcInsn("negative");
        mv.visitJumpInsn(GOTO, done);
        mv.visitLabel(nonNeg);
        mv.visitLdcInsn("old");
        mv.visitLabel(done);
        mv.visitFieldInsn(PUTFIELD, name, "label", "Ljava/lang/String;");
        // touched++
        mv.visitVarInsn(ALOAD, 0);
        mv.visitInsn(DUP);
        mv.visitFieldInsn(GETFIELD, name, "touched", "I");
        mv.visitInsn(ICONST_1);
        mv.visitInsn(IADD);
        mv.visitFieldInsn(PUTFIELD, name, "touched", "I");
        mv.visitInsn(RETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        // public String toString() { return label + value + "/" + touched; } via StringBuffer, as javac 1.4 did
        mv = cw.visitMethod(ACC_PUBLIC, "toString", "()Ljava/lang/String;", null, null);
        mv.visitCode();
        mv.visitTypeInsn(NEW, "java/lang/StringBuffer");
        mv.visitInsn(DUP);
        mv.visitMethodInsn(INVOKESPECIAL, "java/lang/StringBuffer", "<init>", "()V", false);
        mv.visitVarInsn(ALOAD, 0);
        mv.visitFieldInsn(GETFIELD, name, "label", "Ljava/lang/String;");
        mv.visitMethodInsn(INVOKEVIRTUAL, "java/lang/StringBuffer", "append", "(Ljava/lang/String;)Ljava/lang/StringBuffer;", false);
        mv.visitVarInsn(ALOAD, 0);
        mv.visitFieldInsn(GETFIELD, name, "value", "I");
        mv.visitMethodInsn(INVOKEVIRTUAL, "java/lang/StringBuffer", "append", "(I)Ljava/lang/StringBuffer;", false);
        mv.visitLdcInsn("/");
        mv.visitMethodInsn(INVOKEVIRTUAL, "java/lang/StringBuffer", "append", "(Ljava/lang/String;)Ljava/lang/StringBuffer;", false);
        mv.visitVarInsn(ALOAD, 0);
        mv.visitFieldInsn(GETFIELD, name, "touched", "I");
        mv.visitMethodInsn(INVOKEVIRTUAL, "java/lang/StringBuffer", "append", "(I)Ljava/lang/StringBuffer;", false);
        mv.visitMethodInsn(INVOKEVIRTUAL, "java/lang/StringBuffer", "toString", "()Ljava/lang/String;", false);
        mv.visitInsn(ARETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }

    static void defaultConstructor(ClassWriter cw) {
        MethodVisitor mv = cw.visitMethod(ACC_PUBLIC, "<init>", "()V", null, null);
        mv.visitCode();
        mv.visitVarInsn(ALOAD, 0);
        mv.visitMethodInsn(INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
        mv.visitInsn(RETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    /** {@code apply(int)}: returns "a b c" built from three OldThings allocated in three odd ways. */
    static byte[] oldUser() {
        String name = PKG + "OldUser";
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        cw.visit(V1_4, ACC_PUBLIC | ACC_SUPER, name, null, "java/lang/Object", new String[] {"java/util/function/IntFunction"});
        defaultConstructor(cw);
        MethodVisitor mv = cw.visitMethod(ACC_PUBLIC, "apply", "(I)Ljava/lang/Object;", null, null);
        mv.visitCode();
        // locals: 0 this, 1 i, 2 a, 3 b, 4 c, 5 return address, 6 buffer, 7 d
        // a: new stored in a local before its constructor runs
        mv.visitTypeInsn(NEW, THING);
        mv.visitVarInsn(ASTORE, 2);
        mv.visitVarInsn(ALOAD, 2);
        mv.visitVarInsn(ILOAD, 1);
        mv.visitMethodInsn(INVOKESPECIAL, THING, "<init>", "(I)V", false);
        // b: a branch between new and the constructor call: new OldThing(i == 0 ? -1 : i * 2)
        mv.visitTypeInsn(NEW, THING);
        mv.visitInsn(DUP);
        mv.visitVarInsn(ILOAD, 1);
        Label nonZero = new Label();
        Label args = new Label();
        mv.visitJumpInsn(IFNE, nonZero);
        mv.visitInsn(ICONST_M1);
        mv.visitJumpInsn(GOTO, args);
        mv.visitLabel(nonZero);
        mv.visitVarInsn(ILOAD, 1);
        mv.visitInsn(ICONST_2);
        mv.visitInsn(IMUL);
        mv.visitLabel(args);
        mv.visitMethodInsn(INVOKESPECIAL, THING, "<init>", "(I)V", false);
        mv.visitVarInsn(ASTORE, 3);
        // c: allocated inside a jsr subroutine (javac 1.4's finally)
        Label sub = new Label();
        Label after = new Label();
        mv.visitInsn(ACONST_NULL);
        mv.visitVarInsn(ASTORE, 4);
        mv.visitJumpInsn(JSR, sub);
        mv.visitJumpInsn(GOTO, after);
        mv.visitLabel(sub);
        mv.visitVarInsn(ASTORE, 5);
        mv.visitTypeInsn(NEW, THING);
        mv.visitInsn(DUP);
        mv.visitVarInsn(ILOAD, 1);
        mv.visitIntInsn(BIPUSH, 100);
        mv.visitInsn(IADD);
        mv.visitMethodInsn(INVOKESPECIAL, THING, "<init>", "(I)V", false);
        mv.visitVarInsn(ASTORE, 4);
        mv.visitVarInsn(RET, 5);
        mv.visitLabel(after);
        // d: an AncientThing (version 48 class)
        mv.visitTypeInsn(NEW, ANCIENT);
        mv.visitInsn(DUP);
        mv.visitVarInsn(ILOAD, 1);
        mv.visitMethodInsn(INVOKESPECIAL, ANCIENT, "<init>", "(I)V", false);
        mv.visitVarInsn(ASTORE, 7);
        // result = a + " " + b + " " + c + " " + d, then release a, b and d
        mv.visitTypeInsn(NEW, "java/lang/StringBuffer");
        mv.visitInsn(DUP);
        mv.visitMethodInsn(INVOKESPECIAL, "java/lang/StringBuffer", "<init>", "()V", false);
        mv.visitVarInsn(ASTORE, 6);
        for (int local : new int[] {2, 3, 4, 7}) {
            mv.visitVarInsn(ALOAD, 6);
            mv.visitVarInsn(ALOAD, local);
            mv.visitMethodInsn(INVOKEVIRTUAL, "java/lang/StringBuffer", "append", "(Ljava/lang/Object;)Ljava/lang/StringBuffer;", false);
            mv.visitLdcInsn(" ");
            mv.visitMethodInsn(INVOKEVIRTUAL, "java/lang/StringBuffer", "append", "(Ljava/lang/String;)Ljava/lang/StringBuffer;", false);
            mv.visitInsn(POP);
        }
        mv.visitVarInsn(ALOAD, 2);
        mv.visitMethodInsn(INVOKESTATIC, "dev/dragonpool/Pooling", "release", "(Ljava/lang/Object;)V", false);
        mv.visitVarInsn(ALOAD, 3);
        mv.visitMethodInsn(INVOKESTATIC, "dev/dragonpool/Pooling", "release", "(Ljava/lang/Object;)V", false);
        mv.visitVarInsn(ALOAD, 7);
        mv.visitMethodInsn(INVOKESTATIC, "dev/dragonpool/Pooling", "release", "(Ljava/lang/Object;)V", false);
        mv.visitVarInsn(ALOAD, 6);
        mv.visitMethodInsn(INVOKEVIRTUAL, "java/lang/StringBuffer", "toString", "()Ljava/lang/String;", false);
        mv.visitInsn(ARETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }

    /** Version 52: apply(int) allocates with the uninitialised object in a local, and with dup_x1/swap shapes. */
    static byte[] shapes52() {
        String name = PKG + "Shapes52";
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        cw.visit(V1_8, ACC_PUBLIC | ACC_SUPER, name, null, "java/lang/Object", new String[] {"java/util/function/IntFunction"});
        defaultConstructor(cw);
        MethodVisitor mv = cw.visitMethod(ACC_PUBLIC, "apply", "(I)Ljava/lang/Object;", null, null);
        mv.visitCode();
        // a = (uninitialised in local 2) new OldThing(i)
        mv.visitTypeInsn(NEW, THING);
        mv.visitVarInsn(ASTORE, 2);
        mv.visitVarInsn(ALOAD, 2);
        mv.visitVarInsn(ILOAD, 1);
        mv.visitMethodInsn(INVOKESPECIAL, THING, "<init>", "(I)V", false);
        // b: argument pushed before new, then new / dup_x1 / swap puts it in place: new OldThing(i + 7)
        mv.visitVarInsn(ILOAD, 1);
        mv.visitIntInsn(BIPUSH, 7);
        mv.visitInsn(IADD);
        mv.visitTypeInsn(NEW, THING);
        mv.visitInsn(DUP_X1);
        mv.visitInsn(SWAP);
        mv.visitMethodInsn(INVOKESPECIAL, THING, "<init>", "(I)V", false);
        mv.visitVarInsn(ASTORE, 3);
        // return a.toString() + "|" + b.toString() (String.concat, no frames needed: straight-line code)
        mv.visitVarInsn(ALOAD, 2);
        mv.visitMethodInsn(INVOKEVIRTUAL, THING, "toString", "()Ljava/lang/String;", false);
        mv.visitLdcInsn("|");
        mv.visitMethodInsn(INVOKEVIRTUAL, "java/lang/String", "concat", "(Ljava/lang/String;)Ljava/lang/String;", false);
        mv.visitVarInsn(ALOAD, 3);
        mv.visitMethodInsn(INVOKEVIRTUAL, THING, "toString", "()Ljava/lang/String;", false);
        mv.visitMethodInsn(INVOKEVIRTUAL, "java/lang/String", "concat", "(Ljava/lang/String;)Ljava/lang/String;", false);
        mv.visitVarInsn(ALOAD, 2);
        mv.visitMethodInsn(INVOKESTATIC, "dev/dragonpool/Pooling", "release", "(Ljava/lang/Object;)V", false);
        mv.visitVarInsn(ALOAD, 3);
        mv.visitMethodInsn(INVOKESTATIC, "dev/dragonpool/Pooling", "release", "(Ljava/lang/Object;)V", false);
        mv.visitInsn(ARETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }
}
