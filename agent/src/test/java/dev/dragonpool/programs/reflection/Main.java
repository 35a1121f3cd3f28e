package dev.dragonpool.programs.reflection;

import dev.dragonpool.Pooling;
import dev.dragonpool.programs.Probe;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reflection must see pooled classes as they were written: constructors, interfaces, generic
 * signatures, fields and methods. The one documented difference, {@code final} cleared on instance
 * fields, is masked.
 */
public final class Main {
    static final Class<?>[] CLASSES = {PublicCtor.class, PackageCtor.class, PrivateCtor.class, MultiCtor.class,
        WithInterfaces.class, Generic.class, SerialThing.class, SubOfPooled.class, Holder.Nested.class, Holder.Inner.class};

    private Main() {
    }

    static String field(Field f) {
        int m = f.getModifiers();
        if (!Modifier.isStatic(m)) {
            m &= ~Modifier.FINAL;
        }
        return "  field " + Modifier.toString(m) + " " + f.getGenericType().getTypeName() + " " + f.getName()
                + " annotations " + annotations(f.getDeclaredAnnotations());
    }

    static String method(Method m) {
        return "  method " + m.toGenericString() + " bridge=" + m.isBridge() + " varargs=" + m.isVarArgs()
                + " annotations " + annotations(m.getDeclaredAnnotations());
    }

    static String ctor(Constructor<?> c) {
        return "  constructor " + c.toGenericString() + " synthetic=" + c.isSynthetic() + " varargs=" + c.isVarArgs()
                + " parameters " + Arrays.stream(c.getParameters()).map(p -> p.getParameterizedType().getTypeName())
                        .collect(Collectors.toList());
    }

    static void describe(Class<?> c) {
        System.out.println(c.getName() + ": " + Modifier.toString(c.getModifiers()) + " extends "
                + c.getGenericSuperclass() + " type parameters " + Arrays.toString(c.getTypeParameters()));
        System.out.println("  interfaces " + Arrays.toString(c.getInterfaces()));
        System.out.println("  generic interfaces " + Arrays.stream(c.getGenericInterfaces()).map(t -> t.getTypeName())
                .collect(Collectors.toList()));
        System.out.println("  annotations " + annotations(c.getDeclaredAnnotations()));
        System.out.println("  declared classes " + Arrays.stream(c.getDeclaredClasses()).map(Class::getName).sorted()
                .collect(Collectors.toList()));
        List<String> lines = new ArrayList<>();
        for (Constructor<?> k : c.getDeclaredConstructors()) {
            lines.add(ctor(k));
        }
        for (Field f : c.getDeclaredFields()) {
            if (!f.isSynthetic()) {
                lines.add(field(f));
            }
        }
        for (Method m : c.getDeclaredMethods()) {
            if (!m.isSynthetic()) {
                lines.add(method(m));
            }
        }
        lines.sort(null);
        lines.forEach(System.out::println);
        System.out.println("  public constructors " + c.getConstructors().length + ", public non-synthetic methods "
                + Arrays.stream(c.getMethods()).filter(m -> !m.isSynthetic()).map(Method::getName).sorted().collect(Collectors.toList()));
    }

    public static void main(String[] args) {
        // Allocate and release some first, so the classes are loaded (and enhanced) through use.
        Pooling.release(new PublicCtor(1));
        Pooling.release(new PackageCtor("s"));
        Pooling.release(PrivateCtor.of(2));
        new MultiCtor(3L, "a").close();
        Pooling.release(new WithInterfaces());
        Pooling.release(new Generic<Integer, String>(4, "h"));
        Pooling.release(new SerialThing("id"));
        Pooling.release(new SubOfPooled(5, 'c'));
        Pooling.release(new Holder.Nested(6));
        Pooling.release(new Holder().new Inner(7));
        for (Class<?> c : CLASSES) {
            describe(c);
        }
        Probe.pooled(CLASSES);
    }

    /**
     * Annotations as text with their elements sorted: {@code Annotation.toString} lists elements
     * in the order the JVM happens to return the annotation type's methods, which is unspecified
     * and can differ between two runs of the same program.
     */
    static String annotations(java.lang.annotation.Annotation[] as) {
        StringBuilder b = new StringBuilder("[");
        for (java.lang.annotation.Annotation a : as) {
            String t = a.toString();
            int open = t.indexOf('(');
            if (open >= 0 && t.endsWith(")")) {
                String[] parts = t.substring(open + 1, t.length() - 1).split(", ");
                Arrays.sort(parts);
                t = t.substring(0, open + 1) + String.join(", ", parts) + ")";
            }
            b.append(b.length() > 1 ? ", " : "").append(t);
        }
        return b.append(']').toString();
    }
}
