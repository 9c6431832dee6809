package dev.stoker.repository.internal;

import dev.stoker.api.common.ConflictException;
import dev.stoker.api.common.InvalidInputException;
import dev.stoker.api.common.NotFoundException;
import dev.stoker.api.event.EventProperties;
import dev.stoker.api.platform.AdapterLease;
import dev.stoker.api.repository.MergeConflict;
import dev.stoker.api.repository.MergeState;
import dev.stoker.api.repository.Resolution;
import dev.stoker.api.repository.Revision;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.UUID;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.RevFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Merges of one branch into another. Up-to-date and fast-forward merges conclude at once; otherwise the
 * {@link ThreeWayMerge} is computed in memory and committed when it has no conflicts, else kept as a
 * {@link MergeSessions} file until every conflict is resolved and the merge is committed or abandoned. The
 * target moves only by compare-and-set from the head the merge started on.
 */
final class MergeService {
  private static final Logger LOG = LoggerFactory.getLogger(MergeService.class);

  private final Projects projects;
  private final Commits commits;
  private final Journal journal;
  private final Clock clock;
  private final BlobPointers pointers;
  private final MergeStamps stamps;

  MergeService(Projects projects, Commits commits, Journal journal, Clock clock, BlobPointers pointers) {
    this.pointers = pointers;
    this.stamps = new MergeStamps(pointers);
    this.projects = projects;
    this.commits = commits;
    this.journal = journal;
    this.clock = clock;
  }

  MergeState merge(String project, String source, String target, String message, String actor) {
    Repository repo = projects.existing(project);
    String t = Revisions.orDefault(repo, target);
    if (source == null || source.isBlank()) {
      throw new InvalidInputException("source: required (the branch to merge)");
    }
    Revisions.checkMessage(message);
    ObjectId ours = Revisions.headOf(repo, t).orElseThrow(() -> new NotFoundException("target branch '" + t
        + "' not found in project " + project));
    ObjectId theirs = Revisions.resolve(repo, source, "source");
    try (RevWalk walk = new RevWalk(repo)) {
      RevCommit o = walk.parseCommit(ours);
      RevCommit th = walk.parseCommit(theirs);
      RevCommit base = mergeBase(walk, o, th);
      String id = UUID.randomUUID().toString();
      MergeSessions.Session session = new MergeSessions.Session(id, source, t,
          message == null || message.isBlank() ? "Merge " + source + " into " + t : message,
          base == null ? null : base.name(), ours.name(), theirs.name(), actor, clock.instant(), List.of(), null,
          null);
      if (base != null && base.equals(th)) {
        return finish(project, session, MergeState.Status.UP_TO_DATE, ours.name());
      }
      if (base != null && base.equals(o)) {
        Commits.moveRef(repo, Constants.R_HEADS + t, ours, theirs, "merge (fast-forward) by " + actor);
        journal.audit(actor, "project.merge", project + "@" + t, "fast-forward to " + theirs.name() + " from "
            + source);
        concluded(project, session, theirs.name(), actor);
        return finish(project, session, MergeState.Status.COMMITTED, theirs.name());
      }
      try (AdapterLease lease = projects.lease(repo)) {
        ThreeWayMerge.Computed computed = ThreeWayMerge.compute(repo, session, lease);
        if (computed.conflicted().isEmpty()) {
          Revision r = commit(repo, project, session, computed, lease, actor);
          return finish(project, session, MergeState.Status.COMMITTED, r.id());
        }
        MergeSessions.save(projects.gitDir(project), session);
        journal.audit(actor, "project.merge.start", project + "@" + t, "merge " + id + " of " + source + ": "
            + computed.conflicted().size() + " conflicting resource(s)");
        return ThreeWayMerge.state(project, session, computed);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Keeps a finished merge readable (until the retention drops it) and answers its state. */
  private MergeState finish(String project, MergeSessions.Session session, MergeState.Status status,
      String revision) throws IOException {
    MergeSessions.save(projects.gitDir(project), session.finished(status.name(), revision));
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

  private MergeSessions.Session session(String project, String id) {
    try {
      return MergeSessions.load(projects.gitDir(project), id)
          .orElseThrow(() -> new NotFoundException("merge '" + id + "' not found in project " + project));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private MergeSessions.Session unfinished(String project, String id) {
    MergeSessions.Session s = session(project, id);
    if (s.isFinished()) {
      throw new ConflictException("merge: '" + id + "' is already " + s.outcome().toLowerCase(Locale.ROOT)
          + " (" + s.revision() + ")");
    }
    return s;
  }

  MergeState state(String project, String id) {
    Repository repo = projects.existing(project);
    MergeSessions.Session s = session(project, id);
    if (s.isFinished() && s.resolutions().isEmpty()) {
      return new MergeState(s.id(), project, s.source(), s.target(), s.base(), s.ours(), s.theirs(),
          MergeState.Status.valueOf(s.outcome()), List.of(), s.revision(), s.createdBy(), s.created());
    }
    try (AdapterLease lease = projects.lease(repo)) {
      return ThreeWayMerge.state(project, s, ThreeWayMerge.compute(repo, s, lease));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  MergeState resolve(String project, String id, List<Resolution> resolutions, String actor) {
    Repository repo = projects.existing(project);
    MergeSessions.Session s = unfinished(project, id);
    if (resolutions == null || resolutions.isEmpty()) {
      throw new InvalidInputException("resolutions: give at least one");
    }
    try (AdapterLease lease = projects.lease(repo)) {
      ThreeWayMerge.Computed computed = ThreeWayMerge.compute(repo, s, lease);
      Map<String, MergeConflict> known = ThreeWayMerge.conflicts(computed);
      Map<String, Resolution> merged = new LinkedHashMap<>();
      s.resolutions().forEach(r -> merged.put(ThreeWayMerge.key(r.path(), r.pointer()), r));
      for (int i = 0; i < resolutions.size(); i++) {
        Resolution r = resolutions.get(i);
        String field = "resolutions[" + i + "]";
        if (r == null || r.path() == null || r.pointer() == null) {
          throw new InvalidInputException(field + ": path and pointer are required");
        }
        if (!known.containsKey(ThreeWayMerge.key(r.path(), r.pointer()))) {
          throw new InvalidInputException(field + ".pointer: no conflict at " + r.path() + " " + r.pointer());
        }
        String choice = r.choice() == null ? "" : r.choice();
        if (!List.of("ours", "theirs", "base", "value").contains(choice)) {
          throw new InvalidInputException(field + ".choice: one of ours, theirs, base, value");
        }
        if (r.pointer().isEmpty() && choice.equals("value")) {
          throw new InvalidInputException(field + ".choice: a whole resource is resolved by choosing ours, theirs or base");
        }
        merged.put(ThreeWayMerge.key(r.path(), r.pointer()), new Resolution(r.path(), r.pointer(), choice, r.value()));
      }
      MergeSessions.Session updated = s.with(new ArrayList<>(merged.values()));
      // Fail now, not at commit, when a value does not fit.
      lease.check();
      ThreeWayMerge.applyResolutions(computed, updated, lease.adapter().merger());
      MergeSessions.save(projects.gitDir(project), updated);
      return ThreeWayMerge.state(project, updated, computed);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Revision commitMerge(String project, String id, String actor) {
    Repository repo = projects.existing(project);
    MergeSessions.Session s = unfinished(project, id);
    try (AdapterLease lease = projects.lease(repo)) {
      ThreeWayMerge.Computed computed = ThreeWayMerge.compute(repo, s, lease);
      MergeState st = ThreeWayMerge.state(project, s, computed);
      long open = st.conflicts().stream().filter(c -> !c.resolved()).count();
      if (open > 0) {
        throw new ConflictException("merge: " + open + " conflict(s) still need a resolution");
      }
      Revision r = commit(repo, project, s, computed, lease, actor);
      MergeSessions.save(projects.gitDir(project), s.finished(MergeState.Status.COMMITTED.name(), r.id()));
      return r;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Revision commit(Repository repo, String project, MergeSessions.Session s, ThreeWayMerge.Computed computed,
      AdapterLease lease, String actor) throws IOException {
    ObjectId ours = ObjectId.fromString(s.ours());
    Optional<ObjectId> now = Revisions.headOf(repo, s.target());
    if (now.isEmpty() || !now.get().equals(ours)) {
      throw new ConflictException("target: branch '" + s.target() + "' moved since the merge started; abandon "
          + "it and merge again");
    }
    lease.check();
    SortedMap<String, SortedMap<String, Object>> units = ThreeWayMerge.applyResolutions(computed, s,
        lease.adapter().merger());
    keepPointersGenuine(repo, units, computed);
    lease.check();
    stamps.stamp(repo, units, computed, lease.adapter(), actor, clock.instant());
    lease.check(); // the last safe point: nothing is written before it
    try (ObjectInserter inserter = repo.newObjectInserter(); RevWalk walk = new RevWalk(repo)) {
      ObjectId tree = Commits.writeTree(inserter, units);
      ObjectId commit = commits.writeCommit(inserter, tree, List.of(ours, ObjectId.fromString(s.theirs())), actor,
          s.message());
      inserter.flush();
      Commits.moveRef(repo, Constants.R_HEADS + s.target(), ours, commit, "merge " + s.source() + " by " + actor);
      journal.audit(actor, "project.merge", project + "@" + s.target(), "merged " + s.source() + " as " + commit.name()
          + (s.resolutions().isEmpty() ? "" : " with " + s.resolutions().size() + " resolution(s)"));
      concluded(project, s, commit.name(), actor);
      return Revisions.revision(walk.parseCommit(commit));
    }
  }

  /**
   * Merged content that looks like a blob pointer is a pointer only when it is one a side of the merge already
   * held for that file; any other (e.g. a resolution's value) is stored as text, as an import stores it.
   */
  private void keepPointersGenuine(Repository repo, SortedMap<String, SortedMap<String, Object>> units,
      ThreeWayMerge.Computed computed) throws IOException {
    BlobRecord record = BlobRecord.of(repo);
    for (Map.Entry<String, SortedMap<String, Object>> unit : units.entrySet()) {
      ThreeWayMerge.Conflicted sides = computed.conflicted().getOrDefault(unit.getKey(),
          computed.merged().get(unit.getKey()));
      for (Map.Entry<String, Object> file : unit.getValue().entrySet()) {
        if (file.getValue() instanceof byte[] bytes && BlobPointers.parse(bytes).isPresent()
            && !heldBy(sides, file.getKey(), bytes)) {
          file.setValue(pointers.store(record, file.getKey(), bytes));
        }
      }
    }
  }

  private static boolean heldBy(ThreeWayMerge.Conflicted sides, String file, byte[] bytes) {
    if (sides == null) {
      return false;
    }
    for (dev.stoker.api.repository.Resource side : java.util.Arrays.asList(sides.base(), sides.ours(), sides.theirs())) {
      if (side != null && java.util.Arrays.equals(side.files().get(file), bytes)) {
        return true;
      }
    }
    return false;
  }

  /** Tells that a merge moved its target branch. */
  private void concluded(String project, MergeSessions.Session s, String revision, String actor) {
    journal.post(project, Journal.MERGE, actor, Map.of("merge", s.id(), EventProperties.REVISION, revision,
        EventProperties.BRANCH, s.target(), "source", s.source()));
  }

  boolean abandon(String project, String id, String actor) {
    projects.existing(project);
    try {
      if (MergeSessions.load(projects.gitDir(project), id).map(MergeSessions.Session::isFinished).orElse(false)) {
        throw new ConflictException("merge: '" + id + "' is finished; there is nothing to abandon");
      }
      boolean gone = MergeSessions.delete(projects.gitDir(project), id);
      if (gone) {
        journal.audit(actor, "project.merge.abandon", project, "merge " + id);
      }
      return gone;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Drops unfinished merges older than the retention, in every project. */
  void expire(Duration retention) {
    for (String name : projects.names()) {
      try {
        MergeSessions.expire(projects.gitDir(name), clock.instant(), retention);
      } catch (IOException e) {
        LOG.warn("Could not expire old merges of {}: {}", name, e.getMessage());
      }
    }
  }
}
