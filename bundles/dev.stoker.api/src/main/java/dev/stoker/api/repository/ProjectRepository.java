package dev.stoker.api.repository;

import dev.stoker.api.common.Page;
import dev.stoker.api.common.PageRequest;
import java.util.List;

/**
 * Versioned storage of projects: one revision holds a project and its tags.
 *
 * <p>Threading: safe for concurrent use; two writers racing on one branch see one succeed and the other
 * fail with {@link java.util.ConcurrentModificationException}.
 */
@org.osgi.annotation.versioning.ProviderType
public interface ProjectRepository {

  /**
   * Commits a new revision on a branch.
   *
   * @param project project name
   * @param branch branch
   * @param tree normalised content
   * @param expectedHead the head the caller based its change on, or {@code null} for "whatever is there"
   * @param author Stoker user
   * @param message commit message
   * @return the new revision
   */
  Revision commit(String project, String branch, ResourceTree tree, String expectedHead, String author,
      String message);

  /** @return history of a branch, newest first */
  Page<Revision> history(String project, String branch, PageRequest page);

  /** @return what changed between two revisions */
  List<ResourceDiff> diff(String project, String from, String to);
}
