package dev.stoker.repository.internal;

import static dev.stoker.repository.internal.Revisions.DEFAULT_BRANCH;
import static dev.stoker.repository.internal.Revisions.PROJECT_NAME;
import static dev.stoker.repository.internal.Revisions.SECTION;

import dev.stoker.api.common.ConflictException;
import dev.stoker.api.common.InvalidInputException;
import dev.stoker.api.common.NotFoundException;
import dev.stoker.api.common.Page;
import dev.stoker.api.common.PageRequest;
import dev.stoker.api.common.UnavailableException;
import dev.stoker.api.platform.AdapterLease;
import dev.stoker.api.platform.PlatformDescriptor;
import dev.stoker.api.platform.PlatformRegistry;
import dev.stoker.api.repository.ProjectInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The projects on disk: one bare repository {@code <root>/<name>.git} each, its metadata (platform,
 * description, creation time, default branch) in the {@code stoker} section of its Git configuration.
 * Creates, lists and deletes them, keeps the open repositories, and hands out leases on a project's adapter.
 */
final class Projects {
  private static final Logger LOG = LoggerFactory.getLogger(Projects.class);

  private final Path root;
  private final PlatformRegistry platforms;
  private final Clock clock;
  private final Journal journal;
  private final Map<String, Repository> open = new ConcurrentHashMap<>();

  Projects(Path root, PlatformRegistry platforms, Clock clock, Journal journal) throws IOException {
    this.root = Files.createDirectories(root);
    this.platforms = platforms;
    this.clock = clock;
    this.journal = journal;
  }

  ProjectInfo create(String name, String platform, String description, String actor) {
    Revisions.checkName("name", name, PROJECT_NAME);
    if (platform == null || platform.isBlank()) {
      throw new InvalidInputException("platform", "required (e.g. ignition)");
    }
    if (platforms.find(platform).isEmpty()) {
      throw new InvalidInputException("platform", "unknown platform '" + platform + "'; installed: "
          + new TreeSet<>(platforms.platforms().stream().map(PlatformDescriptor::id).toList()));
    }
    if (description != null && description.length() > 1000) {
      throw new InvalidInputException("description", "at most 1000 characters");
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
        Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        deleteTree(tmp);
        throw new UncheckedIOException("creating project " + name, e);
      }
    }
    journal.audit(actor, "project.create", name, "platform " + platform);
    return get(name).orElseThrow();
  }

  Page<ProjectInfo> list(PageRequest page) {
    List<String> names = names();
    List<ProjectInfo> items = new ArrayList<>();
    for (int i = page.offset(); i < names.size() && items.size() < page.limit(); i++) {
      get(names.get(i)).ifPresent(items::add);
    }
    return new Page<>(items, page.offset(), page.limit(), names.size());
  }

  /** @return the names of all projects, sorted */
  List<String> names() {
    try (Stream<Path> dirs = Files.list(root)) {
      return dirs.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".git"))
          .map(n -> n.substring(0, n.length() - 4)).filter(n -> PROJECT_NAME.matcher(n).matches()).sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Optional<ProjectInfo> get(String name) {
    if (!exists(name)) {
      return Optional.empty();
    }
    Repository repo = repo(name);
    StoredConfig c = repo.getConfig();
    String branch = Revisions.defaultBranch(repo);
    String head = Revisions.headOf(repo, branch).map(ObjectId::name).orElse(null);
    String created = c.getString(SECTION, null, "created");
    return Optional.of(new ProjectInfo(name, c.getString(SECTION, null, "platform"),
        c.getString(SECTION, null, "description"), branch, head, created == null ? null : Instant.parse(created)));
  }

  boolean delete(String name, String actor) {
    if (get(name).isEmpty()) {
      return false;
    }
    synchronized (this) {
      Repository repo = open.remove(name);
      if (repo != null) {
        repo.close();
      }
      Path trash = root.resolve(".deleted-" + name + "-" + UUID.randomUUID());
      try {
        Files.move(gitDir(name), trash, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        throw new UncheckedIOException("deleting project " + name, e);
      }
      deleteTree(trash);
    }
    journal.audit(actor, "project.delete", name, "");
    return true;
  }

  /** @return the open repository of a project */
  Repository existing(String project) {
    if (!exists(project)) {
      throw new NotFoundException("project '" + project + "' not found");
    }
    return repo(project);
  }

  Path gitDir(String project) {
    return root.resolve(project + ".git");
  }

  /**
   * Takes a lease on the adapter of a project's platform; work with the adapter holds it and calls
   * {@link AdapterLease#check()} at safe points.
   *
   * @throws UnavailableException when no adapter serves the platform
   */
  AdapterLease lease(Repository repo) {
    String platform = repo.getConfig().getString(SECTION, null, "platform");
    if (platform != null) {
      try {
        return platforms.lease(platform);
      } catch (UnavailableException e) {
        LOG.debug("No adapter for platform {}: {}", platform, e.getMessage());
      }
    }
    throw new UnavailableException("the " + platform + " adapter is not installed; install its feature");
  }

  void close() {
    open.values().forEach(Repository::close);
    open.clear();
  }

  private boolean exists(String name) {
    return name != null && PROJECT_NAME.matcher(name).matches() && Files.isDirectory(gitDir(name));
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
}
