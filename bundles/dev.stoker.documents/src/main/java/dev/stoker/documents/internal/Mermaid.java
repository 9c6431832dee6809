package dev.stoker.documents.internal;

import dev.stoker.api.docs.Fact;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The dependency graph of a project manual as Mermaid flowchart text (nodes numbered, paths as labels). */
final class Mermaid {
  private Mermaid() {
  }

  static String graph(List<Fact> dependencies) {
    Map<String, String> nodes = new LinkedHashMap<>();
    StringBuilder edges = new StringBuilder();
    for (Fact d : dependencies) {
      String from = node(nodes, TemplateWriter.v(d, "from"));
      String to = node(nodes, TemplateWriter.v(d, "to"));
      edges.append("  ").append(from).append(" -->|").append(TemplateWriter.v(d, "relation")).append("| ")
          .append(to).append('\n');
    }
    StringBuilder out = new StringBuilder("flowchart LR\n");
    nodes.forEach((path, id) -> out.append("  ").append(id).append("[\"").append(path.replace("\"", "'"))
        .append("\"]\n"));
    return out.append(edges).toString();
  }

  private static String node(Map<String, String> nodes, String path) {
    return nodes.computeIfAbsent(path, p -> "n" + (nodes.size() + 1));
  }
}
