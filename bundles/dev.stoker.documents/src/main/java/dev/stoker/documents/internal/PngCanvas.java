package dev.stoker.documents.internal;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Path2D;
import java.awt.geom.Point2D;
import java.awt.geom.RoundRectangle2D;
import java.util.List;

/** A diagram painted with Java2D on an image; text as {@link DiagramFont}'s glyph outlines (no AWT font). */
final class PngCanvas implements DiagramCanvas {
  private final Graphics2D g;

  PngCanvas(Graphics2D g) {
    this.g = g;
  }

  @Override
  public void box(double x, double y, double width, double height, double radius, Color fill, Color stroke) {
    RoundRectangle2D r = new RoundRectangle2D.Double(x, y, width, height, 2 * radius, 2 * radius);
    if (fill != null) {
      g.setColor(fill);
      g.fill(r);
    }
    if (stroke != null) {
      g.setColor(stroke);
      g.setStroke(new BasicStroke(1f));
      g.draw(r);
    }
  }

  @Override
  public void line(List<Point2D> points, Color color, float width) {
    g.setColor(color);
    g.setStroke(new BasicStroke(width));
    g.draw(path(points, false));
  }

  @Override
  public void polygon(List<Point2D> points, Color color) {
    g.setColor(color);
    g.fill(path(points, true));
  }

  @Override
  public void text(String text, double x, double y, float size, Color color) {
    g.setColor(color);
    g.fill(DiagramFont.get().outline(text, x, y, size));
  }

  private static Path2D path(List<Point2D> points, boolean closed) {
    Path2D p = new Path2D.Double();
    p.moveTo(points.get(0).getX(), points.get(0).getY());
    for (int i = 1; i < points.size(); i++) {
      p.lineTo(points.get(i).getX(), points.get(i).getY());
    }
    if (closed) {
      p.closePath();
    }
    return p;
  }
}
