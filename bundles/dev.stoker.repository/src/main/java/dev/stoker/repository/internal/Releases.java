package dev.stoker.repository.internal;

import dev.stoker.api.common.ConflictException;
import dev.stoker.api.common.InvalidInputException;
import dev.stoker.api.event.EventProperties;
import dev.stoker.api.platform.AdapterLease;
import dev.stoker.api.platform.ResourceMerger;
import dev.stoker.api.repository.BlobRef;
import dev.stoker.api.repository.BlobStore;
import dev.stoker.api.repository.Release;
import dev.stoker.api.repository.ResourceTree;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TagBuilder;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevTag;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Releases and exports. A release is an annotated tag whose message carries the provenance as trailers
 * ({@code Stoker-Release}, {@code Created-By}, {@code Source-Environment}, {@code Commit},
 * {@code Artifact-SHA256}); its exported artifact is kept in the blob store, and exporting the release
 * returns exactly that artifact.
 */
final class Releases {
  private static final Pattern TRAILER = Pattern.compile("^([A-Za-z0-9-]+): (.*)$", Pattern.MULTILINE);

  private final Projects projects;
  private final Contents contents;
  private final Commits commits;
  private final BlobStore blobs;
  private final long maxFileBytes;
  private final Journal journal;

  Releases(Projects projects, Contents contents, Commits commits, BlobStore blobs, long maxFileBytes,
      Journal journal) {
    this.projects = projects;
    this.contents = contents;
    this.commits = commits;
    this.blobs = blobs;
    this.maxFileBytes = maxFileBytes;
    this.journal = journal;
  }

  List<Release> list(String project) {
    Repository repo = projects.existing(project);
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

  /** @return the release an annotated tag stands for, or empty when it is not a Stoker release */
  static Optional<Release> releaseOf(RevTag tag) {
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

  Release create(String project, String name, String rev, String sourceEnvironment, String message, String actor)
      throws IOException {
    Repository repo = projects.existing(project);
    Revisions.checkName("name", name, Revisions.RELEASE_NAME);
    Revisions.checkMessage(message);
    if (sourceEnvironment != null && !sourceEnvironment.isBlank()
        && !sourceEnvironment.matches("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}")) {
      throw new InvalidInputException("sourceEnvironment: letters, digits, '.', '_', ':' and '-' only");
    }
    if (repo.exactRef(Constants.R_TAGS + name) != null) {
      throw new ConflictException("name: release '" + name + "' exists");
    }
    ObjectId commit = Revisions.resolve(repo, Revisions.orDefault(repo, rev), "rev");
    // spooled to a file, not the heap: a release of a large project must not need its size in memory
    java.nio.file.Path spool = java.nio.file.Files.createTempFile("stoker-release-", ".zip");
    BlobRef blob;
    try {
      try (OutputStream artifact = java.nio.file.Files.newOutputStream(spool)) {
        encode(repo, project, commit.name(), artifact);
      }
      try (InputStream in = java.nio.file.Files.newInputStream(spool)) {
        blob = blobs.put(in, maxFileBytes);
      }
    } finally {
      java.nio.file.Files.deleteIfExists(spool);
    }
    BlobRecord.of(repo).add(blob.sha256());
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
      tag.setTagger(commits.person(actor));
      tag.setMessage(text);
      ObjectId tagId = inserter.insert(tag);
      inserter.flush();
      Commits.moveRef(repo, Constants.R_TAGS + name, null, tagId, "release by " + actor);
      journal.audit(actor, "project.release", project + "@" + name, "commit " + commit.name()
          + ", artifact sha256 " + blob.sha256());
      journal.post(project, Journal.RELEASE, actor, Map.of("release", name, EventProperties.REVISION, commit.name(),
          "artifactSha256", blob.sha256()));
      return releaseOf(walk.parseTag(tagId)).orElseThrow();
    } catch (IllegalStateException e) {
      throw new ConflictException("name: release '" + name + "' exists", e);
    }
  }

  void export(String project, String rev, OutputStream out) throws IOException {
    Repository repo = projects.existing(project);
    String r = Revisions.orDefault(repo, rev);
    Ref tagRef = Revisions.RELEASE_NAME.matcher(r).matches() ? repo.exactRef(Constants.R_TAGS + r) : null;
    if (tagRef != null) {
      try (RevWalk walk = new RevWalk(repo)) {
        RevObject obj = walk.parseAny(tagRef.getObjectId());
        Optional<Release> release = obj instanceof RevTag t ? releaseOf(t) : Optional.empty();
        if (release.isPresent() && release.get().artifactSha256() != null
            && BlobRecord.of(repo).contains(release.get().artifactSha256())) {
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
    encode(repo, project, Revisions.resolve(repo, r, "rev").name(), out);
  }

  private void encode(Repository repo, String project, String commit, OutputStream out) throws IOException {
    ResourceTree tree = contents.read(project, commit);
    if (tree.manifest() == null) {
      throw new InvalidInputException("rev: revision " + commit + " holds no project (tags only)");
    }
    try (AdapterLease lease = projects.lease(repo)) {
      lease.adapter().codec().encode(tree, out);
      lease.check();
    }
  }

  Optional<byte[]> exportTags(String project, String rev) {
    try {
      return contents.file(project, rev, ResourceMerger.TAGS_FILE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
