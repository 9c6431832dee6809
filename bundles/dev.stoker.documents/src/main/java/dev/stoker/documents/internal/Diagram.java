package dev.stoker.documents.internal;

import dev.stoker.api.docs.FactSet;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.font.FontRenderContext;
import java.awt.geom.Path2D;
import java.awt.geom.Point2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.jfree.svg.SVGGraphics2D;

/**
 * A manual's dependency diagram drawn on the server from its facts (not from the Mermaid text, which reviewers
 * may edit): laid out by {@link DiagramLayout}, painted once with Java2D onto JFreeSVG (SVG, text escaped by
 * JFreeSVG) or an image (PNG, headless). A caption says what was drawn, and what was left out past
 * {@link DependencyGraph#MAX_NODES} resources. The drawings are views of the facts: they are not part of the
 * signed text.
 */
final class Diagram {
  static final int MAX_PNG_SIDE = 2400;
  private static final double HEADER = 46;
  private static final double MARGIN = 12;
  private static final Font CAPTION = DiagramFont.regular(13f);
  private static final Color EMBEDS = new Color(0x1f5fa8);
  private static final Color CALLS = new Color(0xc0571b);
  private final DiagramLayout.Placed placed;
  private final String caption;
  private final double width;
  private final double height;

  private Diagram(DependencyGraph graph) {
    this.placed = DiagramLayout.place(graph);
    this.caption = caption(graph);
    double captionWidth = CAPTION.getStringBounds(caption, new FontRenderContext(null, true, true)).getWidth()
        + 2 * MARGIN;
    this.width = Math.ceil(Math.max(placed.width(), Math.max(captionWidth, 220)));
    this.height = Math.ceil(placed.height() + HEADER);
  }

  /** @return the drawing of the facts' dependencies; empty when there are none (not a manual, or no links) */
  static Optional<Diagram> of(FactSet facts) {
    DependencyGraph graph = DependencyGraph.of(facts);
    return graph.isEmpty() ? Optional.empty() : Optional.of(new Diagram(graph));
  }

  String caption() {
    return caption;
  }

  /** @return a standalone {@code <svg>} element (no script, no external reference) */
  String svg() {
    SVGGraphics2D g = new SVGGraphics2D(width, height);
    g.setFontFunction(family -> "Liberation Sans, Arial, Helvetica, sans-serif");
    paint(g);
    return g.getSVGElement("stoker-dependencies");
  }

  /** @return the PNG, at up to twice the size, its longer side at most {@link #MAX_PNG_SIDE} pixels */
  byte[] png() {
    double scale = Math.min(2.0, MAX_PNG_SIDE / Math.max(width, height));
    int w = (int) Math.ceil(width * scale);
    int h = (int) Math.ceil(height * scale);
    BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.scale(scale, scale);
      paint(g);
    } finally {
      g.dispose();
    }
    try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      ImageIO.write(image, "png", out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode the diagram as PNG", e);
    }
  }

  private void paint(Graphics2D g) {
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, (int) width, (int) height);
    g.setColor(Color.DARK_GRAY);
    g.setFont(CAPTION);
    g.drawString(caption, (float) MARGIN, 18f);
    legend(g, "embeds", EMBEDS, MARGIN, 36);
    legend(g, "calls", CALLS, MARGIN + 90, 36);
    g.translate(0, HEADER);
    g.setStroke(new BasicStroke(1.4f));
    for (DiagramLayout.Route r : placed.routes()) {
      route(g, r);
    }
    g.setFont(DiagramLayout.FONT);
    for (DiagramLayout.Box b : placed.boxes()) {
      RoundRectangle2D box = new RoundRectangle2D.Double(b.x(), b.y(), b.width(), b.height(), 8, 8);
      g.setColor(fill(b.path()));
      g.fill(box);
      g.setColor(Color.GRAY);
      g.draw(box);
      g.setColor(Color.BLACK);
      g.drawString(b.label(), (float) (b.x() + 10), (float) (b.y() + b.height() / 2 + 4));
    }
    g.translate(0, -HEADER);
  }

  private static void legend(Graphics2D g, String relation, Color color, double x, double y) {
    g.setColor(color);
    g.setStroke(new BasicStroke(2f));
    g.drawLine((int) x, (int) y - 4, (int) x + 26, (int) y - 4);
    arrow(g, new Point2D.Double(x, y - 4), new Point2D.Double(x + 30, y - 4));
    g.setColor(Color.DARK_GRAY);
    g.drawString(relation, (float) (x + 36), (float) y);
  }

  private static void route(Graphics2D g, DiagramLayout.Route r) {
    List<Point2D> p = r.points();
    if (p.size() < 2) {
      return;
    }
    g.setColor(r.relation().equals("calls") ? CALLS : EMBEDS);
    Path2D line = new Path2D.Double();
    line.moveTo(p.get(0).getX(), p.get(0).getY());
    for (int i = 1; i < p.size(); i++) {
      line.lineTo(p.get(i).getX(), p.get(i).getY());
    }
    g.draw(line);
    arrow(g, p.get(p.size() - 2), p.get(p.size() - 1));
  }

  private static void arrow(Graphics2D g, Point2D from, Point2D tip) {
    double angle = Math.atan2(tip.getY() - from.getY(), tip.getX() - from.getX());
    Path2D head = new Path2D.Double();
    head.moveTo(tip.getX(), tip.getY());
    head.lineTo(tip.getX() - 8 * Math.cos(angle - 0.4), tip.getY() - 8 * Math.sin(angle - 0.4));
    head.lineTo(tip.getX() - 8 * Math.cos(angle + 0.4), tip.getY() - 8 * Math.sin(angle + 0.4));
    head.closePath();
    g.fill(head);
  }

  private static Color fill(String path) {
    String[] s = path.split("/", 3);
    String category = s.length < 2 ? "" : ManualFacts.category(s[0] + "/" + s[1]);
    return switch (category) {
      case "view" -> new Color(0xe6f0fb);
      case "script" -> new Color(0xfdf0e4);
      case "named-query" -> new Color(0xeaf6ea);
      default -> new Color(0xf2f2f2);
    };
  }

  private static String caption(DependencyGraph graph) {
    if (!graph.truncated()) {
      return "Dependencies: " + graph.nodes().size() + " resources, " + graph.edges().size() + " links";
    }
    return "Drawn: the " + graph.nodes().size() + " most linked of " + graph.totalNodes() + " resources, "
        + graph.edges().size() + " of " + graph.totalEdges() + " links (the Mermaid text has all)";
  }
}
