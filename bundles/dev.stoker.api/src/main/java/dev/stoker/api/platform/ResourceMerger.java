package dev.stoker.api.platform;

import dev.stoker.api.repository.MergeOutcome;
import dev.stoker.api.repository.Resource;
import dev.stoker.api.repository.ResourceDiff;
import java.util.Map;

/**
 * Semantic diff and three-way merge of one platform's resources (views, scripts, tags, ...).
 *
 * <p>Conflicts name a resource {@code path} and a {@code pointer} the merger chooses: {@code file#/json/pointer}
 * for a JSON property, {@code file} for a whole text file, {@code tags.json#Folder/Tag} for a tag, and the
 * empty pointer for the resource as a whole (changed on one side, deleted on the other), which the caller
 * resolves by choosing a side. Values are shown as JSON text for JSON properties and tags, as text for files,
 * and {@code null} stands for "absent".
 *
 * <p>Resources hold their files as the platform wrote them. The diff reports content only: a change of formatting
 * or of the platform's modification stamps is no change. A merge keeps each side's bytes where it takes that
 * side's file or resource; what it writes anew is stamped by the caller ({@link ArtifactCodec#stamp}).
 *
 * <p>A resource of type {@value #TAGS_TYPE} holds a tag export in {@value #TAGS_FILE}; it is compared and
 * merged by tag path.
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

  /**
   * Applies the resolutions of a conflicting merge.
   *
   * @param merged the merged resource of the outcome (conflicting properties hold our side)
   * @param resolutions conflict pointer (never empty) to the chosen value in the form the conflict showed
   *     it, or {@code null} for "absent"
   * @return the resolved resource
   * @throws IllegalArgumentException naming the pointer, when a value is malformed or a pointer unknown
   */
  Resource resolve(Resource merged, Map<String, String> resolutions);

  /** The type of the resource that carries a tag export. */
  String TAGS_TYPE = "tags";

  /** The file of the tag export inside that resource. */
  String TAGS_FILE = "tags.json";
}
