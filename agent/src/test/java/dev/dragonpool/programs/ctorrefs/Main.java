package dev.dragonpool.programs.ctorrefs;

import dev.dragonpool.Pooling;
import dev.dragonpool.programs.Probe;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Constructor references of pooled classes. Default mode: deterministic output. Mode
 * {@code reuse} (asserted only under the agent): whether {@code Cell::new} hands out a released
 * instance. Modes {@code write <file>} / {@code read <file>}: a serializable constructor reference
 * across JVMs.
 */
public final class Main {
    private Main() {
    }

    @SuppressWarnings("unchecked")
    static Supplier<Box> roundTrip(Supplier<Box> s) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(s);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (Supplier<Box>) in.readObject();
        }
    }

    @SuppressWarnings("unchecked")
    public static void main(String[] args) throws Exception {
        String mode = args.length == 0 ? "run" : args[0];
        if (mode.equals("reuse")) {
            IntFunction<Cell> f = Cell::new;
            Cell a = f.apply(1);
            Pooling.release(a);
            Cell b = f.apply(2);
            System.out.println("reused=" + (a == b) + " value=" + b.v + " reads=" + b.reads);
            Supplier<Box> s = Box::new;
            Box x = s.get();
            Pooling.release(x);
            System.out.println("supplier reused=" + (x == s.get()));
            return;
        }
        if (mode.equals("write")) {
            Supplier<Box> s = (Supplier<Box> & Serializable) Box::new;
            try (ObjectOutputStream out = new ObjectOutputStream(Files.newOutputStream(Paths.get(args[1])))) {
                out.writeObject(s);
            }
            System.out.println("wrote a serializable Box::new");
            return;
        }
        if (mode.equals("read")) {
            Supplier<Box> s;
            try (ObjectInputStream in = new ObjectInputStream(Files.newInputStream(Paths.get(args[1])))) {
                s = (Supplier<Box>) in.readObject();
            }
            System.out.println("read a Box::new; get() = " + s.get());
            return;
        }
        IntFunction<Cell> f = Cell::new;
        for (int i = 0; i < 3; i++) {
            Cell c = f.apply(i);
            System.out.println("IntFunction " + c + " read " + c.read() + " " + c.read());
            Pooling.release(c);
        }
        Supplier<Box> s = Box::new;
        for (int i = 0; i < 3; i++) {
            Box b = s.get();
            b.content = "item" + i;
            System.out.println("Supplier " + b);
            Pooling.release(b);
        }
        System.out.println("fresh box content " + s.get().content);
        List<Order> orders = Stream.of(3, 1, 2).map(Order::new).collect(Collectors.toList());
        System.out.println("stream.map " + orders);
        orders.forEach(Pooling::release);
        TreeMap<String, Order> byKey = new TreeMap<>();
        for (String k : new String[] {"b", "a", "b", "c", "a"}) {
            byKey.computeIfAbsent(k, Order::new).quantity++;
        }
        System.out.println("computeIfAbsent " + byKey);
        BiFunction<String, Integer, Order> two = Order::new;
        System.out.println("BiFunction " + two.apply("pair", 7));
        Function<Integer, Cell> boxed = Cell::new;
        System.out.println("unboxing Function " + boxed.apply(42));
        System.out.println("IntStream.mapToObj " + IntStream.range(0, 4).mapToObj(Cell::new).map(Cell::toString)
                .collect(Collectors.joining(",")));
        IntFunction<Cell[]> arrays = Cell[]::new;
        System.out.println("array constructor length " + arrays.apply(5).length);
        Outer outer = new Outer("o-");
        Function<String, Outer.Part> parts = outer.parts();
        System.out.println("inner class reference " + parts.apply("x") + " " + parts.apply("y"));
        Supplier<Box> serial = (Supplier<Box> & Serializable) Box::new;
        Supplier<Box> back = roundTrip(serial);
        Box viaBack = back.get();
        System.out.println("serializable reference round trip " + viaBack.content + " same class "
                + (viaBack.getClass() == Box.class));
        Pooling.release(viaBack);
        List<Supplier<Object>> mixed = new ArrayList<>();
        mixed.add(Box::new);
        mixed.add(() -> new Cell(9));
        mixed.add(StringBuilder::new);
        System.out.println("mixed " + mixed.stream().map(x -> x.get().getClass().getSimpleName()).collect(Collectors.toList()));
        Probe.pooled(Cell.class, Box.class, Order.class, Outer.Part.class);
    }
}
