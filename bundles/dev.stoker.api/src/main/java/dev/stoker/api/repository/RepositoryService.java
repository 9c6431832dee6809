package dev.stoker.api.repository;

import dev.stoker.api.common.Page;
import dev.stoker.api.common.PageRequest;
import dev.stoker.api.repository.Release;
import dev.stoker.api.repository.ResourceDiff;
import dev.stoker.api.repository.ResourceTree;
import dev.stoker.api.repository.Revision;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;

/**
 * Projects kept in Git. A revision holds the project export as the platform wrote it ({@code project.json} and one folder
 * per resource) and, optionally, the tag export ({@code tags.json}); binary assets are pointers into the
 * blob store.
 *
 * <p>Errors: {@link dev.stoker.api.common.InvalidInputException} for bad input (naming the field),
 * {@link dev.stoker.api.common.NotFoundException} for unknown projects, revisions and merges,
 * {@link dev.stoker.api.common.ConflictException} when a branch moved under the caller, and
 * {@link dev.stoker.api.common.UnavailableException} when the project's platform adapter is not installed.
 * Revisions ({@code rev}) are branch names, tag names or commit ids.
 *
 * <p>Threading: safe for concurrent use; writes to one branch are serialised by compare-and-set of its ref.
 */
@org.osgi.annotation.versioning.ProviderType
public interface RepositoryService {

  ProjectInfo create(String name, String platform, String description, String actor);

  Page<ProjectInfo> list(PageRequest page);

  Optional<ProjectInfo> get(String name);

  /** Deletes a project with its history; its blobs stay (they may be shared). */
  boolean delete(String name, String actor);

  List<BranchInfo> branches(String project);

  BranchInfo createBranch(String project, String name, String from, String actor);

  boolean deleteBranch(String project, String name, String actor);

  /**
   * Imports a project export and/or a tag export as one revision; a part left out is kept from the head.
   *
   * @param expectedHead the head the caller saw, or {@code null} for the head at the time of the call
   */
  ImportResult importExport(String project, String branch, InputStream projectExport, InputStream tags,
      String expectedHead, String actor, String message) throws IOException;

  /** Imports an already decoded tree (e.g. pulled from a gateway). */
  ImportResult importTree(String project, String branch, ResourceTree tree, String expectedHead, String actor,
      String message);

  /**
   * Pulls a project (and optionally a tag provider) live from a running environment through the platform
   * adapter's gateway client and imports it as one revision.
   *
   * @param apiKeySecret reference of the secret holding the gateway's API key, or {@code null}
   */
  ImportResult importFromEnvironment(String project, String branch, String environment, String gatewayProject,
      String tagProvider, String apiKeySecret, String actor, String message) throws IOException;

  /**
   * Imports a gateway's project folder (e.g. {@code data/projects/<name>} of a gateway whose data folder is
   * mounted on the Stoker host). Only folders under the configured {@code importRoots} are read.
   */
  ImportResult importFolder(String project, String branch, java.nio.file.Path folder, String actor, String message)
      throws IOException;

  TreeListing tree(String project, String rev);

  /** @return a file of a revision (blob pointers resolved), if present */
  Optional<byte[]> file(String project, String rev, String path) throws IOException;

  /** @return the tree of a revision, files as stored (blob pointers resolved) */
  ResourceTree read(String project, String rev) throws IOException;

  MergeState merge(String project, String source, String target, String message, String actor);

  MergeState mergeState(String project, String id);

  MergeState resolve(String project, String id, List<Resolution> resolutions, String actor);

  /** Commits a merge whose conflicts are all resolved. */
  Revision commitMerge(String project, String id, String actor);

  boolean abandonMerge(String project, String id, String actor);

  List<Release> releases(String project);

  /** Tags a revision and stores its export; the release names the export's SHA-256. */
  Release release(String project, String name, String rev, String sourceEnvironment, String message,
      String actor) throws IOException;

  /** Writes the platform's project export of a revision; a release gives back its stored artifact. */
  void export(String project, String rev, OutputStream out) throws IOException;

  Optional<byte[]> exportTags(String project, String rev);

  RemoteInfo setRemote(String project, String url, String secret, String actor);

  Optional<RemoteInfo> remote(String project);

  BranchInfo push(String project, String branch, String actor);

  BranchInfo pull(String project, String branch, String actor);

  /**
   * Writes one of Stoker's own files kept with the project, outside the platform's export (e.g.
   * {@code stoker/pipeline.yaml}), as one commit. These files are never part of {@link #read}, an export or
   * a deployment, and imports keep them.
   *
   * @param path under {@code stoker/}: a file name of letters, digits, {@code . _ -}
   * @param expectedHead the head the caller saw, or {@code null} for the head at the time of the call
   * @return the new revision
   * @since 2.1
   */
  Revision writeProjectFile(String project, String branch, String path, byte[] content, String expectedHead,
      String actor, String message);

  /**
   * Deploys a revision onto a running environment through the platform adapter's gateway client: the
   * project export (for a release, its stored bytes) and, when the revision has one and {@code tagProvider}
   * is given, the tag export.
   *
   * @param gatewayProject the project name on the gateway, or {@code null} for the Stoker project's name
   * @param tagProvider the tag provider to import the tags into, or {@code null} to leave tags alone
   * @param apiKeySecret reference of the secret holding the gateway's API key, or {@code null}
   * @param actor the user whose stage rights the deploy uses (checked for {@code DEPLOY} and the secret)
   * @return the SHA-256 of the project export sent
   * @since 2.1
   */
  String deploy(String project, String rev, String environment, String gatewayProject, String tagProvider,
      String apiKeySecret, String actor) throws IOException;

  /** History of a branch or revision, newest first. */
  Page<Revision> log(String project, String rev, PageRequest page);

  /** @return what changed between two revisions, resource by resource */
  List<ResourceDiff> diff(String project, String from, String to);
}
