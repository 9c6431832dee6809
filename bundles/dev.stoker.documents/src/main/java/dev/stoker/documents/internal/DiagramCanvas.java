package dev.stoker.documents.internal;

import java.awt.Color;
import java.awt.geom.Point2D;
import java.util.List;

/** What a {@link Diagram} is painted on: SVG elements ({@link SvgCanvas}) or a Java2D image ({@link PngCanvas}). */
interface DiagramCanvas {
  /** A rectangle with rounded corners (radius 0: square), filled and outlined (a null colour: none). */
  void box(double x, double y, double width, double height, double radius, Color fill, Color stroke);

  /** An open polyline. */
  void line(List<Point2D> points, Color color, float width);

  /** A filled polygon. */
  void polygon(List<Point2D> points, Color color);

  /** Text on a baseline starting at x, y, in {@link DiagramFont}. */
  void text(String text, double x, double y, float size, Color color);
}
