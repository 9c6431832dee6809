package dev.stoker.documents.internal;

import dev.stoker.api.docs.DocumentWriter;
import dev.stoker.api.docs.Fact;
import dev.stoker.api.docs.FactSet;
import dev.stoker.api.docs.WritingTask;
import dev.stoker.api.docs.Written;
import java.util.List;
import java.util.Map;

/**
 * The offline writer: renders every kind from the facts alone, deterministically, quoting only fact values and
 * citing each fact as {@code [id]}. An air-gapped site gets the same documents, labelled {@code template}.
 */
final class TemplateWriter implements DocumentWriter {
  static final String ID = "template";
  static final String VERSION = "template-1";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Written write(WritingTask task) {
    StringBuilder out = new StringBuilder("# ").append(task.title()).append("\n\n");
    FactSet f = task.facts();
    switch (task.kind()) {
      case CHANGE_SUMMARY -> changes(out, f);
      case RELEASE_NOTES -> {
        section(out, "Release", f.ofType("release"), x -> "`" + v(x, "name") + "` at revision `"
            + v(x, "revision") + "`, made by " + v(x, "createdBy") + opt(x, "previous", ", after `%s`"));
        changes(out, f);
        deployments(out, f);
      }
      case COMPLIANCE_REPORT -> {
        section(out, "Period", f.ofType("range"), x -> "From " + v(x, "periodFrom") + " to " + v(x, "periodTo"));
        section(out, "Release", f.ofType("release"), x -> "`" + v(x, "name") + "` at revision `"
            + v(x, "revision") + "`, made by " + v(x, "createdBy"));
        section(out, "Changes", f.ofType("commit"), x -> "`" + v(x, "short") + "` by " + v(x, "author") + ": "
            + v(x, "message"));
        runs(out, f);
        deployments(out, f);
        section(out, "Secrets rotated", f.ofType("secret-rotation"), x -> "`" + v(x, "name") + "` by "
            + v(x, "by") + " at " + v(x, "at"));
        section(out, "Alerts", f.ofType("alert"), x -> v(x, "rule") + " on " + v(x, "target") + " ("
            + v(x, "severity") + ", " + v(x, "state") + ") since " + v(x, "since"));
        section(out, "Audit chain", f.ofType("audit-chain"), x -> ("yes".equals(v(x, "intact"))
            ? "Intact: " : "BROKEN: ") + v(x, "entriesChecked") + " entries checked"
            + opt(x, "firstBrokenEntry", ", first broken entry %s"));
      }
      case PROJECT_MANUAL -> manual(out, f);
      default -> throw new IllegalArgumentException("no template for " + task.kind());
    }
    return new Written(out.toString(), ID, VERSION, 0, 0);
  }

  private static void changes(StringBuilder out, FactSet f) {
    for (Fact n : f.ofType("count")) {
      if (n.subject().equals("changes")) {
        out.append(v(n, "resources")).append(" resources changed: ").append(v(n, "added")).append(" added, ")
            .append(v(n, "modified")).append(" modified, ").append(v(n, "removed")).append(" removed, ")
            .append(v(n, "renamed")).append(" renamed [").append(n.id()).append("].\n\n");
      }
    }
    section(out, "Changed resources", f.ofType("change"), x -> v(x, "kind") + " `" + v(x, "path") + "`"
        + opt(x, "oldPath", " (was `%s`)") + opt(x, "properties", ": %s"));
    section(out, "Commits", f.ofType("commit"), x -> "`" + v(x, "short") + "` by " + v(x, "author") + ": "
        + v(x, "message"));
  }

  private static void runs(StringBuilder out, FactSet f) {
    section(out, "Pipeline runs", f.ofType("run"), x -> "Run `" + v(x, "run") + "` " + v(x, "status")
        + ", started by " + v(x, "startedBy") + opt(x, "commit", " at revision `%s`"));
    section(out, "Tests and checks", f.ofType("step"), x -> v(x, "stage") + " / " + v(x, "step") + " ("
        + v(x, "type") + "): " + v(x, "status") + opt(x, "summary", " — %s"));
    section(out, "Approvals", f.ofType("approval"), x -> v(x, "stage") + ": " + v(x, "decision") + " by "
        + v(x, "user") + " at " + v(x, "at") + opt(x, "comment", " — %s") + opt(x, "breakGlass",
            " (break glass)"));
  }

  private static void deployments(StringBuilder out, FactSet f) {
    section(out, "Deployments", f.ofType("deployment"), x -> v(x, "environment") + " (" + v(x, "stage") + ") "
        + v(x, "status") + ", deployed by " + v(x, "deployedBy") + " at " + v(x, "at")
        + opt(x, "approvedBy", ", approved by %s"));
  }

  private static void manual(StringBuilder out, FactSet f) {
    for (Fact n : f.ofType("count")) {
      out.append("Views: ").append(v(n, "views")).append(", scripts: ").append(v(n, "scripts"))
          .append(", named queries: ").append(v(n, "namedQueries")).append(", other resources: ")
          .append(v(n, "otherResources")).append(", tags: ").append(v(n, "tags")).append(", UDTs: ")
          .append(v(n, "udts")).append(" [").append(n.id()).append("].\n\n");
    }
    for (String category : List.of("view", "script", "named-query")) {
      section(out, Map.of("view", "Views", "script", "Scripts", "named-query", "Named queries").get(category),
          f.ofType("resource").stream().filter(x -> category.equals(v(x, "category"))).toList(),
          x -> "`" + v(x, "path") + "`");
    }
    section(out, "Other resources", f.ofType("resource").stream()
        .filter(x -> !List.of("view", "script", "named-query").contains(v(x, "category"))).toList(),
        x -> "`" + v(x, "path") + "` (" + v(x, "type") + ")");
    section(out, "UDTs and UDT instances", f.ofType("tag"), x -> "`" + v(x, "path") + "` " + v(x, "tagType")
        + opt(x, "udt", " of %s"));
    List<Fact> deps = f.ofType("dependency");
    section(out, "Dependencies", deps, x -> "`" + v(x, "from") + "` " + v(x, "relation") + " `" + v(x, "to")
        + "`");
    if (!deps.isEmpty()) {
      out.append("```mermaid\n").append(Mermaid.graph(deps)).append("```\n\n");
    }
  }

  private static void section(StringBuilder out, String heading, List<Fact> facts,
      java.util.function.Function<Fact, String> line) {
    if (facts.isEmpty()) {
      return;
    }
    out.append("## ").append(heading).append("\n\n");
    for (Fact x : facts) {
      out.append("- ").append(line.apply(x)).append(" [").append(x.id()).append("]\n");
    }
    out.append('\n');
  }

  static String v(Fact f, String name) {
    return f.attributes().getOrDefault(name, "");
  }

  private static String opt(Fact f, String name, String format) {
    String value = f.attributes().get(name);
    return value == null || value.isEmpty() ? "" : String.format(format, value);
  }
}
