package dev.stoker.repository.internal;

import dev.stoker.api.common.NotFoundException;

import dev.stoker.api.common.InvalidInputException;

import dev.stoker.api.common.ConflictException;

import dev.stoker.api.common.Page;
import dev.stoker.api.common.PageRequest;
import dev.stoker.api.common.UnavailableException;
import dev.stoker.api.platform.PlatformAdapter;
import dev.stoker.api.platform.ResourceMerger;
import dev.stoker.api.repository.BlobRef;
import dev.stoker.api.repository.BlobStore;
import dev.stoker.api.repository.ChangeKind;
import dev.stoker.api.repository.MergeConflict;
import dev.stoker.api.repository.MergeOutcome;
import dev.stoker.api.repository.Release;
import dev.stoker.api.repository.Resource;
import dev.stoker.api.repository.ResourceDiff;
import dev.stoker.api.repository.ResourceTree;
import dev.stoker.api.repository.Revision;
import dev.stoker.api.security.AuditLog;
import dev.stoker.api.security.AuditOutcome;
import dev.stoker.api.security.AuditRecord;
import dev.stoker.api.repository.BranchInfo;
import dev.stoker.api.repository.ImportResult;
import dev.stoker.api.repository.MergeState;
import dev.stoker.api.repository.ProjectInfo;
import dev.stoker.api.repository.RemoteInfo;
import dev.stoker.api.repository.RepositoryService;
import dev.stoker.api.repository.Resolution;
import dev.stoker.api.repository.TreeListing;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.lib.TagBuilder;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevTag;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.RevFilter;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Projects in bare JGit repositories under {@code data/repos/<name>.git}. Everything runs on Git objects
 * and refs only (no working tree): an import writes blobs, a tree and a commit, then moves the branch with
 * a compare-and-set, so a concurrent writer gets a conflict instead of losing an update; a merge is computed
 * in memory and committed only when resolved.
 */
@Component(service = RepositoryService.class, immediate = true,
    configurationPid = "dev.stoker.repository")
@Designate(ocd = RepositoryConfig.class)
public class GitRepositoryService implements RepositoryService {
  private static final Logger LOG = LoggerFactory.getLogger(GitRepositoryService.class);
  static final Pattern PROJECT_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");
  static final Pattern BRANCH_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}(/[A-Za-z0-9][A-Za-z0-9._-]{0,62}){0,3}");
  static final Pattern RELEASE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");
  static final String DEFAULT_BRANCH = "main";
  /** Imports with at least this many files write a pack. */
  static final int PACK_THRESHOLD = 200;
  /** More packs than this and the repository is repacked. */
  static final int MAX_PACKS = 16;
  private static final String SECTION = "stoker";
  private static final String REMOTE = "mirror";
  private static final Pattern TRAILER = Pattern.compile("^([A-Za-z0-9-]+): (.*)$", Pattern.MULTILINE);

  /** Tunables. */
  record Settings(long blobThreshold, long maxFileBytes, Duration mergeRetention, List<Path> importRoots) {
    Settings {
      importRoots = List.copyOf(importRoots);
    }

    Settings(long blobThreshold, long maxFileBytes, Duration mergeRetention) {
      this(blobThreshold, maxFileBytes, mergeRetention, List.of());
    }

    static Settings of(RepositoryConfig c) {
      List<Path> roots = java.util.Arrays.stream(c.importRoots().split(",")).map(String::strip)
          .filter(r -> !r.isEmpty()).map(Path::of).toList();
      return new Settings(c.blobThreshold(), c.maxFileBytes(), Duration.ofDays(Math.max(1, c.mergeRetentionDays())),
          roots);
    }
  }

  private final Path root;
  private final BlobStore blobs;
  private final Settings settings;
  private final Clock clock;
  private final BlobPointers pointers;
  private final Map<String, PlatformAdapter> adapters = new ConcurrentHashMap<>();
  private final Map<String, Repository> open = new ConcurrentHashMap<>();
  private final java.util.concurrent.ExecutorService maintenance = java.util.concurrent.Executors
      .newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "stoker-repository-maintenance");
        t.setDaemon(true);
        return t;
      });
  private volatile AuditLog audit;
  private volatile RemoteCredentials credentials;
  private volatile dev.stoker.api.environment.EnvironmentService environments;

  @Activate
  public GitRepositoryService(@Reference BlobStore blobs, RepositoryConfig config, BundleContext context)
      throws IOException {
    this(config.root().isBlank() ? FileBlobStoreService.dataDir(context).resolve("repos") : Path.of(config.root()),
        blobs, Settings.of(config), Clock.systemUTC());
  }

  GitRepositoryService(Path root, BlobStore blobs, Settings settings, Clock clock) throws IOException {
    this.root = Files.createDirectories(root);
    this.blobs = blobs;
    this.settings = settings;
    this.clock = clock;
    this.pointers = new BlobPointers(blobs, settings.blobThreshold(), settings.maxFileBytes());
    expireMerges();
  }

  @Deactivate
  void close() {
    maintenance.shutdownNow();
    open.values().forEach(Repository::close);
    open.clear();
  }

  // ---------------------------------------------------------------- projects

  @Override
  public ProjectInfo create(String name, String platform, String description, String actor) {
    checkName("name", name, PROJECT_NAME);
    if (platform == null || platform.isBlank()) {
      throw new InvalidInputException("platform: required (e.g. ignition)");
    }
    if (!adapters.containsKey(platform)) {
      throw new InvalidInputException("platform: unknown platform '" + platform + "'; installed: "
          + new TreeSet<>(adapters.keySet()));
    }
    if (description != null && description.length() > 1000) {
      throw new InvalidInputException("description: at most 1000 characters");
    }
    Path dir = gitDir(name);
    synchronized (this) {
      if (Files.exists(dir)) {
        throw new ConflictException("name: a project named '" + name + "' exists");
      }
      Path tmp = root.resolve(".new-" + name + "-" + UUID.randomUUID());
      try {
        try (Repository repo = FileRepositoryBuilder.create(tmp.toFile())) {
          repo.create(true);
          StoredConfig config = repo.getConfig();
          config.setString(SECTION, null, "platform", platform);
          config.setString(SECTION, null, "description", description == null ? "" : description);
          config.setString(SECTION, null, "created", clock.instant().toString());
          config.setString(SECTION, null, "defaultBranch", DEFAULT_BRANCH);
          config.save();
          RefUpdate head = repo.updateRef(Constants.HEAD);
          head.link(Constants.R_HEADS + DEFAULT_BRANCH);
        }
        // A half-created repository never becomes visible: it appears under its name in one move.
        Files.move(tmp, dir, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        deleteTree(tmp);
        throw new UncheckedIOException("creating project " + name, e);
      }
    }
    audit(actor, "project.create", name, "platform " + platform);
    return get(name).orElseThrow();
  }

  @Override
  public Page<ProjectInfo> list(PageRequest page) {
    List<String> names = projectNames();
    List<ProjectInfo> items = new ArrayList<>();
    for (int i = page.offset(); i < names.size() && items.size() < page.limit(); i++) {
      get(names.get(i)).ifPresent(items::add);
    }
    return new Page<>(items, page.offset(), page.limit(), names.size());
  }

  private List<String> projectNames() {
    try (Stream<Path> dirs = Files.list(root)) {
      return dirs.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".git"))
          .map(n -> n.substring(0, n.length() - 4)).filter(n -> PROJECT_NAME.matcher(n).matches()).sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public Optional<ProjectInfo> get(String name) {
    if (name == null || !PROJECT_NAME.matcher(name).matches() || !Files.isDirectory(gitDir(name))) {
      return Optional.empty();
    }
    Repository repo = repo(name);
    StoredConfig c = repo.getConfig();
    String branch = defaultBranch(repo);
    String head = headOf(repo, branch).map(ObjectId::name).orElse(null);
    String created = c.getString(SECTION, null, "created");
    return Optional.of(new ProjectInfo(name, c.getString(SECTION, null, "platform"),
        c.getString(SECTION, null, "description"), branch, head, created == null ? null : Instant.parse(created)));
  }

  @Override
  public boolean delete(String name, String actor) {
    if (get(name).isEmpty()) {
      return false;
    }
    synchronized (this) {
      Repository repo = open.remove(name);
      if (repo != null) {
        repo.close();
      }
      Path dir = gitDir(name);
      Path trash = root.resolve(".deleted-" + name + "-" + UUID.randomUUID());
      try {
        Files.move(dir, trash, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        throw new UncheckedIOException("deleting project " + name, e);
      }
      deleteTree(trash);
    }
    audit(actor, "project.delete", name, "");
    return true;
  }

  // ---------------------------------------------------------------- branches

  @Override
  public List<BranchInfo> branches(String project) {
    Repository repo = existing(project);
    try {
      return repo.getRefDatabase().getRefsByPrefix(Constants.R_HEADS).stream()
          .map(r -> new BranchInfo(r.getName().substring(Constants.R_HEADS.length()), r.getObjectId().name()))
          .sorted(Comparator.comparing(BranchInfo::name)).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public BranchInfo createBranch(String project, String name, String from, String actor) {
    Repository repo = existing(project);
    checkName("name", name, BRANCH_NAME);
    ObjectId start = resolveRev(repo, from == null || from.isBlank() ? defaultBranch(repo) : from, "from");
    try {
      RefUpdate update = repo.updateRef(Constants.R_HEADS + name);
      update.setNewObjectId(start);
      update.setExpectedOldObjectId(ObjectId.zeroId());
      update.setRefLogMessage("branch: created by " + actor, false);
      RefUpdate.Result result = update.update();
      if (result != RefUpdate.Result.NEW) {
        throw new ConflictException("name: branch '" + name + "' exists");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    audit(actor, "project.branch.create", project + "@" + name, "from " + start.name());
    return new BranchInfo(name, start.name());
  }

  @Override
  public boolean deleteBranch(String project, String name, String actor) {
    Repository repo = existing(project);
    if (name.equals(defaultBranch(repo))) {
      throw new InvalidInputException("branch: the default branch '" + name + "' cannot be deleted");
    }
    try {
      Ref ref = repo.exactRef(Constants.R_HEADS + name);
      if (ref == null) {
        return false;
      }
      RefUpdate update = repo.updateRef(ref.getName());
      update.setExpectedOldObjectId(ref.getObjectId());
      update.setForceUpdate(true);
      RefUpdate.Result result = update.delete();
      if (result != RefUpdate.Result.FORCED && result != RefUpdate.Result.FAST_FORWARD) {
        throw new ConflictException("branch: '" + name + "' moved meanwhile (" + result + "); try again");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    audit(actor, "project.branch.delete", project + "@" + name, "");
    return true;
  }

  // ---------------------------------------------------------------- imports

  @Override
  public ImportResult importExport(String project, String branch, InputStream projectExport, InputStream tags,
      String expectedHead, String actor, String message) throws IOException {
    Repository repo = existing(project);
    if (projectExport == null && tags == null) {
      throw new InvalidInputException("project: give a project export, a tag export or both");
    }
    PlatformAdapter adapter = adapter(repo);
    ResourceTree decoded = projectExport == null ? null : adapter.codec().decode(projectExport);
    byte[] tagBytes = tags == null ? null : adapter.codec().decodeTags(tags);
    return commitImport(project, repo, branch, decoded, tagBytes, expectedHead, actor, message);
  }

  @Override
  public ImportResult importTree(String project, String branch, ResourceTree tree, String expectedHead,
      String actor, String message) {
    Repository repo = existing(project);
    try {
      return commitImport(project, repo, branch, tree, tree.tags(), expectedHead, actor, message);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public ImportResult importFromEnvironment(String project, String branch, String environment, String gatewayProject,
      String tagProvider, String apiKeySecret, String actor, String message) throws IOException {
    Repository repo = existing(project);
    if (environment == null || environment.isBlank()) {
      throw new InvalidInputException("environment: required");
    }
    if (gatewayProject == null || gatewayProject.isBlank()) {
      throw new InvalidInputException("project: the name of the project on the gateway is required");
    }
    dev.stoker.api.environment.EnvironmentService envs = environments;
    if (envs == null) {
      throw new UnavailableException("the environment service is not available");
    }
    dev.stoker.api.environment.Environment env = envs.get(environment)
        .orElseThrow(() -> new InvalidInputException("environment: '" + environment + "' not found"));
    if (env.state() != dev.stoker.api.environment.EnvironmentState.RUNNING) {
      throw new ConflictException("environment: '" + environment + "' is " + env.state() + ", not RUNNING");
    }
    PlatformAdapter adapter = adapter(repo);
    if (!adapter.descriptor().id().equals(env.spec().platform())) {
      throw new InvalidInputException("environment: runs " + env.spec().platform() + ", the project is "
          + adapter.descriptor().id());
    }
    java.net.URI base = env.endpoints().get("http");
    if (base == null) {
      throw new ConflictException("environment: '" + environment + "' publishes no http endpoint");
    }
    String key = apiKeySecret == null || apiKeySecret.isBlank() ? null : mirror().text(apiKeySecret, actor);
    dev.stoker.api.platform.GatewayClient client = adapter.gatewayClient(
        new dev.stoker.api.platform.GatewayEndpoint(base, key));
    ResourceTree tree;
    try (InputStream export = client.exportProject(gatewayProject)) {
      tree = adapter.codec().decode(export);
    }
    byte[] tags = null;
    if (tagProvider != null && !tagProvider.isBlank()) {
      try (InputStream in = client.exportTags(tagProvider)) {
        tags = adapter.codec().decodeTags(in);
      }
    }
    ImportResult r = commitImport(project, repo, branch, tree, tags, null, actor,
        message == null || message.isBlank() ? "Pull " + gatewayProject + " from environment " + env.spec().name()
            : message);
    audit(actor, "project.import.environment", project, "from environment " + environment + " project "
        + gatewayProject + (tags == null ? "" : " tags " + tagProvider));
    return r;
  }

  @Override
  public ImportResult importFolder(String project, String branch, Path folder, String actor, String message)
      throws IOException {
    Repository repo = existing(project);
    if (folder == null) {
      throw new InvalidInputException("path: required");
    }
    if (settings.importRoots().isEmpty()) {
      throw new InvalidInputException("path: folder imports are off; an admin lists the allowed folders in "
          + "importRoots of etc/dev.stoker.repository.cfg");
    }
    Path real;
    try {
      real = folder.toRealPath();
    } catch (IOException e) {
      throw new InvalidInputException("path: '" + folder + "' does not exist");
    }
    boolean allowed = false;
    for (Path root : settings.importRoots()) {
      try {
        allowed |= real.startsWith(root.toRealPath());
      } catch (IOException missingRoot) {
        // a configured root that does not exist allows nothing
      }
    }
    if (!allowed) {
      throw new InvalidInputException("path: '" + folder + "' is not under an allowed import root");
    }
    if (!Files.isRegularFile(real.resolve(Snapshot.MANIFEST))) {
      throw new InvalidInputException("path: '" + folder + "' is not an Ignition project folder (no "
          + Snapshot.MANIFEST + ")");
    }
    // The folder is zipped as the gateway would export it, and read by the codec with all its checks.
    java.io.ByteArrayOutputStream zip = new java.io.ByteArrayOutputStream();
    long total = 0;
    try (java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(zip);
        Stream<Path> files = Files.walk(real)) {
      for (Path f : (Iterable<Path>) files.sorted()::iterator) {
        if (Files.isSymbolicLink(f)) {
          throw new InvalidInputException("path: '" + real.relativize(f) + "' is a symbolic link");
        }
        if (!Files.isRegularFile(f, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
          continue;
        }
        total += Files.size(f);
        if (total > settings.maxFileBytes()) {
          throw new InvalidInputException("path: the folder holds more than " + settings.maxFileBytes() + " bytes");
        }
        out.putNextEntry(new java.util.zip.ZipEntry(real.relativize(f).toString().replace(java.io.File.separatorChar, '/')));
        Files.copy(f, out);
        out.closeEntry();
      }
    }
    ResourceTree tree = adapter(repo).codec().decode(new ByteArrayInputStream(zip.toByteArray()));
    ImportResult r = commitImport(project, repo, branch, tree, null, null, actor,
        message == null || message.isBlank() ? "Import of folder " + real.getFileName() : message);
    audit(actor, "project.import.folder", project, "from " + real);
    return r;
  }

  private ImportResult commitImport(String project, Repository repo, String branch, ResourceTree tree,
      byte[] tags, String expectedHead, String actor, String message) throws IOException {
    String b = branch == null || branch.isBlank() ? defaultBranch(repo) : branch;
    checkName("branch", b, BRANCH_NAME);
    checkMessage(message);
    Optional<ObjectId> current = headOf(repo, b);
    ObjectId expected = expectedHead == null || expectedHead.isBlank() ? current.orElse(ObjectId.zeroId())
        : parseId("expectedHead", expectedHead);
    if (!expected.equals(current.orElse(ObjectId.zeroId()))) {
      throw new ConflictException("expectedHead: branch '" + b + "' is at "
          + current.map(ObjectId::name).orElse("nothing") + ", not " + expectedHead + "; import onto the new head");
    }
    if (current.isEmpty() && !b.equals(defaultBranch(repo)) && !branches(project).isEmpty()) {
      throw new NotFoundException("branch '" + b + "' does not exist; create it first");
    }
    int fileCount = tree == null ? 1 : tree.resources().values().stream().mapToInt(r -> r.files().size()).sum();
    try (ObjectInserter inserter = inserterFor(repo, fileCount); ObjectReader reader = inserter.newReader();
        RevWalk walk = new RevWalk(reader)) {
      Snapshot parent = current.isEmpty() ? Snapshot.empty() : Snapshot.of(reader, walk.parseCommit(current.get()).getTree());
      SortedMap<String, SortedMap<String, Object>> units = new TreeMap<>();
      if (tree != null) {
        if (tree.manifest() == null) {
          throw new InvalidInputException("project: the export has no " + Snapshot.MANIFEST);
        }
        units.put(Snapshot.MANIFEST, single(Snapshot.MANIFEST, tree.manifest()));
        for (Resource r : tree.resources().values()) {
          checkResourcePath(r.path());
          SortedMap<String, Object> files = new TreeMap<>();
          for (Map.Entry<String, byte[]> f : r.files().entrySet()) {
            files.put(f.getKey(), pointers.store(f.getKey(), f.getValue()));
          }
          units.put(r.path(), files);
        }
      } else {
        if (!parent.units.containsKey(Snapshot.MANIFEST)) {
          throw new InvalidInputException("project: the branch holds no project yet; import a project export first");
        }
        parent.units.forEach((unit, files) -> {
          if (!unit.equals(Snapshot.TAGS_UNIT)) {
            units.put(unit, new TreeMap<>(files));
          }
        });
      }
      if (tags != null) {
        units.put(Snapshot.TAGS_UNIT, single(ResourceMerger.TAGS_FILE, tags));
      } else if (parent.units.containsKey(Snapshot.TAGS_UNIT)) {
        units.put(Snapshot.TAGS_UNIT, new TreeMap<>(parent.units.get(Snapshot.TAGS_UNIT)));
      }
      ObjectId treeId = writeTree(inserter, units);
      if (current.isPresent() && walk.parseCommit(current.get()).getTree().getId().equals(treeId)) {
        return new ImportResult(revision(walk.parseCommit(current.get())), false);
      }
      ObjectId commit = writeCommit(inserter, treeId, current.map(List::of).orElse(List.of()), actor,
          message == null || message.isBlank() ? "Import" : message);
      inserter.flush();
      moveRef(repo, Constants.R_HEADS + b, current.orElse(null), commit, "import by " + actor);
      if (fileCount >= PACK_THRESHOLD) {
        maintenance.submit(() -> compactIfNeeded(project));
      }
      Revision revision = revision(walk.parseCommit(commit));
      audit(actor, "project.import", project + "@" + b, "commit " + commit.name());
      return new ImportResult(revision, true);
    }
  }

  /**
   * Large imports write one pack instead of thousands of loose objects (the difference between seconds and
   * a fraction for a 5,000-resource project). JGit offers this only through its file storage classes.
   */
  private static ObjectInserter inserterFor(Repository repo, int files) {
    if (files >= PACK_THRESHOLD && repo.getObjectDatabase() instanceof org.eclipse.jgit.internal.storage.file.ObjectDirectory dir) {
      return dir.newPackInserter();
    }
    return repo.newObjectInserter();
  }

  /** Repacks a repository once imports have left many packs behind. */
  private void compactIfNeeded(String project) {
    try {
      Repository repo = existing(project);
      try (Git git = Git.wrap(repo)) {
        java.util.Properties stats = git.gc().getStatistics();
        Object packs = stats.get("numberOfPackFiles");
        if (packs instanceof Number n && n.intValue() > MAX_PACKS) {
          git.gc().call();
          LOG.info("Repacked project {} ({} packs)", project, n);
        }
      }
    } catch (Exception e) {
      LOG.warn("Could not repack project {}: {}", project, e.getMessage());
    }
  }

  private static SortedMap<String, Object> single(String name, byte[] content) {
    SortedMap<String, Object> m = new TreeMap<>();
    m.put(name, content);
    return m;
  }

  private static void checkResourcePath(String path) {
    if (path == null || path.isEmpty() || path.equals(Snapshot.TAGS_UNIT) || !path.contains("/")
        && path.endsWith(".json")) {
      throw new InvalidInputException("project: '" + path + "' is not a valid resource path");
    }
    for (String segment : path.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..") || segment.equals(".git")
          || segment.contains("\\")) {
        throw new InvalidInputException("project: unsafe resource path '" + path + "'");
      }
    }
  }

  /** Units of file name → bytes (new content) or ObjectId (unchanged content) to a tree. */
  private static ObjectId writeTree(ObjectInserter inserter, SortedMap<String, SortedMap<String, Object>> units)
      throws IOException {
    DirCache index = DirCache.newInCore();
    DirCacheBuilder builder = index.builder();
    for (Map.Entry<String, SortedMap<String, Object>> unit : units.entrySet()) {
      for (Map.Entry<String, Object> file : unit.getValue().entrySet()) {
        DirCacheEntry entry = new DirCacheEntry(Snapshot.gitPath(unit.getKey(), file.getKey()));
        entry.setFileMode(FileMode.REGULAR_FILE);
        Object content = file.getValue();
        entry.setObjectId(content instanceof ObjectId id ? id : inserter.insert(Constants.OBJ_BLOB, (byte[]) content));
        builder.add(entry);
      }
    }
    builder.finish();
    return index.writeTree(inserter);
  }

  private ObjectId writeCommit(ObjectInserter inserter, ObjectId tree, List<ObjectId> parents, String actor,
      String message) throws IOException {
    CommitBuilder commit = new CommitBuilder();
    commit.setTreeId(tree);
    commit.setParentIds(parents);
    PersonIdent author = person(actor);
    commit.setAuthor(author);
    commit.setCommitter(new PersonIdent("Stoker", "stoker@localhost", author.getWhenAsInstant(), java.time.ZoneOffset.UTC));
    commit.setMessage(message.endsWith("\n") ? message : message + "\n");
    return inserter.insert(commit);
  }

  private PersonIdent person(String actor) {
    String name = actor == null || actor.isBlank() ? "stoker" : actor;
    return new PersonIdent(name, name.replaceAll("[^A-Za-z0-9._-]", "_") + "@stoker", clock.instant(),
        java.time.ZoneOffset.UTC);
  }

  /** Compare-and-set of a ref; a writer that lost the race gets a conflict. */
  private static void moveRef(Repository repo, String ref, ObjectId expected, ObjectId next, String log)
      throws IOException {
    RefUpdate update = repo.updateRef(ref);
    update.setExpectedOldObjectId(expected == null ? ObjectId.zeroId() : expected);
    update.setNewObjectId(next);
    update.setForceUpdate(true);
    update.setRefLogMessage(log, false);
    RefUpdate.Result result = update.update();
    switch (result) {
      case NEW, FAST_FORWARD, FORCED, NO_CHANGE -> {
      }
      case LOCK_FAILURE, REJECTED, REJECTED_CURRENT_BRANCH, REJECTED_MISSING_OBJECT, REJECTED_OTHER_REASON ->
          throw new ConflictException("branch: '" + Repository.shortenRefName(ref)
              + "' moved while this change was written (" + result + "); nothing was committed, try again");
      default -> throw new IOException("updating " + ref + ": " + result);
    }
  }

  // ---------------------------------------------------------------- reading

  @Override
  public Page<Revision> log(String project, String rev, PageRequest page) {
    Repository repo = existing(project);
    String r = rev == null || rev.isBlank() ? defaultBranch(repo) : rev;
    Optional<ObjectId> start = tryResolve(repo, r);
    if (start.isEmpty()) {
      if (r.equals(defaultBranch(repo))) {
        return new Page<>(List.of(), page.offset(), page.limit(), 0);
      }
      throw new NotFoundException("revision '" + r + "' not found in project " + project);
    }
    try (RevWalk walk = new RevWalk(repo)) {
      walk.markStart(walk.parseCommit(start.get()));
      List<Revision> items = new ArrayList<>();
      long total = 0;
      for (RevCommit c : walk) {
        if (total >= page.offset() && items.size() < page.limit()) {
          items.add(revision(c));
        }
        total++;
      }
      return new Page<>(items, page.offset(), page.limit(), total);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public TreeListing tree(String project, String rev) {
    Repository repo = existing(project);
    try (RevWalk walk = new RevWalk(repo)) {
      RevCommit commit = walk.parseCommit(resolveRev(repo, orDefault(repo, rev), "rev"));
      Snapshot snap = Snapshot.of(walk.getObjectReader(), commit.getTree());
      List<TreeListing.Entry> entries = new ArrayList<>();
      snap.units.forEach((unit, files) -> {
        if (!unit.equals(Snapshot.MANIFEST) && !unit.equals(Snapshot.TAGS_UNIT)) {
          entries.add(new TreeListing.Entry(unit, Snapshot.typeOf(unit), List.copyOf(files.keySet())));
        }
      });
      return new TreeListing(commit.name(), entries, snap.units.containsKey(Snapshot.TAGS_UNIT));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public Optional<byte[]> file(String project, String rev, String path) throws IOException {
    if (path == null || path.isBlank()) {
      throw new InvalidInputException("path: required");
    }
    Repository repo = existing(project);
    try (RevWalk walk = new RevWalk(repo);
        org.eclipse.jgit.treewalk.TreeWalk tw = org.eclipse.jgit.treewalk.TreeWalk.forPath(repo, path,
            walk.parseCommit(resolveRev(repo, orDefault(repo, rev), "rev")).getTree())) {
      if (tw == null || tw.isSubtree()) {
        return Optional.empty();
      }
      return Optional.of(pointers.resolve(repo.open(tw.getObjectId(0), Constants.OBJ_BLOB).getBytes()));
    }
  }

  @Override
  public ResourceTree read(String project, String rev) throws IOException {
    Repository repo = existing(project);
    try (RevWalk walk = new RevWalk(repo)) {
      RevCommit commit = walk.parseCommit(resolveRev(repo, orDefault(repo, rev), "rev"));
      ObjectReader reader = walk.getObjectReader();
      Snapshot snap = Snapshot.of(reader, commit.getTree());
      byte[] manifest = null;
      byte[] tags = null;
      SortedMap<String, Resource> resources = new TreeMap<>();
      for (String unit : snap.units.keySet()) {
        Resource r = snap.load(reader, unit);
        SortedMap<String, byte[]> files = new TreeMap<>();
        for (Map.Entry<String, byte[]> f : r.files().entrySet()) {
          files.put(f.getKey(), pointers.resolve(f.getValue()));
        }
        if (unit.equals(Snapshot.MANIFEST)) {
          manifest = files.get(Snapshot.MANIFEST);
        } else if (unit.equals(Snapshot.TAGS_UNIT)) {
          tags = files.get(ResourceMerger.TAGS_FILE);
        } else {
          resources.put(unit, new Resource(unit, Snapshot.typeOf(unit), files));
        }
      }
      return new ResourceTree(manifest, resources, tags);
    }
  }

  // ---------------------------------------------------------------- diff

  @Override
  public List<ResourceDiff> diff(String project, String from, String to) {
    Repository repo = existing(project);
    if (from == null || from.isBlank()) {
      throw new InvalidInputException("from: required (a branch, tag or commit)");
    }
    if (to == null || to.isBlank()) {
      throw new InvalidInputException("to: required (a branch, tag or commit)");
    }
    ResourceMerger merger = adapter(repo).merger();
    try (RevWalk walk = new RevWalk(repo)) {
      ObjectReader reader = walk.getObjectReader();
      Snapshot[] changed = Snapshot.changed(reader, walk.parseCommit(resolveRev(repo, from, "from")).getTree(),
          walk.parseCommit(resolveRev(repo, to, "to")).getTree());
      Snapshot a = changed[0];
      Snapshot b = changed[1];
      List<String> removed = new ArrayList<>();
      List<String> added = new ArrayList<>();
      List<ResourceDiff> changes = new ArrayList<>();
      TreeSet<String> all = new TreeSet<>(a.units.keySet());
      all.addAll(b.units.keySet());
      for (String unit : all) {
        // Only differing files are here. A resource exists on a side unless its resource.json is among the
        // differences and missing on that side (every resource has one); the manifest and tags are one file.
        boolean inA = existsIn(unit, a, b);
        boolean inB = existsIn(unit, b, a);
        if (!inA) {
          added.add(unit);
        } else if (!inB) {
          removed.add(unit);
        } else {
          changes.add(merger.diff(a.load(reader, unit), b.load(reader, unit)));
        }
      }
      // Renames: a removed and an added resource with the same files and contents.
      Map<SortedMap<String, ObjectId>, String> removedByContent = new HashMap<>();
      removed.forEach(u -> removedByContent.putIfAbsent(a.units.get(u), u));
      for (String unit : added) {
        String old = removedByContent.remove(b.units.get(unit));
        if (old != null && !old.equals(Snapshot.MANIFEST) && !old.equals(Snapshot.TAGS_UNIT)) {
          removed.remove(old);
          ResourceDiff d = merger.diff(a.load(reader, old), b.load(reader, unit));
          changes.add(new ResourceDiff(unit, old, ChangeKind.RENAMED, d.properties(), d.textDiff()));
        } else {
          changes.add(merger.diff(null, b.load(reader, unit)));
        }
      }
      for (String unit : removed) {
        changes.add(merger.diff(a.load(reader, unit), null));
      }
      changes.sort(Comparator.comparing(ResourceDiff::path));
      return changes;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean existsIn(String unit, Snapshot side, Snapshot other) {
    SortedMap<String, ObjectId> mine = side.units.get(unit);
    if (unit.equals(Snapshot.MANIFEST) || unit.equals(Snapshot.TAGS_UNIT)) {
      return mine != null;
    }
    boolean descriptorDiffers = (mine != null && mine.containsKey(Snapshot.RESOURCE_JSON))
        || (other.units.get(unit) != null && other.units.get(unit).containsKey(Snapshot.RESOURCE_JSON));
    return descriptorDiffers ? mine != null && mine.containsKey(Snapshot.RESOURCE_JSON) : true;
  }

  // ---------------------------------------------------------------- merges

  /** The in-memory result of merging three commits. */
  private record Computed(SortedMap<String, SortedMap<String, Object>> units, Map<String, Conflicted> conflicted) {
  }

  /** A unit the merger could not merge on its own. */
  private record Conflicted(Resource base, Resource ours, Resource theirs, MergeOutcome outcome) {
  }

  @Override
  public MergeState merge(String project, String source, String target, String message, String actor) {
    Repository repo = existing(project);
    String t = target == null || target.isBlank() ? defaultBranch(repo) : target;
    if (source == null || source.isBlank()) {
      throw new InvalidInputException("source: required (the branch to merge)");
    }
    checkMessage(message);
    ObjectId ours = headOf(repo, t).orElseThrow(() -> new NotFoundException("target branch '" + t
        + "' not found in project " + project));
    ObjectId theirs = resolveRev(repo, source, "source");
    try (RevWalk walk = new RevWalk(repo)) {
      RevCommit o = walk.parseCommit(ours);
      RevCommit th = walk.parseCommit(theirs);
      RevCommit base = mergeBase(walk, o, th);
      String id = UUID.randomUUID().toString();
      Instant now = clock.instant();
      MergeSessions.Session session = new MergeSessions.Session(id, source, t,
          message == null || message.isBlank() ? "Merge " + source + " into " + t : message,
          base == null ? null : base.name(), ours.name(), theirs.name(), actor, now, List.of(), null, null);
      if (base != null && base.equals(th)) {
        return finish(project, session, MergeState.Status.UP_TO_DATE, ours.name());
      }
      if (base != null && base.equals(o)) {
        moveRef(repo, Constants.R_HEADS + t, ours, theirs, "merge (fast-forward) by " + actor);
        audit(actor, "project.merge", project + "@" + t, "fast-forward to " + theirs.name() + " from " + source);
        return finish(project, session, MergeState.Status.COMMITTED, theirs.name());
      }
      Computed computed = compute(repo, session);
      if (computed.conflicted().isEmpty()) {
        Revision r = commitComputed(repo, project, session, computed, actor);
        return finish(project, session, MergeState.Status.COMMITTED, r.id());
      }
      MergeSessions.save(gitDir(project), session);
      audit(actor, "project.merge.start", project + "@" + t, "merge " + id + " of " + source + ": "
          + computed.conflicted().size() + " conflicting resource(s)");
      return state(project, session, computed);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Keeps a finished merge readable (until the retention drops it) and answers its state. */
  private MergeState finish(String project, MergeSessions.Session session, MergeState.Status status,
      String revision) throws IOException {
    MergeSessions.save(gitDir(project), session.finished(status.name(), revision));
    return new MergeState(session.id(), project, session.source(), session.target(), session.base(),
        session.ours(), session.theirs(), status, List.of(), revision, session.createdBy(), session.created());
  }

  private static RevCommit mergeBase(RevWalk walk, RevCommit a, RevCommit b) throws IOException {
    walk.reset();
    walk.setRevFilter(RevFilter.MERGE_BASE);
    walk.markStart(a);
    walk.markStart(b);
    RevCommit base = walk.next();
    walk.reset();
    walk.setRevFilter(RevFilter.ALL);
    return base;
  }

  private Computed compute(Repository repo, MergeSessions.Session s) throws IOException {
    ResourceMerger merger = adapter(repo).merger();
    try (RevWalk walk = new RevWalk(repo)) {
      ObjectReader reader = walk.getObjectReader();
      Snapshot base = s.base() == null ? Snapshot.empty() : Snapshot.of(reader, walk.parseCommit(ObjectId.fromString(s.base())).getTree());
      Snapshot ours = Snapshot.of(reader, walk.parseCommit(ObjectId.fromString(s.ours())).getTree());
      Snapshot theirs = Snapshot.of(reader, walk.parseCommit(ObjectId.fromString(s.theirs())).getTree());
      TreeSet<String> all = new TreeSet<>(base.units.keySet());
      all.addAll(ours.units.keySet());
      all.addAll(theirs.units.keySet());
      SortedMap<String, SortedMap<String, Object>> units = new TreeMap<>();
      Map<String, Conflicted> conflicted = new LinkedHashMap<>();
      for (String unit : all) {
        SortedMap<String, ObjectId> b = base.units.get(unit);
        SortedMap<String, ObjectId> o = ours.units.get(unit);
        SortedMap<String, ObjectId> t = theirs.units.get(unit);
        SortedMap<String, ObjectId> pick;
        if (java.util.Objects.equals(o, t) || java.util.Objects.equals(b, t)) {
          pick = o;
        } else if (java.util.Objects.equals(b, o)) {
          pick = t;
        } else {
          Resource rb = base.load(reader, unit);
          Resource ro = ours.load(reader, unit);
          Resource rt = theirs.load(reader, unit);
          MergeOutcome outcome = merger.merge(rb, ro, rt);
          if (outcome.clean()) {
            if (outcome.merged() != null) {
              units.put(unit, bytesOf(outcome.merged()));
            }
          } else {
            conflicted.put(unit, new Conflicted(rb, ro, rt, outcome));
          }
          continue;
        }
        if (pick != null) {
          units.put(unit, new TreeMap<>(pick));
        }
      }
      return new Computed(units, conflicted);
    }
  }

  private static SortedMap<String, Object> bytesOf(Resource r) {
    return new TreeMap<>(r.files());
  }

  private MergeState state(String project, MergeSessions.Session s, Computed computed) {
    Map<String, Resolution> given = new HashMap<>();
    s.resolutions().forEach(r -> given.put(r.path() + "\u0000" + r.pointer(), r));
    List<MergeState.Conflict> conflicts = new ArrayList<>();
    computed.conflicted().forEach((unit, c) -> {
      for (MergeConflict mc : c.outcome().conflicts()) {
        Resolution r = given.get(mc.path() + "\u0000" + mc.pointer());
        conflicts.add(new MergeState.Conflict(mc.path(), mc.pointer(), mc.base(), mc.ours(), mc.theirs(), r != null,
            r == null ? null : valueOf(r, mc)));
      }
    });
    boolean ready = conflicts.stream().allMatch(MergeState.Conflict::resolved);
    MergeState.Status status = s.isFinished() ? MergeState.Status.valueOf(s.outcome())
        : ready ? MergeState.Status.READY : MergeState.Status.CONFLICTED;
    return new MergeState(s.id(), project, s.source(), s.target(), s.base(), s.ours(), s.theirs(), status, conflicts,
        s.revision(), s.createdBy(), s.created());
  }

  /**
   * The value handed to the merger: as the conflict showed it, except for a whole binary file chosen by side,
   * whose checksum the merger cannot turn back into bytes; that side's bytes go as {@code base64:}.
   */
  private static String resolvedValue(Resolution r, MergeConflict mc, Conflicted c) {
    String shown = valueOf(r, mc);
    if (r.choice().equals("value") || mc.pointer().contains("#") || shown == null || !shown.startsWith("sha256:")) {
      return shown;
    }
    Resource side = switch (r.choice()) {
      case "ours" -> c.ours();
      case "theirs" -> c.theirs();
      default -> c.base();
    };
    byte[] bytes = side == null ? null : side.files().get(mc.pointer());
    return bytes == null ? null : "base64:" + java.util.Base64.getEncoder().encodeToString(bytes);
  }

  private static String valueOf(Resolution r, MergeConflict c) {
    return switch (r.choice()) {
      case "ours" -> c.ours();
      case "theirs" -> c.theirs();
      case "base" -> c.base();
      default -> r.value();
    };
  }

  private MergeSessions.Session session(String project, String id) {
    try {
      return MergeSessions.load(gitDir(project), id)
          .orElseThrow(() -> new NotFoundException("merge '" + id + "' not found in project " + project));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private MergeSessions.Session unfinished(String project, String id) {
    MergeSessions.Session s = session(project, id);
    if (s.isFinished()) {
      throw new ConflictException("merge: '" + id + "' is already " + s.outcome().toLowerCase(java.util.Locale.ROOT)
          + " (" + s.revision() + ")");
    }
    return s;
  }

  @Override
  public MergeState mergeState(String project, String id) {
    Repository repo = existing(project);
    MergeSessions.Session s = session(project, id);
    try {
      if (s.isFinished() && s.resolutions().isEmpty()) {
        return new MergeState(s.id(), project, s.source(), s.target(), s.base(), s.ours(), s.theirs(),
            MergeState.Status.valueOf(s.outcome()), List.of(), s.revision(), s.createdBy(), s.created());
      }
      return state(project, s, compute(repo, s));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public MergeState resolve(String project, String id, List<Resolution> resolutions, String actor) {
    Repository repo = existing(project);
    MergeSessions.Session s = unfinished(project, id);
    if (resolutions == null || resolutions.isEmpty()) {
      throw new InvalidInputException("resolutions: give at least one");
    }
    try {
      Computed computed = compute(repo, s);
      Map<String, MergeConflict> known = new HashMap<>();
      computed.conflicted().values().forEach(c -> c.outcome().conflicts()
          .forEach(mc -> known.put(mc.path() + "\u0000" + mc.pointer(), mc)));
      Map<String, Resolution> merged = new LinkedHashMap<>();
      s.resolutions().forEach(r -> merged.put(r.path() + "\u0000" + r.pointer(), r));
      for (int i = 0; i < resolutions.size(); i++) {
        Resolution r = resolutions.get(i);
        String field = "resolutions[" + i + "]";
        if (r == null || r.path() == null || r.pointer() == null) {
          throw new InvalidInputException(field + ": path and pointer are required");
        }
        if (!known.containsKey(r.path() + "\u0000" + r.pointer())) {
          throw new InvalidInputException(field + ".pointer: no conflict at " + r.path() + " " + r.pointer());
        }
        String choice = r.choice() == null ? "" : r.choice();
        if (!List.of("ours", "theirs", "base", "value").contains(choice)) {
          throw new InvalidInputException(field + ".choice: one of ours, theirs, base, value");
        }
        if (r.pointer().isEmpty() && choice.equals("value")) {
          throw new InvalidInputException(field + ".choice: a whole resource is resolved by choosing ours, theirs or base");
        }
        merged.put(r.path() + "\u0000" + r.pointer(), new Resolution(r.path(), r.pointer(), choice, r.value()));
      }
      MergeSessions.Session updated = s.with(new ArrayList<>(merged.values()));
      // Fail now, not at commit, when a value does not fit.
      applyResolutions(computed, updated, adapter(repo).merger());
      MergeSessions.save(gitDir(project), updated);
      return state(project, updated, computed);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** @return the merged units with every resolution applied */
  private SortedMap<String, SortedMap<String, Object>> applyResolutions(Computed computed, MergeSessions.Session s,
      ResourceMerger merger) {
    SortedMap<String, SortedMap<String, Object>> units = new TreeMap<>(computed.units());
    Map<String, Resolution> given = new HashMap<>();
    s.resolutions().forEach(r -> given.put(r.path() + "\u0000" + r.pointer(), r));
    computed.conflicted().forEach((unit, c) -> {
      Resource result = c.outcome().merged();
      Map<String, String> values = new LinkedHashMap<>();
      for (MergeConflict mc : c.outcome().conflicts()) {
        Resolution r = given.get(mc.path() + "\u0000" + mc.pointer());
        if (r == null) {
          continue;
        }
        if (mc.pointer().isEmpty()) {
          result = switch (r.choice()) {
            case "ours" -> c.ours();
            case "theirs" -> c.theirs();
            default -> c.base();
          };
          values.clear();
          break;
        }
        values.put(mc.pointer(), resolvedValue(r, mc, c));
      }
      if (result != null && !values.isEmpty()) {
        result = merger.resolve(result, values);
      }
      if (result != null) {
        units.put(unit, bytesOf(result));
      }
    });
    return units;
  }

  @Override
  public Revision commitMerge(String project, String id, String actor) {
    Repository repo = existing(project);
    MergeSessions.Session s = unfinished(project, id);
    try {
      Computed computed = compute(repo, s);
      MergeState st = state(project, s, computed);
      long open = st.conflicts().stream().filter(c -> !c.resolved()).count();
      if (open > 0) {
        throw new ConflictException("merge: " + open + " conflict(s) still need a resolution");
      }
      Revision r = commitComputed(repo, project, s, computed, actor);
      MergeSessions.save(gitDir(project), s.finished(MergeState.Status.COMMITTED.name(), r.id()));
      return r;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Revision commitComputed(Repository repo, String project, MergeSessions.Session s, Computed computed,
      String actor) throws IOException {
    ObjectId ours = ObjectId.fromString(s.ours());
    Optional<ObjectId> now = headOf(repo, s.target());
    if (now.isEmpty() || !now.get().equals(ours)) {
      throw new ConflictException("target: branch '" + s.target() + "' moved since the merge started; abandon "
          + "it and merge again");
    }
    SortedMap<String, SortedMap<String, Object>> units = applyResolutions(computed, s, adapter(repo).merger());
    try (ObjectInserter inserter = repo.newObjectInserter(); RevWalk walk = new RevWalk(repo)) {
      ObjectId tree = writeTree(inserter, units);
      ObjectId commit = writeCommit(inserter, tree, List.of(ours, ObjectId.fromString(s.theirs())), actor, s.message());
      inserter.flush();
      moveRef(repo, Constants.R_HEADS + s.target(), ours, commit, "merge " + s.source() + " by " + actor);
      audit(actor, "project.merge", project + "@" + s.target(), "merged " + s.source() + " as " + commit.name()
          + (s.resolutions().isEmpty() ? "" : " with " + s.resolutions().size() + " resolution(s)"));
      return revision(walk.parseCommit(commit));
    }
  }

  @Override
  public boolean abandonMerge(String project, String id, String actor) {
    existing(project);
    try {
      if (MergeSessions.load(gitDir(project), id).map(MergeSessions.Session::isFinished).orElse(false)) {
        throw new ConflictException("merge: '" + id + "' is finished; there is nothing to abandon");
      }
      boolean gone = MergeSessions.delete(gitDir(project), id);
      if (gone) {
        audit(actor, "project.merge.abandon", project, "merge " + id);
      }
      return gone;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void expireMerges() {
    for (String name : projectNames()) {
      try {
        MergeSessions.expire(gitDir(name), clock.instant(), settings.mergeRetention());
      } catch (IOException e) {
        LOG.warn("Could not expire old merges of {}: {}", name, e.getMessage());
      }
    }
  }

  // ---------------------------------------------------------------- releases and exports

  @Override
  public List<Release> releases(String project) {
    Repository repo = existing(project);
    List<Release> out = new ArrayList<>();
    try (RevWalk walk = new RevWalk(repo)) {
      for (Ref ref : repo.getRefDatabase().getRefsByPrefix(Constants.R_TAGS)) {
        RevObject obj = walk.parseAny(ref.getObjectId());
        if (obj instanceof RevTag tag) {
          releaseOf(tag).ifPresent(out::add);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.sort(Comparator.comparing(Release::created).reversed());
    return out;
  }

  private static Optional<Release> releaseOf(RevTag tag) {
    Map<String, String> trailers = new HashMap<>();
    Matcher m = TRAILER.matcher(tag.getFullMessage());
    while (m.find()) {
      trailers.put(m.group(1), m.group(2).trim());
    }
    if (!trailers.containsKey("Stoker-Release")) {
      return Optional.empty();
    }
    PersonIdent tagger = tag.getTaggerIdent();
    String env = trailers.get("Source-Environment");
    return Optional.of(new Release(tag.getTagName(), tag.getObject().name(), tagger == null ? null : tagger.getName(),
        tagger == null ? null : tagger.getWhenAsInstant(), env == null || env.equals("-") ? null : env,
        trailers.get("Artifact-SHA256")));
  }

  @Override
  public Release release(String project, String name, String rev, String sourceEnvironment, String message,
      String actor) throws IOException {
    Repository repo = existing(project);
    checkName("name", name, RELEASE_NAME);
    checkMessage(message);
    if (sourceEnvironment != null && !sourceEnvironment.isBlank()
        && !sourceEnvironment.matches("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}")) {
      throw new InvalidInputException("sourceEnvironment: letters, digits, '.', '_', ':' and '-' only");
    }
    if (repo.exactRef(Constants.R_TAGS + name) != null) {
      throw new ConflictException("name: release '" + name + "' exists");
    }
    ObjectId commit = resolveRev(repo, orDefault(repo, rev), "rev");
    ByteArrayOutputStream artifact = new ByteArrayOutputStream();
    encode(repo, project, commit.name(), artifact);
    BlobRef blob = blobs.put(new ByteArrayInputStream(artifact.toByteArray()), settings.maxFileBytes());
    String env = sourceEnvironment == null || sourceEnvironment.isBlank() ? "-" : sourceEnvironment;
    String text = (message == null || message.isBlank() ? "Release " + name : message.strip()) + "\n\n"
        + "Stoker-Release: " + name + "\n"
        + "Created-By: " + actor + "\n"
        + "Source-Environment: " + env + "\n"
        + "Commit: " + commit.name() + "\n"
        + "Artifact-SHA256: " + blob.sha256() + "\n";
    try (ObjectInserter inserter = repo.newObjectInserter(); RevWalk walk = new RevWalk(repo)) {
      TagBuilder tag = new TagBuilder();
      tag.setTag(name);
      tag.setObjectId(commit, Constants.OBJ_COMMIT);
      tag.setTagger(person(actor));
      tag.setMessage(text);
      ObjectId tagId = inserter.insert(tag);
      inserter.flush();
      moveRef(repo, Constants.R_TAGS + name, null, tagId, "release by " + actor);
      audit(actor, "project.release", project + "@" + name, "commit " + commit.name() + ", artifact sha256 "
          + blob.sha256());
      return releaseOf(walk.parseTag(tagId)).orElseThrow();
    } catch (IllegalStateException e) {
      throw new ConflictException("name: release '" + name + "' exists", e);
    }
  }

  @Override
  public void export(String project, String rev, OutputStream out) throws IOException {
    Repository repo = existing(project);
    String r = orDefault(repo, rev);
    Ref tagRef = RELEASE_NAME.matcher(r).matches() ? repo.exactRef(Constants.R_TAGS + r) : null;
    if (tagRef != null) {
      try (RevWalk walk = new RevWalk(repo)) {
        RevObject obj = walk.parseAny(tagRef.getObjectId());
        Optional<Release> release = obj instanceof RevTag t ? releaseOf(t) : Optional.empty();
        if (release.isPresent() && release.get().artifactSha256() != null) {
          Optional<InputStream> stored = blobs.open(release.get().artifactSha256());
          if (stored.isPresent()) {
            try (InputStream in = stored.get()) {
              in.transferTo(out);
            }
            return;
          }
        }
      }
    }
    encode(repo, project, resolveRev(repo, r, "rev").name(), out);
  }

  private void encode(Repository repo, String project, String commit, OutputStream out) throws IOException {
    ResourceTree tree = read(project, commit);
    if (tree.manifest() == null) {
      throw new InvalidInputException("rev: revision " + commit + " holds no project (tags only)");
    }
    adapter(repo).codec().encode(tree, out);
  }

  @Override
  public Optional<byte[]> exportTags(String project, String rev) {
    try {
      return file(project, rev, ResourceMerger.TAGS_FILE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ---------------------------------------------------------------- remotes

  @Override
  public RemoteInfo setRemote(String project, String url, String secret, String actor) {
    Repository repo = existing(project);
    RemoteCredentials.checkUrl(url);
    if (secret != null && !secret.isBlank()) {
      RemoteCredentials.checkReference(secret);
    }
    try {
      StoredConfig c = repo.getConfig();
      if (!url.equals(c.getString("remote", REMOTE, "url"))) {
        // A new remote: its SSH host key is trusted anew on first use.
        c.unset(SECTION, null, RemoteCredentials.HOST_KEY);
      }
      c.setString("remote", REMOTE, "url", url);
      c.setString("remote", REMOTE, "fetch", "+refs/heads/*:refs/remotes/" + REMOTE + "/*");
      if (secret == null || secret.isBlank()) {
        c.unset(SECTION, null, "remoteSecret");
      } else {
        c.setString(SECTION, null, "remoteSecret", secret);
      }
      c.save();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    audit(actor, "project.remote.set", project, RemoteCredentials.redact(url));
    return remote(project).orElseThrow();
  }

  @Override
  public Optional<RemoteInfo> remote(String project) {
    StoredConfig c = existing(project).getConfig();
    String url = c.getString("remote", REMOTE, "url");
    return url == null ? Optional.empty() : Optional.of(new RemoteInfo(url, c.getString(SECTION, null, "remoteSecret")));
  }

  @Override
  public BranchInfo push(String project, String branch, String actor) {
    Repository repo = existing(project);
    String b = branch == null || branch.isBlank() ? defaultBranch(repo) : branch;
    ObjectId head = headOf(repo, b).orElseThrow(() -> new NotFoundException("branch '" + b + "' not found"));
    RemoteInfo remote = remote(project).orElseThrow(() -> new ConflictException(
        "remote: project " + project + " has no remote; PUT /projects/" + project + "/remote first"));
    mirror().push(repo, REMOTE, b, remote.secret(), actor);
    audit(actor, "project.remote.push", project + "@" + b, head.name() + " to " + RemoteCredentials.redact(remote.url()));
    return new BranchInfo(b, head.name());
  }

  @Override
  public BranchInfo pull(String project, String branch, String actor) {
    Repository repo = existing(project);
    String b = branch == null || branch.isBlank() ? defaultBranch(repo) : branch;
    RemoteInfo remote = remote(project).orElseThrow(() -> new ConflictException(
        "remote: project " + project + " has no remote; PUT /projects/" + project + "/remote first"));
    ObjectId fetched = mirror().fetch(repo, REMOTE, b, remote.secret(), actor);
    Optional<ObjectId> local = headOf(repo, b);
    try (RevWalk walk = new RevWalk(repo)) {
      if (local.isPresent()) {
        if (walk.isMergedInto(walk.parseCommit(fetched), walk.parseCommit(local.get()))) {
          return new BranchInfo(b, local.get().name());
        }
        if (!walk.isMergedInto(walk.parseCommit(local.get()), walk.parseCommit(fetched))) {
          throw new ConflictException("branch: '" + b + "' and the remote's have diverged; merge "
              + REMOTE + "/" + b + " first (it was fetched)");
        }
      }
      moveRef(repo, Constants.R_HEADS + b, local.orElse(null), fetched, "pull by " + actor);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    audit(actor, "project.remote.pull", project + "@" + b, fetched.name() + " from " + RemoteCredentials.redact(remote.url()));
    return new BranchInfo(b, fetched.name());
  }

  private RemoteCredentials mirror() {
    RemoteCredentials c = credentials;
    return c == null ? new RemoteCredentials(null) : c;
  }

  // ---------------------------------------------------------------- helpers

  private Path gitDir(String project) {
    return root.resolve(project + ".git");
  }

  private Repository repo(String name) {
    return open.computeIfAbsent(name, n -> {
      try {
        return new FileRepositoryBuilder().setGitDir(gitDir(n).toFile()).setMustExist(true).build();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  private Repository existing(String project) {
    if (project == null || !PROJECT_NAME.matcher(project).matches() || !Files.isDirectory(gitDir(project))) {
      throw new NotFoundException("project '" + project + "' not found");
    }
    return repo(project);
  }

  private PlatformAdapter adapter(Repository repo) {
    String platform = repo.getConfig().getString(SECTION, null, "platform");
    PlatformAdapter adapter = platform == null ? null : adapters.get(platform);
    if (adapter == null) {
      throw new UnavailableException("the " + platform + " adapter is not installed; install its feature");
    }
    return adapter;
  }

  private static String defaultBranch(Repository repo) {
    String b = repo.getConfig().getString(SECTION, null, "defaultBranch");
    return b == null ? DEFAULT_BRANCH : b;
  }

  private static String orDefault(Repository repo, String rev) {
    return rev == null || rev.isBlank() ? defaultBranch(repo) : rev;
  }

  private static Optional<ObjectId> headOf(Repository repo, String branch) {
    try {
      Ref ref = repo.exactRef(Constants.R_HEADS + branch);
      return ref == null ? Optional.empty() : Optional.of(ref.getObjectId());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Optional<ObjectId> tryResolve(Repository repo, String rev) {
    try {
      Ref branch = repo.exactRef(Constants.R_HEADS + rev);
      if (branch != null) {
        return Optional.of(branch.getObjectId());
      }
      ObjectId id = repo.resolve(rev.matches("[0-9a-fA-F]{4,40}") ? rev : Constants.R_TAGS + rev + "^{commit}");
      if (id == null && !rev.matches("[0-9a-fA-F]{4,40}")) {
        id = repo.resolve(rev + "^{commit}");
      }
      if (id == null) {
        return Optional.empty();
      }
      try (RevWalk walk = new RevWalk(repo)) {
        return Optional.of(walk.parseCommit(id).getId());
      }
    } catch (org.eclipse.jgit.errors.RevisionSyntaxException | org.eclipse.jgit.errors.IncorrectObjectTypeException
        | org.eclipse.jgit.errors.MissingObjectException | org.eclipse.jgit.errors.AmbiguousObjectException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ObjectId resolveRev(Repository repo, String rev, String field) {
    if (rev == null || rev.isBlank()) {
      throw new InvalidInputException(field + ": required (a branch, tag or commit)");
    }
    if (rev.length() > 200 || rev.contains("..") || rev.startsWith("-")) {
      throw new InvalidInputException(field + ": not a revision name");
    }
    return tryResolve(repo, rev).orElseThrow(() -> new NotFoundException(field + ": revision '" + rev
        + "' not found"));
  }

  private static ObjectId parseId(String field, String id) {
    if (!ObjectId.isId(id.toLowerCase())) {
      throw new InvalidInputException(field + ": not a full commit id (40 hex digits)");
    }
    return ObjectId.fromString(id.toLowerCase());
  }

  private static void checkName(String field, String value, Pattern pattern) {
    if (value == null || value.isBlank()) {
      throw new InvalidInputException(field + ": required");
    }
    if (!pattern.matcher(value).matches() || value.endsWith(".lock") || value.contains("..")) {
      throw new InvalidInputException(field + ": '" + value + "' must match " + pattern.pattern());
    }
  }

  private static void checkMessage(String message) {
    if (message != null && message.length() > 10_000) {
      throw new InvalidInputException("message: at most 10000 characters");
    }
  }

  private static Revision revision(RevCommit c) {
    PersonIdent a = c.getAuthorIdent();
    return new Revision(c.name(), a.getName(), c.getFullMessage().strip(), a.getWhenAsInstant());
  }

  private void audit(String actor, String action, String target, String detail) {
    AuditLog log = audit;
    if (log != null) {
      log.append(new AuditRecord(actor == null ? "system" : actor, action, target, "", AuditOutcome.SUCCESS, detail));
    }
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          LOG.warn("Could not delete {}: {}", p, e.getMessage());
        }
      });
    } catch (IOException e) {
      LOG.warn("Could not delete {}: {}", dir, e.getMessage());
    }
  }

  // ---------------------------------------------------------------- dynamic references

  @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  void addAdapter(PlatformAdapter adapter) {
    adapters.putIfAbsent(adapter.descriptor().id(), adapter);
  }

  void removeAdapter(PlatformAdapter adapter) {
    adapters.values().remove(adapter);
  }

  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  void setAudit(AuditLog log) {
    this.audit = log;
  }

  void unsetAudit(AuditLog log) {
    if (this.audit == log) {
      this.audit = null;
    }
  }

  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  void setEnvironments(dev.stoker.api.environment.EnvironmentService service) {
    this.environments = service;
  }

  void unsetEnvironments(dev.stoker.api.environment.EnvironmentService service) {
    if (this.environments == service) {
      this.environments = null;
    }
  }

  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  void setSecrets(dev.stoker.api.secrets.SecretService service) {
    this.credentials = new RemoteCredentials(service);
  }

  void unsetSecrets(dev.stoker.api.secrets.SecretService service) {
    RemoteCredentials c = this.credentials;
    if (c != null && c.service() == service) {
      this.credentials = null;
    }
  }
}
