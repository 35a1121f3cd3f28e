package dev.dragonpool.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dragonpool.runtime.Recyclable;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

class TransformTest {
    static final String F = FixtureLoader.FIXTURES;
    FixtureLoader loader;

    @BeforeEach
    void setUp() {
        loader = new FixtureLoader("");
    }

    Class<?> load(String simple) throws Exception {
        return Class.forName(simple.contains(".") ? simple : F + simple, true, loader);
    }

    Object call(String cls, String method, Object... args) throws Throwable {
        for (Method m : load(cls).getDeclaredMethods()) {
            if (m.getName().equals(method) && m.getParameterCount() == args.length) {
                m.setAccessible(true);
                try {
                    return m.invoke(null, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            }
        }
        throw new AssertionError("no method " + cls + "." + method);
    }

    static Object get(Object o, String field) throws Exception {
        Class<?> c = o.getClass();
        while (c != null) {
            try {
                var f = c.getDeclaredField(field);
                f.setAccessible(true);
                return f.get(o);
            } catch (NoSuchFieldException e) {
                c = c.getSuperclass();
            }
        }
        throw new AssertionError("no field " + field);
    }

    static void set(Object o, String field, Object v) throws Exception {
        var f = o.getClass().getDeclaredField(field);
        f.setAccessible(true);
        f.set(o, v);
    }

    void release(Object o) throws Throwable {
        call("Sites", "releaseObject", o);
    }

    @Test
    void pooled_class_is_enhanced_without_an_added_interface_or_constructor() throws Exception {
        Class<?> point = load("Point");
        assertFalse(Recyclable.class.isAssignableFrom(point));
        assertEquals(Arrays.asList(dev.dragonpool.fixtures.Point.class.getInterfaces()).toString(),
                Arrays.asList(point.getInterfaces()).toString());
        assertEquals(dev.dragonpool.fixtures.Point.class.getDeclaredConstructors().length, point.getDeclaredConstructors().length);
        assertTrue(loader.results.get(F + "Point").enhanced);
        Method isPooled = load("dev.dragonpool.Pooling").getMethod("isPooled", Class.class);
        assertEquals(true, isPooled.invoke(null, point));
        assertEquals(false, isPooled.invoke(null, load("Unpooled")));
        assertEquals(false, isPooled.invoke(null, String.class));
    }

    @Test
    void instance_fields_lose_final_and_static_fields_keep_it() throws Exception {
        Class<?> named = load("Named");
        assertFalse(Modifier.isFinal(named.getDeclaredField("name").getModifiers()));
        assertFalse(Modifier.isFinal(named.getDeclaredField("id").getModifiers()));
        Class<?> sites = load("Sites");
        assertTrue(Modifier.isFinal(sites.getDeclaredField("ORIGIN").getModifiers()));
    }

    @Test
    void release_then_new_returns_the_same_instance_reinitialised() throws Throwable {
        Object p = call("Sites", "ternaryOfNews", true);
        assertEquals("(1,1,7)", p.toString());
        set(p, "initialised", 99);
        release(p);
        assertEquals(0, get(p, "x"), "fields are cleared at release");
        Object q = call("Sites", "ternaryOfNews", false);
        assertSame(p, q);
        assertEquals("(2,2,7)", q.toString(), "field initialisers run again");
    }

    @Test
    void chained_constructor_runs_both_bodies() throws Throwable {
        Object p = call("Sites", "lambda");
        assertEquals("(6,6,7)", p.toString());
        release(p);
        Object q = load("Point").getConstructor().newInstance();
        assertEquals("(-1,-1,7)", q.toString(), "reflection keeps allocating plainly and stays correct");
        release(q);
    }

    @Test
    void every_site_shape_computes_what_plain_java_computes() throws Throwable {
        assertEquals("(0,0,7)", get(null == null ? load("Sites").getField("ORIGIN").get(null) : null, "x").toString().equals("0")
                ? "(0,0,7)" : "bad");
        assertEquals("(3,3,7)", get(load("Sites").getConstructor().newInstance(), "mine").toString());
        assertEquals("(4,4,7)", get(call("Sites", "passedToThisConstructor"), "mine").toString());
        assertEquals("1,7,7", call("Sites", "nested"));
        assertEquals("(1,10,7)", call("Sites", "ternaryArgument", true).toString());
        assertEquals("(2,20,7)", call("Sites", "ternaryArgument", false).toString());
        assertEquals("(8,9,7)", call("Sites", "anonymous").toString());
        assertEquals("(42,7,7)", call("Sites", "switchWithTry", 1, "42").toString());
        assertEquals("(-1,7,7)", call("Sites", "switchWithTry", 1, "x").toString());
        assertEquals("(0,7,7)", call("Sites", "switchWithTry", 2, "x").toString());
        assertEquals("(9,18,7)", call("Sites", "loop", 10).toString());
        var r = loader.results.get(F + "Sites");
        assertTrue(r.rewritten >= 12, "rewritten " + r.rewritten);
        assertEquals(1, r.skipped, "the spilled switch-with-try site stays plain: " + r.skippedWhere);
        assertTrue(r.skippedWhere.get(0).contains("switchWithTry"), r.skippedWhere.toString());
        assertEquals(1, r.releases, "Pooling.release(Point) is a direct call");
        assertTrue(loader.results.get(F + "Sites$1").rewritten >= 1, "anonymous class sites are rewritten");
    }

    @Test
    void exception_in_constructor_body_propagates_and_the_instance_is_never_reused() throws Throwable {
        Class<?> throwing = load("Throwing");
        Method make = throwing.getMethod("$dp$new", int.class);
        InvocationTargetException e = assertThrows(InvocationTargetException.class, () -> make.invoke(null, -3));
        assertEquals(IllegalArgumentException.class, e.getCause().getClass());
        assertEquals("negative: -3", e.getCause().getMessage());
        Object ok = make.invoke(null, 5);
        assertEquals(5, get(ok, "value"));
        assertEquals("set", get(ok, "note"));
        assertEquals((byte) 1, get(ok, "$dp$state"), "handed out by the pool");
    }

    @Test
    void checked_exception_and_two_slot_arguments() throws Throwable {
        Class<?> named = load("Named");
        Method make = named.getMethod("$dp$new", String.class, long.class, double.class);
        Object n = make.invoke(null, "a", 5L, 2.5);
        assertEquals(5L, get(n, "id"));
        assertEquals(2.5, get(n, "weight"));
        InvocationTargetException e = assertThrows(InvocationTargetException.class, () -> make.invoke(null, null, 1L, 1.0));
        assertEquals("no name", e.getCause().getMessage());
    }

    @Test
    void retained_field_survives_and_hooks_run_and_close_releases() throws Throwable {
        Class<?> buffer = load("Buffer");
        Method make = buffer.getMethod("$dp$new", Object.class);
        Object b = make.invoke(null, "one");
        byte[] data = (byte[]) get(b, "data");
        set(b, "length", 3);
        data[0] = 5;
        buffer.getMethod("close").invoke(b);
        assertEquals(1, buffer.getField("hooks").get(null));
        assertNull(get(b, "owner"), "non-retained field cleared");
        assertEquals(0, data[0], "on-release hook ran before clear");
        Object c = make.invoke(null, "two");
        assertSame(b, c);
        assertSame(data, get(c, "data"), "retained buffer kept");
        assertEquals(1, buffer.getField("allocations").get(null));
        assertEquals("two", get(c, "owner"));
        buffer.getMethod("close").invoke(c);
        InvocationTargetException e = assertThrows(InvocationTargetException.class, () -> buffer.getMethod("close").invoke(c));
        assertEquals(IllegalStateException.class, e.getCause().getClass());
        assertTrue(e.getCause().getMessage().contains(F + "Buffer"), e.getCause().getMessage());
    }

    @Test
    void pooled_superclass_is_reinitialised_and_its_hooks_run() throws Throwable {
        Class<?> derived = load("Derived");
        Method make = derived.getMethod("$dp$new", int.class, int.class);
        Object d = make.invoke(null, 1, 2);
        assertEquals(2, get(d, "a"));
        assertEquals(2, get(d, "b"));
        assertEquals("base", get(d, "tag"));
        release(d);
        assertEquals(1, load("Base").getField("baseHooks").get(null));
        assertNull(get(d, "tag"));
        Object e = make.invoke(null, 10, 20);
        assertSame(d, e);
        assertEquals(11, get(e, "a"));
        assertEquals("base", get(e, "tag"));
        Object base = load("Base").getMethod("$dp$new", int.class).invoke(null, 1);
        assertNotSame(d, base, "the base class has its own cache");
    }

    @Test
    void generic_varargs_and_inner_classes() throws Throwable {
        Object box = load("Box").getMethod("$dp$new", Comparable.class, String[].class).invoke(null, "v", new String[] {"t"});
        assertEquals("v", get(box, "value"));
        assertEquals(Arrays.asList("t"), get(box, "tags"));
        Object outer = load("Outer").getConstructor().newInstance();
        Object inner = outer.getClass().getMethod("make", int.class).invoke(outer, 5);
        assertEquals(105, get(inner, "v"));
        assertTrue(loader.results.get(F + "Outer$Inner").enhanced);
        assertEquals(1, loader.results.get(F + "Outer").rewritten);
    }

    @Test
    void bad_releases_throw_with_messages_naming_the_class() throws Throwable {
        NullPointerException npe = assertThrows(NullPointerException.class, () -> release(null));
        assertTrue(npe.getMessage().contains("null"));
        IllegalArgumentException iae = assertThrows(IllegalArgumentException.class, () -> release("text"));
        assertTrue(iae.getMessage().contains("java.lang.String"), iae.getMessage());
        Object sub = load("Unpooled").getConstructor().newInstance();
        release(sub); // an unpooled subclass of a pooled class: nothing happens, as without the agent
        Object p = call("Sites", "ternaryOfNews", true);
        release(p);
        IllegalStateException ise = assertThrows(IllegalStateException.class, () -> call("Sites", "releasePoint", p));
        assertTrue(ise.getMessage().contains(F + "Point"), ise.getMessage());
    }

    @Test
    void records_enums_interfaces_abstract_and_stateful_superclasses_are_refused() throws Exception {
        for (String n : new String[] {"Refused$Rec", "Refused$Color", "Refused$Abstract", "Refused$Iface", "Refused$StatefulSuper"}) {
            load(n);
            assertFalse(loader.results.get(F + n).enhanced, n);
        }
        String all = String.join("\n", loader.refusals);
        assertTrue(all.contains("Refused$Rec: record"), all);
        assertTrue(all.contains("Refused$Color: enum"), all);
        assertTrue(all.contains("Refused$Abstract: abstract class"), all);
        assertTrue(all.contains("Refused$Iface: interface"), all);
        assertTrue(all.contains("Refused$StatefulSuper: superclass java.util.ArrayList is not pooled and has instance state (field "), all);
        assertEquals(5, loader.refusals.size(), all);
    }

    @Test
    void stateless_superclass_is_allowed_and_one_with_a_busy_constructor_is_refused() throws Throwable {
        Class<?> square = load("Square");
        assertTrue(loader.results.get(F + "Square").enhanced);
        Object s = call("Square", "make", 2.0);
        assertEquals(4.0, square.getMethod("area").invoke(s));
        release(s);
        Object t = call("Square", "make", 3.0);
        assertSame(s, t);
        assertEquals(9.0, square.getMethod("area").invoke(t));
        load("Loud");
        assertFalse(loader.results.get(F + "Loud").enhanced);
        String all = String.join("\n", loader.refusals);
        assertTrue(all.contains("Loud: superclass dev.dragonpool.fixtures.Noisy is not pooled and its constructor ()V does more than delegate"), all);
    }

    @Test
    void guard_full_reports_use_after_release_naming_the_method_and_release_site() throws Throwable {
        loader = new FixtureLoader("", true);
        Class<?> square = load("Square");
        Object s = call("Square", "make", 2.0);
        assertEquals(4.0, square.getMethod("area").invoke(s));
        release(s);
        InvocationTargetException e = assertThrows(InvocationTargetException.class, () -> square.getMethod("area").invoke(s));
        Throwable u = e.getCause();
        assertEquals("dev.dragonpool.runtime.UseAfterReleaseException", u.getClass().getName());
        assertTrue(u.getMessage().startsWith("use after release: " + F + "Square.area()D called on an instance of " + F
                + "Square released at " + F + "Sites.releaseObject(Sites.java:"), u.getMessage());
        assertTrue(u instanceof IllegalStateException);
        for (int i = 0; i < 100; i++) {
            Object again = call("Square", "make", 3.0);
            assertNotSame(s, again, "guard=full never hands a released instance out again");
            assertEquals(9.0, square.getMethod("area").invoke(again));
        }
        e = assertThrows(InvocationTargetException.class, () -> square.getMethod("area").invoke(s));
        assertTrue(e.getCause().getMessage().startsWith("use after release: "), "the stale reference is still caught");
        Class<?> buffer = load("Buffer");
        Object b = buffer.getMethod("$dp$new", Object.class).invoke(null, "x");
        buffer.getMethod("close").invoke(b);
        assertEquals(1, buffer.getField("hooks").get(null), "@OnRelease methods are not guarded");
        e = assertThrows(InvocationTargetException.class, () -> buffer.getMethod("close").invoke(b));
        assertTrue(e.getCause().getMessage().startsWith("double release of an instance of " + F + "Buffer: it was already released at "
                + TransformTest.class.getName() + "."), e.getCause().getMessage());
    }

    /**
     * A release racing a use of the same instance is the program's data race. Under
     * {@code guard=full} a call already running when the instance is released is not interrupted,
     * but its next field access (or method call) on the instance throws; the instance is never
     * handed out again in that mode. Without guard mode the running call sees the fields cleared
     * (docs/robustness.md says so).
     */
    @Test
    void a_use_already_running_when_another_thread_releases_is_caught_at_its_next_field_access() throws Throwable {
        loader = new FixtureLoader("", true);
        Class<?> session = load("Session");
        Object s = call("Session", "make", "ann");
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CompletableFuture<Object> seen = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return session.getMethod("userAfter", java.util.concurrent.CountDownLatch.class,
                        java.util.concurrent.CountDownLatch.class).invoke(s, started, go);
            } catch (ReflectiveOperationException e) {
                return e.getCause() == null ? e : e.getCause();
            }
        });
        assertTrue(started.await(10, java.util.concurrent.TimeUnit.SECONDS));
        release(s); // while userAfter runs on the other thread
        go.countDown();
        Object running = seen.get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals("dev.dragonpool.runtime.UseAfterReleaseException", running.getClass().getName(),
                "the running call's field read after the release is caught (guard=full checks field accesses)");
        InvocationTargetException e = assertThrows(InvocationTargetException.class, () -> session.getMethod("userAfter",
                java.util.concurrent.CountDownLatch.class, java.util.concurrent.CountDownLatch.class)
                .invoke(s, new java.util.concurrent.CountDownLatch(1), new java.util.concurrent.CountDownLatch(0)));
        assertEquals("dev.dragonpool.runtime.UseAfterReleaseException", e.getCause().getClass().getName(),
                "a call that begins after the release is caught by guard=full");
        Object next = call("Session", "make", "bob");
        assertNotSame(s, next, "guard=full never hands the released instance out again");
    }

    @Test
    void serializable_class_keeps_its_default_serial_version_uid() throws Throwable {
        Class<?> enhanced = load("Ticket");
        assertTrue(loader.results.get(F + "Ticket").enhanced);
        long expected = java.io.ObjectStreamClass.lookup(dev.dragonpool.fixtures.Ticket.class).getSerialVersionUID();
        assertEquals(expected, java.io.ObjectStreamClass.lookup(enhanced).getSerialVersionUID());
        Object t = enhanced.getMethod("$dp$new", String.class, int.class).invoke(null, "A1", 12);
        java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(buf)) {
            out.writeObject(new dev.dragonpool.fixtures.Ticket("B2", 7));
        }
        Object back;
        try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(buf.toByteArray())) {
            @Override
            protected Class<?> resolveClass(java.io.ObjectStreamClass desc) throws java.io.IOException, ClassNotFoundException {
                return Class.forName(desc.getName(), false, loader);
            }
        }) {
            back = in.readObject();
        }
        assertEquals(enhanced, back.getClass(), "a stream written without the agent reads into the enhanced class");
        assertEquals("B2", get(back, "id"));
        assertEquals(12, get(t, "seat"));
    }

    @Test
    void release_at_return_is_outside_the_methods_own_handlers() throws Throwable {
        Class<?> guarded = load("Guarded");
        Object g = call("Guarded", "make", 5);
        assertEquals(5, guarded.getMethod("close").invoke(g));
        InvocationTargetException e = assertThrows(InvocationTargetException.class, () -> guarded.getMethod("close").invoke(g));
        assertEquals(IllegalStateException.class, e.getCause().getClass(), "the double release reaches the caller");
        assertEquals(0, guarded.getField("swallowed").get(null), "the method's catch block did not see it");

        // javac ends a try range before the return; a tool may not: cover the return too.
        String rel = "dev/dragonpool/gen/Rel";
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS);
        cw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, rel, null, "java/lang/Object", null);
        cw.visitAnnotation("Ldev/dragonpool/annotations/Pooled;", true).visitEnd();
        cw.visitField(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "handled", "I", null, null).visitEnd();
        MethodVisitor mv = cw.visitMethod(Opcodes.ACC_PUBLIC, "<init>", "()V", null, null);
        mv.visitCode();
        mv.visitVarInsn(Opcodes.ALOAD, 0);
        mv.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
        mv.visitInsn(Opcodes.RETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        mv = cw.visitMethod(Opcodes.ACC_PUBLIC, "close", "()I", null, null);
        mv.visitAnnotation("Ldev/dragonpool/annotations/Release;", true).visitEnd();
        mv.visitCode();
        org.objectweb.asm.Label start = new org.objectweb.asm.Label();
        org.objectweb.asm.Label end = new org.objectweb.asm.Label();
        org.objectweb.asm.Label handler = new org.objectweb.asm.Label();
        mv.visitTryCatchBlock(start, end, handler, "java/lang/RuntimeException");
        mv.visitLabel(start);
        mv.visitInsn(Opcodes.ICONST_1);
        mv.visitInsn(Opcodes.IRETURN);
        mv.visitLabel(end);
        mv.visitLabel(handler);
        mv.visitVarInsn(Opcodes.ASTORE, 1);
        mv.visitFieldInsn(Opcodes.GETSTATIC, rel, "handled", "I");
        mv.visitInsn(Opcodes.ICONST_1);
        mv.visitInsn(Opcodes.IADD);
        mv.visitFieldInsn(Opcodes.PUTSTATIC, rel, "handled", "I");
        mv.visitInsn(Opcodes.ICONST_M1);
        mv.visitInsn(Opcodes.IRETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        cw.visitEnd();
        loader.extra.put(rel, cw.toByteArray());
        Class<?> relClass = load("dev.dragonpool.gen.Rel");
        Object r = relClass.getMethod("$dp$new").invoke(null);
        assertEquals(1, relClass.getMethod("close").invoke(r));
        e = assertThrows(InvocationTargetException.class, () -> relClass.getMethod("close").invoke(r));
        assertEquals(IllegalStateException.class, e.getCause().getClass());
        assertEquals(0, relClass.getField("handled").get(null), "the handler covering the return never saw the release's exception");
    }

    @Test
    void pool_glob_pools_an_unannotated_class() throws Throwable {
        loader = new FixtureLoader("dev.dragonpool.fixtures.Unpool*");
        Class<?> point = load("Point");
        Class<?> unpooled = load("Unpooled");
        assertTrue(loader.results.get(F + "Point").enhanced);
        assertTrue(loader.results.get(F + "Unpooled").enhanced);
        Object u = unpooled.getMethod("$dp$new").invoke(null);
        release(u);
        assertSame(u, unpooled.getMethod("$dp$new").invoke(null));
    }

    @Test
    void flexible_constructor_prologue_is_kept_and_new_without_dup_stays_plain() throws Throwable {
        String flex = "dev/dragonpool/gen/Flex";
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS);
        cw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, flex, null, "java/lang/Object", null);
        cw.visitAnnotation("Ldev/dragonpool/annotations/Pooled;", true).visitEnd();
        cw.visitField(Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL, "a", "I", null, null).visitEnd();
        MethodVisitor mv = cw.visitMethod(Opcodes.ACC_PUBLIC, "<init>", "(I)V", null, null);
        mv.visitCode();
        mv.visitVarInsn(Opcodes.ALOAD, 0);
        mv.visitVarInsn(Opcodes.ILOAD, 1);
        mv.visitInsn(Opcodes.ICONST_2);
        mv.visitInsn(Opcodes.IMUL);
        mv.visitFieldInsn(Opcodes.PUTFIELD, flex, "a", "I");
        mv.visitVarInsn(Opcodes.ALOAD, 0);
        mv.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
        mv.visitInsn(Opcodes.RETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        cw.visitEnd();
        String user = "dev/dragonpool/gen/User";
        ClassWriter uw = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS);
        uw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, user, null, "java/lang/Object", null);
        mv = uw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "make", "(I)L" + flex + ";", null, null);
        mv.visitCode();
        mv.visitTypeInsn(Opcodes.NEW, flex);
        mv.visitInsn(Opcodes.DUP);
        mv.visitVarInsn(Opcodes.ILOAD, 0);
        mv.visitMethodInsn(Opcodes.INVOKESPECIAL, flex, "<init>", "(I)V", false);
        mv.visitInsn(Opcodes.ARETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        mv = uw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "noDup", "(I)L" + flex + ";", null, null);
        mv.visitCode();
        mv.visitTypeInsn(Opcodes.NEW, flex);
        mv.visitVarInsn(Opcodes.ASTORE, 1);
        mv.visitVarInsn(Opcodes.ALOAD, 1);
        mv.visitVarInsn(Opcodes.ILOAD, 0);
        mv.visitMethodInsn(Opcodes.INVOKESPECIAL, flex, "<init>", "(I)V", false);
        mv.visitVarInsn(Opcodes.ALOAD, 1);
        mv.visitInsn(Opcodes.ARETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        uw.visitEnd();
        loader.extra.put(flex, cw.toByteArray());
        loader.extra.put(user, uw.toByteArray());
        Object f = call("dev.dragonpool.gen.User", "make", 4);
        assertEquals(8, get(f, "a"));
        release(f);
        assertSame(f, call("dev.dragonpool.gen.User", "make", 5));
        assertEquals(10, get(f, "a"));
        Object plain = call("dev.dragonpool.gen.User", "noDup", 6);
        assertNotSame(f, plain);
        assertEquals(12, get(plain, "a"));
        var r = loader.results.get("dev.dragonpool.gen.User");
        assertEquals(1, r.rewritten);
        assertEquals(1, r.skipped);
    }

    Object invoke(Object target, String method, Object... args) throws Throwable {
        for (Method m : target.getClass().getDeclaredMethods()) {
            if (m.getName().equals(method) && m.getParameterCount() == args.length) {
                try {
                    return m.invoke(target, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            }
        }
        throw new AssertionError("no method " + target.getClass() + "." + method);
    }

    @Test
    void shuffles_above_the_uninitialised_pair_are_rewritten_and_compute_what_plain_java_computes()
            throws Throwable {
        Object s = load("ArgSites").getConstructor().newInstance();
        set(s, "f", 5);
        set(s, "l", 1L << 40);
        assertEquals("T5", invoke(s, "fieldIncrement").toString());
        assertEquals(6, get(s, "f"));
        assertEquals("T" + (1L << 40), invoke(s, "longFieldIncrement").toString());
        assertEquals((1L << 40) + 1, get(s, "l"));
        int[] ints = {3, 4};
        assertEquals("T4", call("ArgSites", "arrayIncrement", ints, 1).toString());
        assertEquals("[3, 5]", Arrays.toString(ints));
        long[] longs = {-7L, Long.MAX_VALUE - 1};
        assertEquals("T" + (Long.MAX_VALUE - 1), call("ArgSites", "longArrayIncrement", longs, 1).toString());
        assertEquals("[-7, " + Long.MAX_VALUE + "]", Arrays.toString(longs));
        assertEquals("T11", invoke(s, "assignment", 11).toString());
        assertEquals(11, get(s, "a"));
        assertEquals("T24", call("ArgSites", "localAssignment", 6).toString());
        assertEquals("T6<T" + ((1L << 40) + 1) + ">", invoke(s, "nested").toString());
        assertEquals(7, get(s, "f"));
        assertEquals((1L << 40) + 2, get(s, "l"));
        assertEquals("T7", invoke(s, "ternaryIncrement", true).toString());
        assertEquals("T0", invoke(s, "ternaryIncrement", false).toString());
        assertEquals(8, get(s, "f"));
        assertEquals(1, get(s, "g"));
        assertEquals("T7", invoke(s, "compound", 4).toString(), "g was 1, plus 0+1+2+3");
        var r = loader.results.get(F + "ArgSites");
        assertEquals(0, r.skipped, "no site of ArgSites stays plain: " + r.skippedWhere);
        assertEquals(10, r.rewritten);
    }

    @Test
    void site_in_the_pooled_class_own_static_initialiser_is_rewritten() throws Throwable {
        assertEquals("T0", load("Tally").getField("ZERO").get(null).toString());
        var own = loader.results.get(F + "Tally");
        assertEquals(0, own.skipped, "the enhanced static initialiser is analysed: " + own.skippedWhere);
        assertEquals(1, own.rewritten, "new Tally(0) in Tally.<clinit>");
    }

    @Test
    void rewritten_shuffle_sites_take_the_released_instance() throws Throwable {
        Object s = load("ArgSites").getConstructor().newInstance();
        Object t = invoke(s, "fieldIncrement");
        release(t);
        assertSame(t, invoke(s, "longFieldIncrement"), "the DUP2_X1 site took the released instance");
        assertEquals("T0", t.toString());
        release(t);
        assertSame(t, call("ArgSites", "arrayIncrement", new int[] {41}, 0));
        assertEquals("T41", t.toString());
        release(t);
        Object outer = invoke(s, "nested");
        assertSame(t, get(outer, "inner"), "the inner site runs first and takes the released instance");
        assertNotSame(t, outer);
    }

    @Test
    void shuffle_that_moves_the_uninitialised_reference_stays_plain_and_is_skipped() throws Throwable {
        String user = "dev/dragonpool/gen/Mover";
        String tally = "dev/dragonpool/fixtures/Tally";
        ClassWriter uw = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS);
        uw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, user, null, "java/lang/Object", null);
        // NEW; DUP; ICONST_5; DUP_X1 puts a copy of 5 BELOW the upper uninitialised copy, moving it;
        // POP; SWAP restores [U, U, 5] so the call sees the canonical shape again.
        MethodVisitor mv = uw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "moved", "()L" + tally + ";",
                null, null);
        mv.visitCode();
        mv.visitTypeInsn(Opcodes.NEW, tally);
        mv.visitInsn(Opcodes.DUP);
        mv.visitInsn(Opcodes.ICONST_5);
        mv.visitInsn(Opcodes.DUP_X1);
        mv.visitInsn(Opcodes.POP);
        mv.visitInsn(Opcodes.SWAP);
        mv.visitMethodInsn(Opcodes.INVOKESPECIAL, tally, "<init>", "(I)V", false);
        mv.visitInsn(Opcodes.ARETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        // Same site shape, but the DUP_X1 acts on [U, U, 5, 6]: it touches only 5 and 6, giving
        // [U, U, 6, 5, 6]; the two POPs leave [U, U, 6].
        mv = uw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "above", "()L" + tally + ";", null, null);
        mv.visitCode();
        mv.visitTypeInsn(Opcodes.NEW, tally);
        mv.visitInsn(Opcodes.DUP);
        mv.visitInsn(Opcodes.ICONST_5);
        mv.visitIntInsn(Opcodes.BIPUSH, 6);
        mv.visitInsn(Opcodes.DUP_X1);
        mv.visitInsn(Opcodes.POP);
        mv.visitInsn(Opcodes.POP);
        mv.visitMethodInsn(Opcodes.INVOKESPECIAL, tally, "<init>", "(I)V", false);
        mv.visitInsn(Opcodes.ARETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        uw.visitEnd();
        loader.extra.put(user, uw.toByteArray());
        Object moved = call("dev.dragonpool.gen.Mover", "moved");
        assertEquals("T5", moved.toString());
        release(moved);
        Object above = call("dev.dragonpool.gen.Mover", "above");
        assertEquals("T6", above.toString());
        assertSame(moved, above, "the site whose shuffles stay above the pair takes the released instance");
        var r = loader.results.get("dev.dragonpool.gen.Mover");
        assertEquals(1, r.rewritten);
        assertEquals(1, r.skipped);
        assertTrue(r.skippedWhere.get(0).contains("moved") && r.skippedWhere.get(0).contains("unsafe shape"),
                r.skippedWhere.toString());
    }

    @Test
    void classes_mentioning_no_pooled_type_are_not_parsed() throws Exception {
        load("Refused");
        assertFalse(loader.results.get(F + "Refused").parsed);
        assertNull(loader.results.get(F + "Refused").bytes);
    }
}
