package dev.stoker.documents.internal;

import java.awt.geom.Point2D;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import com.google.common.base.Supplier;
import com.google.common.base.Suppliers;
import org.eclipse.elk.alg.layered.LayeredLayoutProvider;
import org.eclipse.elk.alg.layered.options.LayeredMetaDataProvider;
import org.eclipse.elk.alg.layered.options.LayeredOptions;
import org.eclipse.elk.core.data.LayoutMetaDataService;
import org.eclipse.elk.core.math.ElkPadding;
import org.eclipse.elk.core.options.CoreOptions;
import org.eclipse.elk.core.options.Direction;
import org.eclipse.elk.core.options.EdgeRouting;
import org.eclipse.elk.core.util.BasicProgressMonitor;
import org.eclipse.elk.graph.ElkBendPoint;
import org.eclipse.elk.graph.ElkEdge;
import org.eclipse.elk.graph.ElkEdgeSection;
import org.eclipse.elk.graph.ElkNode;
import org.eclipse.elk.graph.util.ElkGraphUtil;

/**
 * Places the resources of a {@link DependencyGraph} left to right with Eclipse ELK's layered algorithm (the
 * dependencies point right, edges routed orthogonally). Boxes are sized to their labels in {@link DiagramFont}.
 */
final class DiagramLayout {
  static final float SIZE = 12f;
  static final int MAX_LABEL = 40;
  static final double PAD_X = 10;
  private static final double BOX_H = 26;

  /**
   * ELK's option registry, loaded once: its providers come through {@link java.util.ServiceLoader} from the
   * thread's context loader, here this bundle's (ELK is embedded in it).
   */
  private static final Supplier<LayoutMetaDataService> META_DATA = Suppliers.memoize(() -> {
    Thread t = Thread.currentThread();
    ClassLoader before = t.getContextClassLoader();
    t.setContextClassLoader(DiagramLayout.class.getClassLoader());
    try {
      LayoutMetaDataService service = LayoutMetaDataService.getInstance();
      service.registerLayoutMetaDataProviders(new LayeredMetaDataProvider());
      return service;
    } finally {
      t.setContextClassLoader(before);
    }
  });

  private DiagramLayout() {
  }

  /** A resource's box. */
  record Box(String path, String label, double x, double y, double width, double height) {
  }

  /** A dependency's route, from the first point to the last (the arrow's tip). */
  record Route(String relation, List<Point2D> points) {
  }

  /** The placed graph; coordinates from 0 to width and height. */
  record Placed(List<Box> boxes, List<Route> routes, double width, double height) {
  }

  static Placed place(DependencyGraph graph) {
    META_DATA.get();
    ElkNode root = ElkGraphUtil.createGraph();
    root.setProperty(CoreOptions.DIRECTION, Direction.RIGHT);
    root.setProperty(CoreOptions.EDGE_ROUTING, EdgeRouting.ORTHOGONAL);
    root.setProperty(CoreOptions.PADDING, new ElkPadding(12));
    root.setProperty(LayeredOptions.SPACING_NODE_NODE, 16.0);
    root.setProperty(LayeredOptions.SPACING_NODE_NODE_BETWEEN_LAYERS, 48.0);
    Map<String, ElkNode> nodes = new HashMap<>();
    Map<ElkNode, String> labels = new HashMap<>();
    for (String path : graph.nodes()) {
      ElkNode n = ElkGraphUtil.createNode(root);
      String label = label(path);
      n.setDimensions(Math.ceil(DiagramFont.get().width(label, SIZE) + 2 * PAD_X), BOX_H);
      nodes.put(path, n);
      labels.put(n, label);
    }
    List<ElkEdge> edges = new ArrayList<>();
    List<String> relations = new ArrayList<>();
    for (DependencyGraph.Edge e : graph.edges()) {
      edges.add(ElkGraphUtil.createSimpleEdge(nodes.get(e.from()), nodes.get(e.to())));
      relations.add(e.relation());
    }
    new LayeredLayoutProvider().layout(root, new BasicProgressMonitor());
    List<Box> boxes = new ArrayList<>();
    for (String path : graph.nodes()) {
      ElkNode n = nodes.get(path);
      boxes.add(new Box(path, labels.get(n), n.getX(), n.getY(), n.getWidth(), n.getHeight()));
    }
    List<Route> routes = new ArrayList<>();
    for (int i = 0; i < edges.size(); i++) {
      List<Point2D> points = new ArrayList<>();
      for (ElkEdgeSection s : edges.get(i).getSections()) {
        points.add(new Point2D.Double(s.getStartX(), s.getStartY()));
        for (ElkBendPoint b : s.getBendPoints()) {
          points.add(new Point2D.Double(b.getX(), b.getY()));
        }
        points.add(new Point2D.Double(s.getEndX(), s.getEndY()));
      }
      routes.add(new Route(relations.get(i), points));
    }
    return new Placed(boxes, routes, root.getWidth(), root.getHeight());
  }

  /** The resource's name without its module and type folder, shortened to {@link #MAX_LABEL} characters. */
  static String label(String path) {
    String name = ManualFacts.name(path);
    return name.length() <= MAX_LABEL ? name : name.substring(0, MAX_LABEL - 1) + "…";
  }
}
