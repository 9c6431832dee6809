package dev.stoker.repository.internal;

import dev.stoker.api.security.StagePolicy;

import dev.stoker.api.common.Page;
import dev.stoker.api.common.PageRequest;
import dev.stoker.api.environment.EnvironmentService;
import dev.stoker.api.platform.PlatformRegistry;
import dev.stoker.api.repository.BlobStore;
import dev.stoker.api.repository.BranchInfo;
import dev.stoker.api.repository.ImportResult;
import dev.stoker.api.repository.MergeState;
import dev.stoker.api.repository.ProjectInfo;
import dev.stoker.api.repository.Release;
import dev.stoker.api.repository.RemoteInfo;
import dev.stoker.api.repository.RepositoryService;
import dev.stoker.api.repository.Resolution;
import dev.stoker.api.repository.ResourceDiff;
import dev.stoker.api.repository.ResourceTree;
import dev.stoker.api.repository.Revision;
import dev.stoker.api.repository.TreeListing;
import dev.stoker.api.secrets.SecretService;
import dev.stoker.api.security.AuditLog;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Projects in bare JGit repositories under {@code data/repos/<name>.git}. Everything runs on Git objects
 * and refs only (no working tree): an import writes blobs, a tree and a commit, then moves the branch with
 * a compare-and-set, so a concurrent writer gets a conflict instead of losing an update; a merge is computed
 * in memory and committed only when resolved.
 *
 * <p>This component only wires the service references to the collaborators that do the work: {@link Projects},
 * {@link Branches}, {@link Importer}, {@link GatewayTransfer}, {@link Contents}, {@link TreeDiff},
 * {@link MergeService}, {@link Releases} and {@link Mirroring}. Adapters come from the
 * {@link PlatformRegistry}; work with one holds a lease on it.
 */
@Component(service = RepositoryService.class, immediate = true,
    configurationPid = "dev.stoker.repository")
@Designate(ocd = RepositoryConfig.class)
public class GitRepositoryService implements RepositoryService {

  /** Tunables. */
  record Settings(long blobThreshold, long maxFileBytes, Duration mergeRetention, List<Path> importRoots,
      RemotePolicy remotes) {
    Settings {
      importRoots = List.copyOf(importRoots);
    }

    static Settings of(RepositoryConfig c) {
      List<Path> roots = Arrays.stream(c.importRoots().split(",")).map(String::strip)
          .filter(r -> !r.isEmpty()).map(Path::of).toList();
      return new Settings(c.blobThreshold(), c.maxFileBytes(), Duration.ofDays(Math.max(1, c.mergeRetentionDays())),
          roots, RemotePolicy.of(c.allowHttpRemotes(), c.remoteAllowedHosts()));
    }
  }

  private final Journal journal = new Journal();
  private final Projects projects;
  private final Branches branches;
  private final Importer importer;
  private final GatewayTransfer gateways;
  private final Contents contents;
  private final TreeDiff diffs;
  private final MergeService merges;
  private final Releases releases;
  private final Mirroring mirroring;
  private volatile RemoteCredentials credentials = new RemoteCredentials(null);
  private volatile EnvironmentService environments;
  private volatile StagePolicy stagePolicy;

  @Activate
  public GitRepositoryService(@Reference BlobStore blobs, @Reference PlatformRegistry platforms,
      RepositoryConfig config, BundleContext context) throws IOException {
    this(config.root().isBlank() ? FileBlobStoreService.dataDir(context).resolve("repos") : Path.of(config.root()),
        blobs, platforms, Settings.of(config), Clock.systemUTC());
  }

  GitRepositoryService(Path root, BlobStore blobs, PlatformRegistry platforms, Settings settings, Clock clock)
      throws IOException {
    BlobPointers pointers = new BlobPointers(blobs, settings.blobThreshold(), settings.maxFileBytes());
    Commits commits = new Commits(clock);
    this.projects = new Projects(root, platforms, clock, journal);
    this.branches = new Branches(projects, journal);
    this.importer = new Importer(projects, branches, commits, pointers, settings, journal);
    this.contents = new Contents(projects, pointers);
    this.diffs = new TreeDiff(projects);
    this.merges = new MergeService(projects, commits, journal, clock, pointers);
    this.releases = new Releases(projects, contents, commits, blobs, settings.maxFileBytes(), journal);
    this.gateways = new GatewayTransfer(projects, importer, releases, journal, () -> environments,
        () -> credentials, () -> stagePolicy);
    this.mirroring = new Mirroring(projects, journal, () -> credentials, settings.remotes());
    merges.expire(settings.mergeRetention());
  }

  @Deactivate
  void close() {
    importer.close();
    projects.close();
  }

  // ---------------------------------------------------------------- projects and branches

  @Override
  public ProjectInfo create(String name, String platform, String description, String actor) {
    return projects.create(name, platform, description, actor);
  }

  @Override
  public Page<ProjectInfo> list(PageRequest page) {
    return projects.list(page);
  }

  @Override
  public Optional<ProjectInfo> get(String name) {
    return projects.get(name);
  }

  @Override
  public boolean delete(String name, String actor) {
    return projects.delete(name, actor);
  }

  @Override
  public List<BranchInfo> branches(String project) {
    return branches.list(project);
  }

  @Override
  public BranchInfo createBranch(String project, String name, String from, String actor) {
    return branches.create(project, name, from, actor);
  }

  @Override
  public boolean deleteBranch(String project, String name, String actor) {
    return branches.delete(project, name, actor);
  }

  // ---------------------------------------------------------------- imports

  @Override
  public ImportResult importExport(String project, String branch, InputStream projectExport, InputStream tags,
      String expectedHead, String actor, String message) throws IOException {
    return importer.importExport(project, branch, projectExport, tags, expectedHead, actor, message);
  }

  @Override
  public ImportResult importTree(String project, String branch, ResourceTree tree, String expectedHead,
      String actor, String message) {
    return importer.importTree(project, branch, tree, expectedHead, actor, message);
  }

  @Override
  public ImportResult importFromEnvironment(String project, String branch, String environment, String gatewayProject,
      String tagProvider, String apiKeySecret, String actor, String message) throws IOException {
    return gateways.importFromEnvironment(project, branch, environment, gatewayProject, tagProvider, apiKeySecret,
        actor, message);
  }

  @Override
  public ImportResult importFolder(String project, String branch, Path folder, String actor, String message)
      throws IOException {
    return importer.importFolder(project, branch, folder, actor, message);
  }

  // ---------------------------------------------------------------- reading and diff

  @Override
  public Page<Revision> log(String project, String rev, PageRequest page) {
    return contents.log(project, rev, page);
  }

  @Override
  public TreeListing tree(String project, String rev) {
    return contents.tree(project, rev);
  }

  @Override
  public Optional<byte[]> file(String project, String rev, String path) throws IOException {
    return contents.file(project, rev, path);
  }

  @Override
  public ResourceTree read(String project, String rev) throws IOException {
    return contents.read(project, rev);
  }

  @Override
  public List<ResourceDiff> diff(String project, String from, String to) {
    return diffs.diff(project, from, to);
  }

  // ---------------------------------------------------------------- merges

  @Override
  public MergeState merge(String project, String source, String target, String message, String actor) {
    return merges.merge(project, source, target, message, actor);
  }

  @Override
  public MergeState mergeState(String project, String id) {
    return merges.state(project, id);
  }

  @Override
  public MergeState resolve(String project, String id, List<Resolution> resolutions, String actor) {
    return merges.resolve(project, id, resolutions, actor);
  }

  @Override
  public Revision commitMerge(String project, String id, String actor) {
    return merges.commitMerge(project, id, actor);
  }

  @Override
  public boolean abandonMerge(String project, String id, String actor) {
    return merges.abandon(project, id, actor);
  }

  // ---------------------------------------------------------------- releases and exports

  @Override
  public List<Release> releases(String project) {
    return releases.list(project);
  }

  @Override
  public Release release(String project, String name, String rev, String sourceEnvironment, String message,
      String actor) throws IOException {
    return releases.create(project, name, rev, sourceEnvironment, message, actor);
  }

  @Override
  public Revision writeProjectFile(String project, String branch, String path, byte[] content,
      String expectedHead, String actor, String message) {
    try {
      return importer.writeOwnFile(project, branch, path, content, expectedHead, actor, message);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Override
  public String deploy(String project, String rev, String environment, String gatewayProject, String tagProvider,
      String apiKeySecret, String actor) throws IOException {
    return gateways.deploy(project, rev, environment, gatewayProject, tagProvider, apiKeySecret, actor);
  }

  @Override
  public void export(String project, String rev, OutputStream out) throws IOException {
    releases.export(project, rev, out);
  }

  @Override
  public Optional<byte[]> exportTags(String project, String rev) {
    return releases.exportTags(project, rev);
  }

  // ---------------------------------------------------------------- remotes

  @Override
  public RemoteInfo setRemote(String project, String url, String secret, String actor) {
    return mirroring.set(project, url, secret, actor);
  }

  @Override
  public Optional<RemoteInfo> remote(String project) {
    return mirroring.get(project);
  }

  @Override
  public BranchInfo push(String project, String branch, String actor) {
    return mirroring.push(project, branch, actor);
  }

  @Override
  public BranchInfo pull(String project, String branch, String actor) {
    return mirroring.pull(project, branch, actor);
  }

  // ---------------------------------------------------------------- dynamic references

  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  void setAudit(AuditLog log) {
    journal.setAudit(log);
  }

  void unsetAudit(AuditLog log) {
    journal.unsetAudit(log);
  }

  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  void setEvents(EventAdmin admin) {
    journal.setEvents(admin);
  }

  void unsetEvents(EventAdmin admin) {
    journal.unsetEvents(admin);
  }

  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  void setEnvironments(EnvironmentService service) {
    this.environments = service;
  }

  void unsetEnvironments(EnvironmentService service) {
    if (this.environments == service) {
      this.environments = null;
    }
  }

  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  void setStagePolicy(StagePolicy policy) {
    this.stagePolicy = policy;
  }

  void unsetStagePolicy(StagePolicy policy) {
    if (this.stagePolicy == policy) {
      this.stagePolicy = null;
    }
  }

  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  void setSecrets(SecretService service) {
    this.credentials = new RemoteCredentials(service);
  }

  void unsetSecrets(SecretService service) {
    if (this.credentials.service() == service) {
      this.credentials = new RemoteCredentials(null);
    }
  }
}
