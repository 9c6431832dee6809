package dev.stoker.api.docs;

/**
 * Semantic search over a project ("ask the project"): views, scripts and named queries of the head of the default
 * branch, embedded with a local sentence model (no network) in an index rebuilt per revision, and the project's
 * documents (the current version of each, whatever its status), indexed again when one changes. Whoever may search
 * a project may read its documents: callers check read access to the project first.
 */
public interface ProjectSearch {
  /** The most hits a search answers. */
  int MAX_LIMIT = 50;

  /**
   * @param project the project's name
   * @param query what to look for, in words (1 to 500 characters)
   * @param limit how many hits, 1 to {@link #MAX_LIMIT}
   * @return the resources and documents closest in meaning, best first
   * @throws dev.stoker.api.common.InvalidInputException a blank or too long {@code q}, a bad {@code limit}
   * @throws dev.stoker.api.common.NotFoundException no such project
   * @throws dev.stoker.api.common.ConflictException the project has no revision yet
   */
  SearchResult search(String project, String query, int limit);
}
