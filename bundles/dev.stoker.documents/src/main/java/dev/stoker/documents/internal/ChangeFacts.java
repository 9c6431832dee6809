package dev.stoker.documents.internal;

import dev.stoker.api.common.Page;
import dev.stoker.api.common.PageRequest;
import dev.stoker.api.repository.ChangeKind;
import dev.stoker.api.repository.PropertyChange;
import dev.stoker.api.repository.RepositoryService;
import dev.stoker.api.repository.ResourceDiff;
import dev.stoker.api.repository.Revision;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Commits and the semantic diff between two revisions, as facts. */
final class ChangeFacts {
  static final int MAX_COMMITS = 500;
  static final int MAX_PROPERTIES = 20;

  private ChangeFacts() {
  }

  /**
   * Adds the commits reachable from {@code toCommit} back to (not including) {@code fromCommit}, or those in
   * {@code [after, before)} when {@code fromCommit} is null.
   *
   * @return the authors, in order of first appearance
   */
  static Set<String> commits(FactsBuilder facts, RepositoryService repo, String project, String fromCommit,
      String toCommit, Instant after, Instant before) {
    Set<String> authors = new LinkedHashSet<>();
    int offset = 0;
    outer:
    while (offset < MAX_COMMITS) {
      Page<Revision> page = repo.log(project, toCommit, new PageRequest(offset, 100));
      for (Revision r : page.items()) {
        if (r.id().equals(fromCommit) || (after != null && r.time().isBefore(after))) {
          break outer;
        }
        if (before == null || r.time().isBefore(before)) {
          facts.add("commit", r.id(), "revision", r.id(), "short", r.id().substring(0, Math.min(7, r.id().length())),
              "author", r.author(), "message", FactsBuilder.firstLine(r.message()), "time", r.time().toString());
          authors.add(r.author());
        }
      }
      if (!page.hasMore()) {
        break;
      }
      offset += page.items().size();
    }
    return authors;
  }

  /** Adds one fact per changed resource and a count of each kind of change. */
  static void diff(FactsBuilder facts, RepositoryService repo, String project, String fromCommit,
      String toCommit) {
    List<ResourceDiff> diffs = repo.diff(project, fromCommit, toCommit);
    Map<ChangeKind, Integer> counts = new EnumMap<>(ChangeKind.class);
    for (ResourceDiff d : diffs) {
      counts.merge(d.kind(), 1, Integer::sum);
      List<PropertyChange> shown = d.properties().stream().limit(MAX_PROPERTIES).toList();
      String properties = shown.stream().map(ChangeFacts::describe).collect(Collectors.joining("; "));
      facts.add("change", d.path(), "path", d.path(), "kind", d.kind().name().toLowerCase(), "oldPath",
          d.oldPath(), "properties", properties.isEmpty() ? null : properties, "propertyCount",
          String.valueOf(d.properties().size()));
    }
    facts.add("count", "changes", "resources", String.valueOf(diffs.size()),
        "added", String.valueOf(counts.getOrDefault(ChangeKind.ADDED, 0)),
        "removed", String.valueOf(counts.getOrDefault(ChangeKind.REMOVED, 0)),
        "modified", String.valueOf(counts.getOrDefault(ChangeKind.MODIFIED, 0)),
        "renamed", String.valueOf(counts.getOrDefault(ChangeKind.RENAMED, 0)));
  }

  /** A property change as {@code pointer: old → new}; values of sensitive-looking properties are redacted. */
  static String describe(PropertyChange p) {
    if (FactsBuilder.sensitive(p.pointer())) {
      return p.pointer() + ": " + FactsBuilder.REDACTED;
    }
    return p.pointer() + ": " + shorten(p.oldValue()) + " → " + shorten(p.newValue());
  }

  private static String shorten(String value) {
    if (value == null) {
      return "∅";
    }
    return value.length() > 80 ? value.substring(0, 80) + "…" : value;
  }
}
