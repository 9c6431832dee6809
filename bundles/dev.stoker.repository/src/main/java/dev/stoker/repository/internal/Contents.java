package dev.stoker.repository.internal;

import dev.stoker.api.common.InvalidInputException;
import dev.stoker.api.common.NotFoundException;
import dev.stoker.api.common.Page;
import dev.stoker.api.common.PageRequest;
import dev.stoker.api.platform.ResourceMerger;
import dev.stoker.api.repository.Resource;
import dev.stoker.api.repository.ResourceTree;
import dev.stoker.api.repository.Revision;
import dev.stoker.api.repository.TreeListing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/** Reads what a project holds: its history, the resources of a revision, one file, a whole revision. */
final class Contents {
  private final Projects projects;
  private final BlobPointers pointers;

  Contents(Projects projects, BlobPointers pointers) {
    this.projects = projects;
    this.pointers = pointers;
  }

  Page<Revision> log(String project, String rev, PageRequest page) {
    Repository repo = projects.existing(project);
    String r = Revisions.orDefault(repo, rev);
    Optional<ObjectId> start = Revisions.tryResolve(repo, r);
    if (start.isEmpty()) {
      if (r.equals(Revisions.defaultBranch(repo))) {
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
          items.add(Revisions.revision(c));
        }
        total++;
      }
      return new Page<>(items, page.offset(), page.limit(), total);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  TreeListing tree(String project, String rev) {
    Repository repo = projects.existing(project);
    try (RevWalk walk = new RevWalk(repo)) {
      RevCommit commit = walk.parseCommit(Revisions.resolve(repo, Revisions.orDefault(repo, rev), "rev"));
      Snapshot snap = Snapshot.of(walk.getObjectReader(), commit.getTree());
      List<TreeListing.Entry> entries = new ArrayList<>();
      snap.units.forEach((unit, files) -> {
        if (!unit.equals(Snapshot.MANIFEST) && !unit.equals(Snapshot.TAGS_UNIT) && !Snapshot.isOwn(unit)) {
          entries.add(new TreeListing.Entry(unit, Snapshot.typeOf(unit), List.copyOf(files.keySet())));
        }
      });
      return new TreeListing(commit.name(), entries, snap.units.containsKey(Snapshot.TAGS_UNIT));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Optional<byte[]> file(String project, String rev, String path) throws IOException {
    if (path == null || path.isBlank()) {
      throw new InvalidInputException("path: required");
    }
    Repository repo = projects.existing(project);
    try (RevWalk walk = new RevWalk(repo);
        TreeWalk tw = TreeWalk.forPath(repo, path,
            walk.parseCommit(Revisions.resolve(repo, Revisions.orDefault(repo, rev), "rev")).getTree())) {
      if (tw == null || tw.isSubtree()) {
        return Optional.empty();
      }
      return Optional.of(pointers.resolve(BlobRecord.of(repo), repo.open(tw.getObjectId(0), Constants.OBJ_BLOB)
          .getBytes()));
    }
  }

  /** @return a revision as the codec and merger see it, blob pointers resolved */
  ResourceTree read(String project, String rev) throws IOException {
    Repository repo = projects.existing(project);
    try (RevWalk walk = new RevWalk(repo)) {
      RevCommit commit = walk.parseCommit(Revisions.resolve(repo, Revisions.orDefault(repo, rev), "rev"));
      ObjectReader reader = walk.getObjectReader();
      Snapshot snap = Snapshot.of(reader, commit.getTree());
      BlobRecord record = BlobRecord.of(repo);
      byte[] manifest = null;
      byte[] tags = null;
      SortedMap<String, Resource> resources = new TreeMap<>();
      for (String unit : snap.units.keySet()) {
        if (Snapshot.isOwn(unit)) {
          continue; // Stoker's own files are not part of the project the platform sees
        }
        Resource r = snap.load(reader, unit);
        SortedMap<String, byte[]> files = new TreeMap<>();
        for (Map.Entry<String, byte[]> f : r.files().entrySet()) {
          files.put(f.getKey(), pointers.resolve(record, f.getValue()));
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
}
