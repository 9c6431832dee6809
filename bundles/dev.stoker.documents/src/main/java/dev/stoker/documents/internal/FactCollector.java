package dev.stoker.documents.internal;

import dev.stoker.api.common.InvalidInputException;
import dev.stoker.api.common.NotFoundException;
import dev.stoker.api.docs.DocumentRequest;
import dev.stoker.api.docs.FactSet;
import dev.stoker.api.pipeline.PipelineService;
import dev.stoker.api.pipeline.Run;
import dev.stoker.api.repository.ProjectInfo;
import dev.stoker.api.repository.Release;
import dev.stoker.api.repository.RepositoryService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** Computes the fact set of a request: what each kind of document is written from. */
final class FactCollector {
  private final Sources sources;
  private final Clock clock;

  FactCollector(Sources sources, Clock clock) {
    this.sources = sources;
    this.clock = clock;
  }

  FactSet collect(ProjectInfo project, DocumentRequest r) {
    FactsBuilder facts = new FactsBuilder();
    facts.add("project", project.name(), "name", project.name(), "platform", project.platform(), "defaultBranch",
        project.defaultBranch());
    switch (r.kind()) {
      case CHANGE_SUMMARY -> changes(facts, project, required("from", r.from()), orDefault(r.to(), project));
      case RELEASE_NOTES -> release(facts, project, required("release", r.release()), false);
      case COMPLIANCE_REPORT -> compliance(facts, project, r);
      case PROJECT_MANUAL -> manual(facts, project, orDefault(r.to(), project));
      default -> throw new InvalidInputException("kind", "unsupported: " + r.kind());
    }
    return facts.build();
  }

  private void changes(FactsBuilder facts, ProjectInfo project, String from, String to) {
    RepositoryService repo = sources.needRepository();
    String fromCommit = commit(repo, project.name(), "from", from);
    String toCommit = commit(repo, project.name(), "to", to);
    facts.revision(fromCommit);
    facts.revision(toCommit);
    facts.add("range", from + ".." + to, "from", from, "to", to, "fromCommit", fromCommit, "toCommit", toCommit);
    Set<String> authors = ChangeFacts.commits(facts, repo, project.name(), fromCommit, toCommit, null, null);
    commitCount(facts, authors);
    ChangeFacts.diff(facts, repo, project.name(), fromCommit, toCommit);
  }

  private static void commitCount(FactsBuilder facts, Set<String> authors) {
    facts.add("count", "commits", "commits", String.valueOf(facts.build().ofType("commit").size()), "authors",
        String.valueOf(authors.size()));
  }

  private Release release(FactsBuilder facts, ProjectInfo project, String name, boolean forCompliance) {
    RepositoryService repo = sources.needRepository();
    List<Release> releases = repo.releases(project.name()).stream()
        .sorted(Comparator.comparing(Release::created, Comparator.nullsFirst(Comparator.naturalOrder()))).toList();
    int at = -1;
    for (int i = 0; i < releases.size(); i++) {
      if (releases.get(i).name().equals(name)) {
        at = i;
      }
    }
    if (at < 0) {
      throw new NotFoundException("release '" + name + "' not found in project '" + project.name() + "'");
    }
    Release release = releases.get(at);
    Release previous = at > 0 ? releases.get(at - 1) : null;
    facts.revision(release.revision());
    facts.add("release", release.name(), "name", release.name(), "revision", release.revision(), "createdBy",
        release.createdBy(), "created", release.created() == null ? null : release.created().toString(),
        "sourceEnvironment", release.sourceEnvironment(), "artifactSha256", release.artifactSha256(), "previous",
        previous == null ? null : previous.name());
    if (previous != null) {
      facts.revision(previous.revision());
      Set<String> authors = ChangeFacts.commits(facts, repo, project.name(), previous.revision(),
          release.revision(), null, null);
      commitCount(facts, authors);
      ChangeFacts.diff(facts, repo, project.name(), previous.revision(), release.revision());
    } else {
      ChangeFacts.commits(facts, repo, project.name(), null, release.revision(), null, null);
    }
    PipelineService pipelines = sources.pipelines().get();
    if (pipelines != null) {
      if (forCompliance) {
        RunFacts.runs(facts, pipelines, project.name(), run -> name.equals(run.release())
            || release.revision().equals(run.commit()));
      }
      RunFacts.deployments(facts, pipelines, project.name(), d -> name.equals(d.release()));
    }
    return release;
  }

  private void compliance(FactsBuilder facts, ProjectInfo project, DocumentRequest r) {
    if (r.run() != null) {
      Run run = sources.needPipelines().run(r.run()).filter(x -> x.project().equals(project.name()))
          .orElseThrow(() -> new NotFoundException("run '" + r.run() + "' not found in project '"
              + project.name() + "'"));
      RunFacts.run(facts, run);
      RunFacts.deployments(facts, sources.needPipelines(), project.name(), d -> d.runId().equals(run.id()));
    } else if (r.release() != null) {
      release(facts, project, r.release(), true);
    } else if (r.periodFrom() != null) {
      Instant from = r.periodFrom();
      Instant to = r.periodTo() == null ? clock.instant() : r.periodTo();
      if (!from.isBefore(to)) {
        throw new InvalidInputException("periodFrom", "must be before periodTo (" + to + ")");
      }
      facts.add("range", from + ".." + to, "periodFrom", from.toString(), "periodTo", to.toString());
      RepositoryService repo = sources.needRepository();
      String head = commit(repo, project.name(), "to", project.defaultBranch());
      facts.revision(head);
      ChangeFacts.commits(facts, repo, project.name(), null, head, from, to);
      PipelineService pipelines = sources.pipelines().get();
      if (pipelines != null) {
        RunFacts.runs(facts, pipelines, project.name(), run -> within(run.createdAt(), from, to));
        RunFacts.deployments(facts, pipelines, project.name(), d -> within(d.at(), from, to));
      }
      PeriodFacts.rotations(facts, sources.needAudit(), from, to);
      PeriodFacts.alerts(facts, sources.alerts().get(), from, to);
    } else {
      throw new InvalidInputException("run", "a compliance report needs run, release or periodFrom");
    }
    PeriodFacts.chain(facts, sources.needAudit());
  }

  private void manual(FactsBuilder facts, ProjectInfo project, String rev) {
    RepositoryService repo = sources.needRepository();
    String commit = commit(repo, project.name(), "to", rev);
    facts.revision(commit);
    facts.add("range", rev, "revision", rev, "commit", commit);
    try {
      ManualFacts.inventory(facts, repo.read(project.name(), commit));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read revision " + commit + " of " + project.name(), e);
    }
  }

  private static boolean within(Instant t, Instant from, Instant to) {
    return t != null && !t.isBefore(from) && t.isBefore(to);
  }

  /** The commit id a revision (branch, tag, commit) stands for; 400 naming the field when there is none. */
  private static String commit(RepositoryService repo, String project, String field, String rev) {
    try {
      return Objects.requireNonNull(repo.tree(project, rev).revision());
    } catch (NotFoundException e) {
      throw new InvalidInputException(field, "no revision '" + rev + "' in project '" + project + "'");
    }
  }

  private static String orDefault(String rev, ProjectInfo project) {
    return rev == null || rev.isBlank() ? project.defaultBranch() : rev;
  }

  private static String required(String field, String value) {
    if (value == null || value.isBlank()) {
      throw new InvalidInputException(field, "required for this kind of document");
    }
    return value;
  }
}
