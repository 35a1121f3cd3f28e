package dev.dragonpool.bench.charts;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small SVG writer: a white page of a given width whose height grows with what is drawn,
 * text (escaped, optionally wrapped), lines, rectangles and polylines. Coordinates are pixels.
 */
final class Svg {
    static final String FONT = "DejaVu Sans, Verdana, Arial, sans-serif";
    private final int width;
    private final StringBuilder body = new StringBuilder();
    private int height;

    Svg(int width) {
        this.width = width;
    }

    int width() {
        return width;
    }

    private void grow(double y) {
        height = Math.max(height, (int) Math.ceil(y));
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    static String num(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /** Text at (x, y) (baseline); {@code anchor} start, middle or end. */
    Svg text(double x, double y, String s, int size, String anchor, String color, boolean bold) {
        body.append("<text x=\"").append(num(x)).append("\" y=\"").append(num(y)).append("\" font-size=\"").append(size)
                .append("\" text-anchor=\"").append(anchor).append("\" fill=\"").append(color).append('"')
                .append(bold ? " font-weight=\"bold\"" : "").append('>').append(esc(s)).append("</text>\n");
        grow(y + size * 0.4);
        return this;
    }

    /** Rotated text (vertical axis titles). */
    Svg textRotated(double x, double y, String s, int size, String color) {
        body.append("<text x=\"").append(num(x)).append("\" y=\"").append(num(y)).append("\" font-size=\"").append(size)
                .append("\" text-anchor=\"middle\" fill=\"").append(color).append("\" transform=\"rotate(-90 ")
                .append(num(x)).append(' ').append(num(y)).append(")\">").append(esc(s)).append("</text>\n");
        return this;
    }

    /**
     * Wrapped text starting at (x, y): lines of at most {@code chars} characters, broken at
     * spaces (or hard, for a long word such as a class path).
     *
     * @return the baseline after the last line
     */
    double paragraph(double x, double y, String s, int size, String color, int chars) {
        for (String line : wrap(s, chars)) {
            text(x, y, line, size, "start", color, false);
            y += size * 1.35;
        }
        return y;
    }

    static List<String> wrap(String s, int chars) {
        List<String> out = new ArrayList<>();
        String rest = s;
        while (rest.length() > chars) {
            int cut = rest.lastIndexOf(' ', chars);
            if (cut <= chars / 3) {
                cut = chars;
            }
            out.add(rest.substring(0, cut));
            rest = "    " + rest.substring(cut).trim();
        }
        out.add(rest);
        return out;
    }

    Svg line(double x1, double y1, double x2, double y2, String color, double w, String dash) {
        body.append("<line x1=\"").append(num(x1)).append("\" y1=\"").append(num(y1)).append("\" x2=\"").append(num(x2))
                .append("\" y2=\"").append(num(y2)).append("\" stroke=\"").append(color).append("\" stroke-width=\"")
                .append(w).append('"').append(dash == null ? "" : " stroke-dasharray=\"" + dash + "\"").append("/>\n");
        grow(Math.max(y1, y2));
        return this;
    }

    Svg rect(double x, double y, double w, double h, String fill, String stroke) {
        body.append("<rect x=\"").append(num(x)).append("\" y=\"").append(num(y)).append("\" width=\"").append(num(w))
                .append("\" height=\"").append(num(h)).append("\" fill=\"").append(fill).append('"')
                .append(stroke == null ? "" : " stroke=\"" + stroke + "\"").append("/>\n");
        grow(y + h);
        return this;
    }

    Svg polyline(List<double[]> points, String color, double w) {
        body.append("<polyline fill=\"none\" stroke=\"").append(color).append("\" stroke-width=\"").append(w)
                .append("\" stroke-linejoin=\"round\" points=\"");
        for (double[] p : points) {
            body.append(num(p[0])).append(',').append(num(p[1])).append(' ');
            grow(p[1]);
        }
        body.append("\"/>\n");
        return this;
    }

    Svg circle(double x, double y, double r, String color) {
        body.append("<circle cx=\"").append(num(x)).append("\" cy=\"").append(num(y)).append("\" r=\"").append(num(r))
                .append("\" fill=\"").append(color).append("\"/>\n");
        grow(y + r);
        return this;
    }

    @Override
    public String toString() {
        int h = height + 12;
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + width + "\" height=\"" + h + "\" viewBox=\"0 0 " + width
                + " " + h + "\" font-family=\"" + FONT + "\">\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n" + body
                + "</svg>\n";
    }
}
