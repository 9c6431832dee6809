package dev.stoker.api.repository;

import java.util.List;

/**
 * The resources of one revision.
 *
 * @param revision the commit id the revision names
 * @param hasTags whether the revision holds a tag export ({@code tags.json})
 */
public record TreeListing(String revision, List<Entry> resources, boolean hasTags) {
  public TreeListing {
    resources = List.copyOf(resources);
  }

  /** One resource folder and its files. */
  public record Entry(String path, String type, List<String> files) {
    public Entry {
      files = List.copyOf(files);
    }
  }
}
