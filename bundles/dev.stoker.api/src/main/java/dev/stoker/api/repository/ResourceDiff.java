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
 */
public record ResourceDiff(String path, @Nullable String oldPath, ChangeKind kind, List<PropertyChange> properties,
    @Nullable String textDiff) {
  public ResourceDiff {
    properties = List.copyOf(properties);
  }
}
