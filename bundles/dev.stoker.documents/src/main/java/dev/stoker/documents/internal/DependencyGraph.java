package dev.stoker.documents.internal;

import dev.stoker.api.docs.Fact;
import dev.stoker.api.docs.FactSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The dependency facts of a manual as a graph to draw, bounded: at most {@link #MAX_NODES} resources (those with
 * the most dependencies first) and the edges between them; what is left out is counted, so the picture can say
 * so.
 *
 * @param nodes the resource paths drawn, in the order of the facts
 * @param edges the dependencies among them
 * @param totalNodes how many resources the dependencies name
 * @param totalEdges how many dependencies there are
 */
record DependencyGraph(List<String> nodes, List<Edge> edges, int totalNodes, int totalEdges) {
  static final int MAX_NODES = 60;

  /** One dependency: {@code from} embeds or calls {@code to}. */
  record Edge(String from, String to, String relation) {
  }

  /** @return the graph of the dependency facts; empty when there are none */
  static DependencyGraph of(FactSet facts) {
    return of(facts.ofType("dependency"), MAX_NODES);
  }

  static DependencyGraph of(List<Fact> dependencies, int maxNodes) {
    Map<String, Integer> degree = new LinkedHashMap<>();
    List<Edge> all = new ArrayList<>();
    for (Fact d : dependencies) {
      Edge e = new Edge(TemplateWriter.v(d, "from"), TemplateWriter.v(d, "to"), TemplateWriter.v(d, "relation"));
      all.add(e);
      degree.merge(e.from(), 1, Integer::sum);
      degree.merge(e.to(), 1, Integer::sum);
    }
    Map<String, Integer> order = new HashMap<>();
    degree.keySet().forEach(p -> order.put(p, order.size()));
    Set<String> kept = new LinkedHashSet<>();
    degree.keySet().stream().sorted(Comparator.comparing((String p) -> -degree.get(p)).thenComparing(order::get))
        .limit(maxNodes).forEach(kept::add);
    List<String> nodes = degree.keySet().stream().filter(kept::contains).toList();
    List<Edge> edges = all.stream().filter(e -> kept.contains(e.from()) && kept.contains(e.to())).toList();
    return new DependencyGraph(nodes, edges, degree.size(), all.size());
  }

  boolean isEmpty() {
    return nodes.isEmpty();
  }

  /** @return whether resources or dependencies were left out of the drawing */
  boolean truncated() {
    return nodes.size() < totalNodes || edges.size() < totalEdges;
  }
}
