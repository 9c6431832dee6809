package dev.stoker.documents.internal;

import dev.stoker.api.docs.FactSet;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Point2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;

/**
 * A manual's dependency diagram drawn on the server from its facts (not from the Mermaid text, which reviewers
 * may edit): laid out by {@link DiagramLayout}, painted once onto a {@link DiagramCanvas}, as SVG elements
 * ({@link SvgCanvas}, text escaped) or a headless Java2D image (PNG). A caption says what was drawn, and what was
 * left out past {@link DependencyGraph#MAX_NODES} resources. The drawings are views of the facts: they are not
 * part of the signed text.
 */
final class Diagram {
  static final int MAX_PNG_SIDE = 2400;
  private static final double HEADER = 46;
  private static final double MARGIN = 12;
  private static final float CAPTION_SIZE = 13f;
  private static final Color EMBEDS = new Color(0x1f5fa8);
  private static final Color CALLS = new Color(0xc0571b);
  private static final Color INK = new Color(0x404040);
  private final DiagramLayout.Placed placed;
  private final String caption;
  private final double width;
  private final double height;

  private Diagram(DependencyGraph graph) {
    this.placed = DiagramLayout.place(graph);
    this.caption = caption(graph);
    double captionWidth = DiagramFont.get().width(caption, CAPTION_SIZE) + 2 * MARGIN;
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

  /** @return a standalone {@code <svg>} element (no script, no event attribute, no external reference) */
  String svg() {
    SvgCanvas svg = new SvgCanvas(width, height);
    paint(svg);
    return svg.svg();
  }

  /** @return the PNG, at up to twice the size, its longer side at most {@link #MAX_PNG_SIDE} pixels */
  byte[] png() {
    double scale = Math.min(2.0, MAX_PNG_SIDE / Math.max(width, height));
    BufferedImage image = new BufferedImage((int) Math.ceil(width * scale), (int) Math.ceil(height * scale),
        BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.scale(scale, scale);
      paint(new PngCanvas(g));
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

  private void paint(DiagramCanvas c) {
    c.box(0, 0, width, height, 0, Color.WHITE, null);
    c.text(caption, MARGIN, 18, CAPTION_SIZE, INK);
    legend(c, "embeds", EMBEDS, MARGIN, 36);
    legend(c, "calls", CALLS, MARGIN + 90, 36);
    for (DiagramLayout.Route r : placed.routes()) {
      List<Point2D> p = r.points().stream().map(x -> (Point2D) new Point2D.Double(x.getX(), x.getY() + HEADER))
          .toList();
      if (p.size() >= 2) {
        Color color = r.relation().equals("calls") ? CALLS : EMBEDS;
        c.line(p, color, 1.4f);
        c.polygon(arrow(p.get(p.size() - 2), p.get(p.size() - 1)), color);
      }
    }
    for (DiagramLayout.Box b : placed.boxes()) {
      c.box(b.x(), b.y() + HEADER, b.width(), b.height(), 4, fill(b.path()), Color.GRAY);
      c.text(b.label(), b.x() + DiagramLayout.PAD_X, b.y() + HEADER + b.height() / 2 + 4, DiagramLayout.SIZE,
          Color.BLACK);
    }
  }

  private static void legend(DiagramCanvas c, String relation, Color color, double x, double y) {
    Point2D from = new Point2D.Double(x, y - 4);
    Point2D tip = new Point2D.Double(x + 30, y - 4);
    c.line(List.of(from, new Point2D.Double(x + 26, y - 4)), color, 2f);
    c.polygon(arrow(from, tip), color);
    c.text(relation, x + 36, y, CAPTION_SIZE, INK);
  }

  private static List<Point2D> arrow(Point2D from, Point2D tip) {
    double angle = Math.atan2(tip.getY() - from.getY(), tip.getX() - from.getX());
    return List.of(tip,
        new Point2D.Double(tip.getX() - 8 * Math.cos(angle - 0.4), tip.getY() - 8 * Math.sin(angle - 0.4)),
        new Point2D.Double(tip.getX() - 8 * Math.cos(angle + 0.4), tip.getY() - 8 * Math.sin(angle + 0.4)));
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
