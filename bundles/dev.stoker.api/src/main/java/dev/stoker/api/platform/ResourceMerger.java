package dev.stoker.api.platform;

import dev.stoker.api.repository.MergeOutcome;
import dev.stoker.api.repository.Resource;
import dev.stoker.api.repository.ResourceDiff;

/**
 * Semantic diff and three-way merge of one platform's resources (views, scripts, tags, ...).
 *
 * <p>Threading: stateless, safe for concurrent use.
 */
@org.osgi.annotation.versioning.ConsumerType
public interface ResourceMerger {

  /**
   * @param from the older resource, or {@code null} if added
   * @param to the newer resource, or {@code null} if removed
   * @return what changed, in the platform's terms
   */
  ResourceDiff diff(Resource from, Resource to);

  /**
   * @param base common ancestor, or {@code null}
   * @param ours our side, or {@code null} if deleted
   * @param theirs their side, or {@code null} if deleted
   * @return the merged resource, or the conflicts
   */
  MergeOutcome merge(Resource base, Resource ours, Resource theirs);
}
