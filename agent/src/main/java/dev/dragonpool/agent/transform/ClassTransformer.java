package dev.dragonpool.agent.transform;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

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
 * Everything that touches ASM lives in {@link Rewrite}, so a JVM whose classes mention no pooled
 * type never loads ASM at all.
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
    private final boolean guard;
    private final boolean leaks;

    /**
     * Makes a transformer.
     *
     * @param decider the pooled-class predicate of the class's loader
     * @param log receives one line per notable event (constructors kept plain, ignored annotations)
     */
    public ClassTransformer(PoolDecider decider, Consumer<String> log) {
        this(decider, log, false, false);
    }

    /**
     * Makes a transformer.
     *
     * @param decider the pooled-class predicate of the class's loader
     * @param log receives one line per notable event
     * @param guard {@code guard=full}: pooled classes' methods check for use after release
     */
    public ClassTransformer(PoolDecider decider, Consumer<String> log, boolean guard) {
        this(decider, log, guard, false);
    }

    /**
     * Makes a transformer.
     *
     * @param decider the pooled-class predicate of the class's loader
     * @param log receives one line per notable event
     * @param guard {@code guard=full}: pooled classes' methods check for use after release
     * @param leaks leak tracking is on: pooled classes get the field the tracker needs
     */
    public ClassTransformer(PoolDecider decider, Consumer<String> log, boolean guard, boolean leaks) {
        this.decider = decider;
        this.log = log;
        this.guard = guard;
        this.leaks = leaks;
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
        if (scan.mentionsWoven && dev.dragonpool.agent.weave.Woven.isWoven(bytes)) {
            return r; // woven at build time: enhanced and rewritten already, never twice
        }
        if (Names.POOLING.equals(scan.className)) {
            r.parsed = true;
            r.bytes = Rewrite.pooling(bytes);
            return r;
        }
        PoolDecider.Decision self = decider.decide(scan.className, bytes, scan);
        boolean any = self.pooled || scan.callsRelease;
        for (int i = 0; !any && i < scan.constructed.size(); i++) {
            any = decider.isPooled(scan.constructed.get(i));
        }
        for (int i = 0; guard && !any && i < scan.fieldOwners.size(); i++) {
            any = decider.isPooled(scan.fieldOwners.get(i)); // guard=full checks field accesses too
        }
        if (!any) {
            return r;
        }
        r.parsed = true;
        Rewrite.apply(bytes, self, decider, r, guard, leaks, log);
        return r;
    }

}
