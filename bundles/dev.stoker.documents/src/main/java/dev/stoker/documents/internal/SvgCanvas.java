package dev.stoker.documents.internal;

import java.awt.Color;
import java.awt.geom.Point2D;
import java.util.List;
import java.util.Locale;

/**
 * A diagram as a standalone SVG element: shapes and {@code <text>} only, no script, no event attribute, no
 * external reference. Text is escaped for XML (characters XML cannot hold become {@code ?}), so any resource name
 * stays text.
 */
final class SvgCanvas implements DiagramCanvas {
  private final StringBuilder out = new StringBuilder();

  SvgCanvas(double width, double height) {
    out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(n(width)).append("\" height=\"")
        .append(n(height)).append("\" viewBox=\"0 0 ").append(n(width)).append(' ').append(n(height))
        .append("\" font-family=\"").append(DiagramFont.FAMILY).append("\" role=\"img\">\n");
  }

  @Override
  public void box(double x, double y, double width, double height, double radius, Color fill, Color stroke) {
    out.append("<rect x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" width=\"").append(n(width))
        .append("\" height=\"").append(n(height)).append("\" rx=\"").append(n(radius)).append("\" fill=\"")
        .append(color(fill)).append("\" stroke=\"").append(color(stroke)).append("\"/>\n");
  }

  @Override
  public void line(List<Point2D> points, Color color, float width) {
    out.append("<polyline points=\"").append(points(points)).append("\" fill=\"none\" stroke=\"").append(color(color))
        .append("\" stroke-width=\"").append(n(width)).append("\"/>\n");
  }

  @Override
  public void polygon(List<Point2D> points, Color color) {
    out.append("<polygon points=\"").append(points(points)).append("\" fill=\"").append(color(color))
        .append("\"/>\n");
  }

  @Override
  public void text(String text, double x, double y, float size, Color color) {
    out.append("<text x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" font-size=\"").append(n(size))
        .append("\" fill=\"").append(color(color)).append("\">").append(escape(text)).append("</text>\n");
  }

  String svg() {
    return out + "</svg>\n";
  }

  static String escape(String s) {
    StringBuilder e = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> e.append("&amp;");
        case '<' -> e.append("&lt;");
        case '>' -> e.append("&gt;");
        case '"' -> e.append("&quot;");
        case '\'' -> e.append("&#39;");
        default -> {
          boolean pair = Character.isHighSurrogate(c) && i + 1 < s.length()
              && Character.isLowSurrogate(s.charAt(i + 1));
          if (pair) {
            e.append(c).append(s.charAt(++i));
          } else if (c < 0x20 && c != '\t' || Character.isSurrogate(c) || c == 0xFFFE || c == 0xFFFF) {
            e.append('?');
          } else {
            e.append(c);
          }
        }
      }
    }
    return e.toString();
  }

  private static String points(List<Point2D> points) {
    StringBuilder p = new StringBuilder();
    for (Point2D pt : points) {
      p.append(p.isEmpty() ? "" : " ").append(n(pt.getX())).append(',').append(n(pt.getY()));
    }
    return p.toString();
  }

  private static String color(Color c) {
    return c == null ? "none" : String.format(Locale.ROOT, "#%06x", c.getRGB() & 0xffffff);
  }

  private static String n(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }
}
