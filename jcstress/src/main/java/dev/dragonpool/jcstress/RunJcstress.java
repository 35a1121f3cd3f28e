package dev.dragonpool.jcstress;

import org.openjdk.jcstress.JCStress;
import org.openjdk.jcstress.Options;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs jcstress and exits non-zero when a test failed, so a build or CI step can rely on the
 * exit status (jcstress's own {@code Main} exits 0 whatever the results). The console
 * output is passed through unchanged and scanned for jcstress's progress line
 * {@code (Results: N planned; N passed, N failed, N soft errs, N hard errs)}; a run that never printed one
 * (no test matched) fails too.
 */
public final class RunJcstress {
    private static final Pattern PROGRESS =
            Pattern.compile("Results: \\d+ planned; (\\d+) passed, (\\d+) failed, (\\d+) soft errs, (\\d+) hard errs");

    private RunJcstress() {
    }

    /**
     * @param args jcstress options ({@code -m sanity -t regex -r dir} ...)
     * @throws Exception whatever jcstress throws
     */
    public static void main(String[] args) throws Exception {
        Options opts = new Options(args);
        if (!opts.parse()) {
            System.exit(2);
        }
        PrintStream real = System.out;
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        System.setOut(new PrintStream(new Tee(real, copy), true, StandardCharsets.UTF_8));
        try {
            new JCStress(opts).run();
        } finally {
            System.out.flush();
            System.setOut(real);
        }
        Matcher m = PROGRESS.matcher(copy.toString(StandardCharsets.UTF_8));
        String last = null;
        long passed = 0;
        long bad = 0;
        while (m.find()) {
            last = m.group();
            passed = Long.parseLong(m.group(1));
            bad = Long.parseLong(m.group(2)) + Long.parseLong(m.group(3)) + Long.parseLong(m.group(4));
        }
        if (last == null || passed == 0) {
            real.println("jcstress: no test ran (check -t)");
            System.exit(1);
        }
        if (bad > 0) {
            real.println("jcstress: FAILED (" + last + ")");
            System.exit(1);
        }
        real.println("jcstress: all passed (" + last + ")");
        System.exit(0);
    }

    private static final class Tee extends OutputStream {
        private final OutputStream a;
        private final ByteArrayOutputStream b;

        Tee(OutputStream a, ByteArrayOutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int c) {
            synchronized (this) {
                try {
                    a.write(c);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                b.write(c);
            }
        }

        @Override
        public void write(byte[] buf, int off, int len) {
            synchronized (this) {
                try {
                    a.write(buf, off, len);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                b.write(buf, off, len);
            }
        }

        @Override
        public void flush() throws java.io.IOException {
            a.flush();
        }
    }
}
