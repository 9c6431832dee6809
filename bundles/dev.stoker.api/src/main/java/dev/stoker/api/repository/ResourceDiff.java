package dev.stoker.api.repository;

import dev.stoker.api.common.Nullable;
import java.util.List;

/**
 * What changed in one resource.
 *
 * @param path resource path (the new path for a rename)
 * @param oldPath previous path for a rename, else {@code null}
 * @param kind kind of change
 * @param properties changed properties of JSON files
 * @param textDiff unified diff of text files (scripts), or {@code null}
 * @param runtimeValues changed values that the platform rewrites at run time rather than an engineer (for
 *     Ignition: qualified values a Designer session saved into views), apart from {@code properties}; merges
 *     never conflict on them
 */
public record ResourceDiff(String path, @Nullable String oldPath, ChangeKind kind, List<PropertyChange> properties,
    @Nullable String textDiff, List<PropertyChange> runtimeValues) {
  public ResourceDiff {
    properties = List.copyOf(properties);
    runtimeValues = runtimeValues == null ? List.of() : List.copyOf(runtimeValues);
  }

  /** A diff without runtime values. */
  public ResourceDiff(String path, String oldPath, ChangeKind kind, List<PropertyChange> properties,
      String textDiff) {
    this(path, oldPath, kind, properties, textDiff, List.of());
  }

  /** @return whether runtime values are all that changed */
  public boolean runtimeOnly() {
    return properties.isEmpty() && (textDiff == null || textDiff.isEmpty()) && !runtimeValues.isEmpty();
  }
}
