package dev.stoker.api.repository;

import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A whole project: its manifest, its resources and, optionally, its tags.
 *
 * @param manifest the project's manifest (for Ignition {@code project.json}), as the platform wrote it
 * @param resources resource path → resource
 * @param tags tag export (normalised JSON), or {@code null}
 */
public record ResourceTree(byte[] manifest, SortedMap<String, Resource> resources, byte[] tags) {
  public ResourceTree {
    resources = new TreeMap<>(resources);
  }
}
