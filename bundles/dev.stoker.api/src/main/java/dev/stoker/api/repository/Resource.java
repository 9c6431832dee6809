package dev.stoker.api.repository;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One resource of a project (a view, a script package, a named query, ...), its files as the platform wrote them.
 *
 * @param path resource path inside the project, e.g.
 *     {@code com.inductiveautomation.perspective/views/Main}
 * @param type resource type, e.g. {@code com.inductiveautomation.perspective/views}
 * @param files file name → content, sorted by name
 */
public record Resource(String path, String type, SortedMap<String, byte[]> files) {
  public Resource {
    files = new TreeMap<>(files);
  }

  /** @return a resource with the given files */
  public static Resource of(String path, String type, Map<String, byte[]> files) {
    return new Resource(path, type, new TreeMap<>(files));
  }
}
