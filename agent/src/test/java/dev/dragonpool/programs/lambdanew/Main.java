package dev.dragonpool.programs.lambdanew;

import dev.dragonpool.Pooling;
import dev.dragonpool.programs.Probe;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** {@code new} inside lambdas, static and instance initialisers, enum constants and interface methods. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        Probe.section("own static initialiser", () -> System.out.println("first " + Token.FIRST + " made " + Token.made));
        Probe.section("lambdas", () -> {
            String base = "lam";
            Supplier<Token> s = () -> new Token(base);
            Function<Integer, Token> f = i -> new Token(base + i);
            for (int i = 0; i < 3; i++) {
                Token t = s.get();
                Token u = f.apply(i);
                System.out.println("lambda " + t + " " + u);
                Pooling.release(t);
                Pooling.release(u);
            }
            List<String> streamed = IntStream.range(0, 4).mapToObj(i -> new Token("stream" + i)).map(Token::toString)
                    .collect(Collectors.toList());
            System.out.println("stream " + streamed);
            Runnable r = () -> {
                Token local = new Token("runnable");
                System.out.println("runnable " + local);
                Pooling.release(local);
            };
            r.run();
            r.run();
        });
        Probe.section("initialisers", () -> {
            System.out.println("registry defaults " + Registry.DEFAULTS);
            System.out.println("registry factory " + Registry.FACTORY.get());
            Registry a = new Registry();
            Registry b = new Registry();
            System.out.println("instance init " + a.own + " " + b.own);
        });
        Probe.section("enum constants", () -> System.out.println("phases " + Phase.START.token + " " + Phase.STOP.token));
        Probe.section("interface methods", () -> {
            Maker m = () -> "m";
            Token d = m.make();
            System.out.println("interface " + d + " " + Maker.fixed());
            Pooling.release(d);
            System.out.println("interface again " + m.make());
        });
        Probe.pooled(Token.class);
    }
}
