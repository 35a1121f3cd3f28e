package dev.dragonpool.agent.transform;

import static dev.dragonpool.agent.transform.Names.*;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FrameNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.BasicValue;
import org.objectweb.asm.tree.analysis.Frame;

/**
 * Rewrites the allocation sites of pooled classes in every method of a class:
 * {@code NEW T; DUP; args; INVOKESPECIAL T.<init>(A)V} becomes {@code args; INVOKESTATIC
 * T.$dp$new(A)T} when {@link InitFlow} proves it safe, and {@code Pooling.release(x)} whose
 * argument's static type is a pooled {@code T} becomes {@code x.dragonpool$release()}.
 *
 * <p>Frames are patched, not recomputed: the only frames that change are those between a
 * removed {@code NEW} and its call, which lose the two uninitialised entries of that
 * {@code NEW} (the analysis proved they are exactly those two stack slots), so no class has to be
 * loaded or parsed to compute a common superclass.
 */
final class SiteRewriter {
    int rewritten;
    int skipped;
    int releases;
    final List<String> skippedWhere = new ArrayList<>();

    private final Predicate<String> pooled;

    SiteRewriter(Predicate<String> pooled) {
        this.pooled = pooled;
    }

    void rewrite(ClassNode cn) {
        for (MethodNode m : cn.methods) {
            if (m.instructions.size() == 0 || ("<init>".equals(m.name) && m.desc.equals("(L" + RAW + ";)V"))) {
                continue;
            }
            rewrite(cn.name, m);
        }
    }

    private void rewrite(String owner, MethodNode m) {
        List<TypeInsnNode> news = new ArrayList<>();
        List<MethodInsnNode> releaseCalls = new ArrayList<>();
        boolean jsr = false;
        for (AbstractInsnNode i = m.instructions.getFirst(); i != null; i = i.getNext()) {
            int op = i.getOpcode();
            if (op == Opcodes.NEW && pooled.test(((TypeInsnNode) i).desc)) {
                news.add((TypeInsnNode) i);
            } else if (op == Opcodes.INVOKESTATIC) {
                MethodInsnNode c = (MethodInsnNode) i;
                if (POOLING.equals(c.owner) && "release".equals(c.name) && "(Ljava/lang/Object;)V".equals(c.desc)) {
                    releaseCalls.add(c);
                }
            } else if (op == Opcodes.JSR || op == Opcodes.RET) {
                jsr = true;
            }
        }
        if (news.isEmpty() && releaseCalls.isEmpty()) {
            return;
        }
        if (jsr) {
            skip(owner, m, news.size(), "subroutines (JSR/RET)");
            return;
        }
        InitFlow flow;
        try {
            flow = new InitFlow(owner, m).run();
        } catch (AnalyzerException | RuntimeException e) {
            skip(owner, m, news.size(), "analysis failed: " + e.getMessage());
            return;
        }
        Map<AbstractInsnNode, MethodInsnNode> safe = new IdentityHashMap<>();
        for (TypeInsnNode n : news) {
            MethodInsnNode call = flow.safeInitCall(n, m.instructions.indexOf(n));
            if (call == null) {
                skip(owner, m, 1, "unsafe shape");
            } else {
                safe.put(n, call);
            }
        }
        List<MethodInsnNode> directReleases = new ArrayList<>();
        for (MethodInsnNode c : releaseCalls) {
            Frame<BasicValue> f = flow.frames[m.instructions.indexOf(c)];
            if (f == null || f.getStackSize() == 0) {
                continue;
            }
            BasicValue top = f.getStack(f.getStackSize() - 1);
            Type t = top.getType();
            if (!(top instanceof InitFlow.Uninit) && t != null && t.getSort() == Type.OBJECT
                    && !"null".equals(t.getInternalName()) && pooled.test(t.getInternalName())) {
                directReleases.add(c);
                c.desc = t.getInternalName();
            }
        }
        for (MethodInsnNode c : directReleases) {
            String type = c.desc;
            c.setOpcode(Opcodes.INVOKEVIRTUAL);
            c.owner = type;
            c.name = RELEASE_METHOD;
            c.desc = "()V";
            c.itf = false;
            releases++;
        }
        if (safe.isEmpty()) {
            return;
        }
        for (AbstractInsnNode i = m.instructions.getFirst(); i != null; i = i.getNext()) {
            if (i instanceof FrameNode) {
                FrameNode f = (FrameNode) i;
                dropUninit(f.stack, safe);
                dropUninit(f.local, safe);
            }
        }
        for (Map.Entry<AbstractInsnNode, MethodInsnNode> e : safe.entrySet()) {
            AbstractInsnNode n = e.getKey();
            MethodInsnNode call = e.getValue();
            AbstractInsnNode dup = InitFlow.nextReal(n);
            m.instructions.remove(dup);
            m.instructions.remove(n);
            call.setOpcode(Opcodes.INVOKESTATIC);
            call.name = FACTORY;
            call.desc = call.desc.substring(0, call.desc.indexOf(')') + 1) + "L" + call.owner + ";";
            call.itf = false;
            rewritten++;
        }
    }

    private static void dropUninit(List<Object> types, Map<AbstractInsnNode, MethodInsnNode> removed) {
        if (types == null) {
            return;
        }
        types.removeIf(t -> t instanceof LabelNode && removed.containsKey(InitFlow.nextReal((LabelNode) t)));
    }

    private void skip(String owner, MethodNode m, int n, String why) {
        skipped += n;
        if (n > 0 && skippedWhere.size() < 32) {
            skippedWhere.add(owner.replace('/', '.') + "." + m.name + m.desc + ": " + why);
        }
    }
}
