package dev.stoker.repository.internal;

import dev.stoker.api.common.ConflictException;
import dev.stoker.api.common.InvalidInputException;
import dev.stoker.api.common.NotFoundException;
import dev.stoker.api.event.EventProperties;
import dev.stoker.api.platform.AdapterLease;
import dev.stoker.api.platform.ResourceMerger;
import dev.stoker.api.repository.ImportResult;
import dev.stoker.api.repository.Resource;
import dev.stoker.api.repository.ResourceTree;
import dev.stoker.api.repository.Revision;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports: a project export and/or tag export (decoded by the adapter's codec), a decoded tree, or a
 * gateway's project folder, each recorded as one commit on a branch. Blobs, tree and commit are written
 * first; the branch moves last by compare-and-set, so a racing import gets a conflict and nothing is lost.
 */
final class Importer {
  private static final Logger LOG = LoggerFactory.getLogger(Importer.class);
  /** More packs than this and the repository is repacked. */
  static final int MAX_PACKS = 16;

  private final Projects projects;
  private final Branches branches;
  private final Commits commits;
  private final BlobPointers pointers;
  private final GitRepositoryService.Settings settings;
  private final Journal journal;
  private final ImportInserts inserts = new ImportInserts(Runtime.getRuntime().availableProcessors());
  private final ExecutorService maintenance = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "stoker-repository-maintenance");
    t.setDaemon(true);
    return t;
  });

  Importer(Projects projects, Branches branches, Commits commits, BlobPointers pointers,
      GitRepositoryService.Settings settings, Journal journal) {
    this.projects = projects;
    this.branches = branches;
    this.commits = commits;
    this.pointers = pointers;
    this.settings = settings;
    this.journal = journal;
  }

  void close() {
    maintenance.shutdownNow();
    inserts.close();
  }

  ImportResult importExport(String project, String branch, InputStream projectExport, InputStream tags,
      String expectedHead, String actor, String message) throws IOException {
    Repository repo = projects.existing(project);
    if (projectExport == null && tags == null) {
      throw new InvalidInputException("project: give a project export, a tag export or both");
    }
    try (AdapterLease lease = projects.lease(repo)) {
      ResourceTree decoded = projectExport == null ? null : lease.adapter().codec().decode(projectExport);
      lease.check();
      byte[] tagBytes = tags == null ? null : lease.adapter().codec().decodeTags(tags);
      lease.check();
      return commit(project, repo, branch, decoded, tagBytes, expectedHead, actor, message);
    }
  }

  ImportResult importTree(String project, String branch, ResourceTree tree, String expectedHead, String actor,
      String message) {
    Repository repo = projects.existing(project);
    try {
      return commit(project, repo, branch, tree, tree.tags(), expectedHead, actor, message);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  ImportResult importFolder(String project, String branch, Path folder, String actor, String message)
      throws IOException {
    Repository repo = projects.existing(project);
    Path real = allowedFolder(folder);
    byte[] zip = zip(real);
    ResourceTree tree;
    try (AdapterLease lease = projects.lease(repo)) {
      tree = lease.adapter().codec().decode(new ByteArrayInputStream(zip));
      lease.check();
    }
    ImportResult r = commit(project, repo, branch, tree, null, null, actor,
        message == null || message.isBlank() ? "Import of folder " + real.getFileName() : message);
    journal.audit(actor, "project.import.folder", project, "from " + real);
    return r;
  }

  /** @return the real path of a folder under an allowed import root that holds a project */
  private Path allowedFolder(Path folder) {
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
    return real;
  }

  /** The folder zipped as the gateway would export it, to be read by the codec with all its checks. */
  private byte[] zip(Path real) throws IOException {
    ByteArrayOutputStream zip = new ByteArrayOutputStream();
    long total = 0;
    try (ZipOutputStream out = new ZipOutputStream(zip); Stream<Path> files = Files.walk(real)) {
      for (Path f : (Iterable<Path>) files.sorted()::iterator) {
        if (Files.isSymbolicLink(f)) {
          throw new InvalidInputException("path: '" + real.relativize(f) + "' is a symbolic link");
        }
        if (!Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
          continue;
        }
        total += Files.size(f);
        if (total > settings.maxFileBytes()) {
          throw new InvalidInputException("path: the folder holds more than " + settings.maxFileBytes() + " bytes");
        }
        out.putNextEntry(new ZipEntry(real.relativize(f).toString().replace(File.separatorChar, '/')));
        Files.copy(f, out);
        out.closeEntry();
      }
    }
    return zip.toByteArray();
  }

  /**
   * Records a decoded project and/or tags as a commit on a branch. A part left out ({@code null}) is kept
   * from the branch head.
   */
  ImportResult commit(String project, Repository repo, String branch, ResourceTree tree, byte[] tags,
      String expectedHead, String actor, String message) throws IOException {
    String b = branch == null || branch.isBlank() ? Revisions.defaultBranch(repo) : branch;
    Revisions.checkName("branch", b, Revisions.BRANCH_NAME);
    Revisions.checkMessage(message);
    Optional<ObjectId> current = Revisions.headOf(repo, b);
    ObjectId expected = expectedHead == null || expectedHead.isBlank() ? current.orElse(ObjectId.zeroId())
        : Revisions.parseId("expectedHead", expectedHead);
    if (!expected.equals(current.orElse(ObjectId.zeroId()))) {
      throw new ConflictException("expectedHead: branch '" + b + "' is at "
          + current.map(ObjectId::name).orElse("nothing") + ", not " + expectedHead + "; import onto the new head");
    }
    if (current.isEmpty() && !b.equals(Revisions.defaultBranch(repo)) && !branches.list(project).isEmpty()) {
      throw new NotFoundException("branch '" + b + "' does not exist; create it first");
    }
    int fileCount = tree == null ? 1 : tree.resources().values().stream().mapToInt(r -> r.files().size()).sum();
    try (ObjectInserter inserter = PackInserters.forFiles(repo, fileCount); ObjectReader reader = inserter.newReader();
        RevWalk walk = new RevWalk(reader)) {
      Snapshot parent = current.isEmpty() ? Snapshot.empty() : Snapshot.of(reader, walk.parseCommit(current.get()).getTree());
      SortedMap<String, SortedMap<String, Object>> units = units(tree, tags, parent);
      inserts.insert(repo, pointers, BlobRecord.of(repo), units);
      ObjectId treeId = Commits.writeTree(inserter, units);
      if (current.isPresent() && walk.parseCommit(current.get()).getTree().getId().equals(treeId)) {
        return new ImportResult(Revisions.revision(walk.parseCommit(current.get())), false);
      }
      ObjectId commit = commits.writeCommit(inserter, treeId, current.map(List::of).orElse(List.of()), actor,
          message == null || message.isBlank() ? "Import" : message);
      inserter.flush();
      Commits.moveRef(repo, Constants.R_HEADS + b, current.orElse(null), commit, "import by " + actor);
      if (fileCount >= PackInserters.THRESHOLD) {
        maintenance.submit(() -> compactIfNeeded(project));
      }
      Revision revision = Revisions.revision(walk.parseCommit(commit));
      journal.audit(actor, "project.import", project + "@" + b, "commit " + commit.name());
      journal.post(project, Journal.REVISION, actor,
          Map.of(EventProperties.REVISION, commit.name(), EventProperties.BRANCH, b));
      return new ImportResult(revision, true);
    }
  }

  /**
   * Writes one of Stoker's own files ({@code stoker/<name>}) as a commit on a branch that holds a project.
   */
  Revision writeOwnFile(String project, String branch, String path, byte[] content, String expectedHead,
      String actor, String message) throws IOException {
    if (path == null || !OWN_FILE.matcher(path).matches()) {
      throw new InvalidInputException("path: must be " + Snapshot.OWN + "/<name> (letters, digits, '.', '_', '-')");
    }
    if (content == null || content.length > settings.maxFileBytes()) {
      throw new InvalidInputException("content: required and at most " + settings.maxFileBytes() + " bytes");
    }
    Repository repo = projects.existing(project);
    String b = branch == null || branch.isBlank() ? Revisions.defaultBranch(repo) : branch;
    Revisions.checkName("branch", b, Revisions.BRANCH_NAME);
    Revisions.checkMessage(message);
    ObjectId current = Revisions.headOf(repo, b).orElseThrow(() -> new ConflictException("branch: '" + b
        + "' holds no revision yet; import the project first"));
    if (expectedHead != null && !expectedHead.isBlank()
        && !Revisions.parseId("expectedHead", expectedHead).equals(current)) {
      throw new ConflictException("expectedHead: branch '" + b + "' is at " + current.name() + ", not " + expectedHead);
    }
    try (ObjectInserter inserter = repo.newObjectInserter(); ObjectReader reader = inserter.newReader();
        RevWalk walk = new RevWalk(reader)) {
      RevCommit head = walk.parseCommit(current);
      Snapshot parent = Snapshot.of(reader, head.getTree());
      SortedMap<String, SortedMap<String, Object>> units = new TreeMap<>();
      parent.units.forEach((unit, files) -> units.put(unit, new TreeMap<>(files)));
      int slash = path.lastIndexOf('/');
      units.computeIfAbsent(path.substring(0, slash), k -> new TreeMap<>()).put(path.substring(slash + 1), content);
      ObjectId treeId = Commits.writeTree(inserter, units);
      if (treeId.equals(head.getTree().getId())) {
        return Revisions.revision(head);
      }
      ObjectId commit = commits.writeCommit(inserter, treeId, List.of(current), actor,
          message == null || message.isBlank() ? "Update " + path : message);
      inserter.flush();
      Commits.moveRef(repo, Constants.R_HEADS + b, current, commit, "write " + path + " by " + actor);
      Revision revision = Revisions.revision(walk.parseCommit(commit));
      journal.audit(actor, "project.file.write", project + "@" + b, path + " commit " + commit.name());
      journal.post(project, Journal.REVISION, actor,
          Map.of(EventProperties.REVISION, commit.name(), EventProperties.BRANCH, b));
      return revision;
    }
  }

  private static final java.util.regex.Pattern OWN_FILE =
      java.util.regex.Pattern.compile(Snapshot.OWN + "/[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

  /** @return the units of the new revision: the given parts, and what is left out taken from the parent */
  private SortedMap<String, SortedMap<String, Object>> units(ResourceTree tree, byte[] tags, Snapshot parent) {
    SortedMap<String, SortedMap<String, Object>> units = new TreeMap<>();
    if (tree != null) {
      if (tree.manifest() == null) {
        throw new InvalidInputException("project: the export has no " + Snapshot.MANIFEST);
      }
      units.put(Snapshot.MANIFEST, single(Snapshot.MANIFEST, tree.manifest()));
      for (Resource r : tree.resources().values()) {
        checkResourcePath(r.path());
        if (Snapshot.isOwn(r.path())) {
          throw new InvalidInputException("project: '" + r.path() + "' is in the folder Stoker keeps its own files in ("
              + Snapshot.OWN + "/); rename the resource");
        }
        units.put(r.path(), new TreeMap<String, Object>(r.files()));
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
    parent.units.forEach((unit, files) -> {
      if (Snapshot.isOwn(unit)) {
        units.put(unit, new TreeMap<>(files)); // a new export never replaces Stoker's own files
      }
    });
    if (tags != null) {
      units.put(Snapshot.TAGS_UNIT, single(ResourceMerger.TAGS_FILE, tags));
    } else if (parent.units.containsKey(Snapshot.TAGS_UNIT)) {
      units.put(Snapshot.TAGS_UNIT, new TreeMap<>(parent.units.get(Snapshot.TAGS_UNIT)));
    }
    return units;
  }

  /** Repacks a repository once imports have left many packs behind. */
  private void compactIfNeeded(String project) {
    try {
      Repository repo = projects.existing(project);
      try (Git git = Git.wrap(repo)) {
        Properties stats = git.gc().getStatistics();
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

  /** A project name as gateways accept it (Ignition: letters, digits, {@code _} and {@code -}). */
  static void checkGatewayProjectName(String name) {
    if (!name.matches("[A-Za-z0-9][A-Za-z0-9_-]{0,99}")) {
      throw new InvalidInputException("gatewayProject: '" + name + "' is not a project name a gateway accepts");
    }
  }

  static void checkResourcePath(String path) {
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
}
