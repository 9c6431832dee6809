package dev.stoker.rest.internal;

import dev.stoker.api.common.PageRequest;
import dev.stoker.api.repository.ChangeKind;
import dev.stoker.api.repository.ResourceDiff;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * One page of a semantic diff, filtered by folder, kind and runtime values, with the totals a console needs to
 * show a diff of thousands of resources without loading them all: how many match, and how many of the folder's
 * changes are of each kind or hold runtime values only.
 */
final class DiffPages {
  /** Which resources whose only changes are runtime values a page holds. */
  enum Runtime {
    INCLUDE, EXCLUDE, ONLY
  }

  private DiffPages() {
  }

  static Runtime runtime(String value) {
    if (value == null || value.isBlank()) {
      return Runtime.INCLUDE;
    }
    try {
      return Runtime.valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ProblemException.badRequest("runtime", "must be include, exclude or only");
    }
  }

  static ChangeKind kind(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return ChangeKind.valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ProblemException.badRequest("kind", "must be one of " + List.of(ChangeKind.values()));
    }
  }

  static ProjectResource.Diff page(String from, String to, List<ResourceDiff> all, String folder, ChangeKind kind,
      Runtime runtime, PageRequest page) {
    Predicate<ResourceDiff> inFolder = inFolder(folder);
    Map<ChangeKind, Long> kinds = new EnumMap<>(ChangeKind.class);
    for (ChangeKind k : ChangeKind.values()) {
      kinds.put(k, 0L);
    }
    long runtimeOnly = 0;
    List<ResourceDiff> matching = new java.util.ArrayList<>();
    for (ResourceDiff d : all) {
      if (!inFolder.test(d)) {
        continue;
      }
      kinds.merge(d.kind(), 1L, Long::sum);
      runtimeOnly += d.runtimeOnly() ? 1 : 0;
      boolean shown = switch (runtime) {
        case INCLUDE -> true;
        case EXCLUDE -> !d.runtimeOnly();
        case ONLY -> d.runtimeOnly();
      };
      if (shown && (kind == null || d.kind() == kind)) {
        matching.add(d);
      }
    }
    int start = (int) Math.min(page.offset(), matching.size());
    int end = (int) Math.min((long) start + page.limit(), matching.size());
    return new ProjectResource.Diff(from, to, List.copyOf(matching.subList(start, end)), page.offset(), page.limit(),
        matching.size(), kinds, runtimeOnly);
  }

  /** A folder matches itself and everything under it, by the new or the old path. */
  private static Predicate<ResourceDiff> inFolder(String folder) {
    if (folder == null || folder.isBlank()) {
      return d -> true;
    }
    String prefix = folder.strip().replaceAll("/+$", "");
    Predicate<String> under = p -> p != null && (p.equals(prefix) || p.startsWith(prefix + "/"));
    return d -> under.test(d.path()) || under.test(d.oldPath());
  }
}
