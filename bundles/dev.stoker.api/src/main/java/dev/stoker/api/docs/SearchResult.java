package dev.stoker.api.docs;

import java.util.List;

/**
 * What a search found.
 *
 * @param project the project
 * @param revision the revision searched (the head of the default branch)
 * @param query the query as asked
 * @param indexed how many resources the revision's index holds
 * @param model the embedding model
 * @param hits best first, resources and documents together
 * @param documents how many of the project's documents are indexed (the current version of each, drafts too)
 */
public record SearchResult(String project, String revision, String query, int indexed, String model,
    List<SearchHit> hits, int documents) {
  public SearchResult {
    hits = List.copyOf(hits);
  }

  /** A result over resources only. */
  public SearchResult(String project, String revision, String query, int indexed, String model,
      List<SearchHit> hits) {
    this(project, revision, query, indexed, model, hits, 0);
  }
}
