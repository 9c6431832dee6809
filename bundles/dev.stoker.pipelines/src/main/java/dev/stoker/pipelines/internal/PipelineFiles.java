package dev.stoker.pipelines.internal;

import dev.stoker.api.common.PageRequest;
import dev.stoker.api.pipeline.PipelineDefinition;
import dev.stoker.api.pipeline.PipelineError;
import dev.stoker.api.pipeline.PipelineFile;
import dev.stoker.api.pipeline.PipelineStep;
import dev.stoker.api.repository.Revision;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/** The pipeline file of a project ({@value #PATH}): read at a revision, checked, saved as a commit. */
final class PipelineFiles {
  static final String PATH = "stoker/pipeline.yaml";
  private static final String DEFAULT = load();

  private final Deps deps;
  private final Function<String, Optional<PipelineStep>> steps;

  PipelineFiles(Deps deps) {
    this.deps = deps;
    this.steps = deps.steps();
  }

  private static String load() {
    try (InputStream in = PipelineFiles.class.getResourceAsStream("default-pipeline.yaml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** @return the default pipeline of a project, its environments named after it */
  static String defaultYaml(String project) {
    String label = project.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
    return DEFAULT.replace("${project}", label.length() > 50 ? label.substring(0, 50) : label);
  }

  PipelineYaml.Result parse(String yaml) {
    return PipelineYaml.parse(yaml, steps, Windows::problem);
  }

  List<PipelineError> problems(String yaml) {
    return parse(yaml).errors().stream().map(e -> new PipelineError(e.field(), e.line(), e.column(), e.message()))
        .toList();
  }

  PipelineFile read(String project, String rev) {
    Optional<String> commit = commit(project, rev);
    Optional<byte[]> stored = Optional.empty();
    if (commit.isPresent()) {
      try {
        stored = deps.repo().file(project, commit.get(), PATH);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    String yaml = stored.map(b -> new String(b, StandardCharsets.UTF_8)).orElseGet(() -> defaultYaml(project));
    PipelineYaml.Result result = parse(yaml);
    PipelineDefinition definition = result.errors().isEmpty() ? result.definition() : null;
    return new PipelineFile(project, commit.orElse(null), yaml, definition, stored.isPresent());
  }

  PipelineFile save(String project, String branch, String yaml, String expectedHead, String actor) {
    PipelineDefinition definition = parse(yaml).orThrow();
    Revision r = deps.repo().writeProjectFile(project, branch, PATH, yaml.getBytes(StandardCharsets.UTF_8),
        expectedHead, actor, "Update pipeline");
    return new PipelineFile(project, r.id(), yaml, definition, true);
  }

  /** @return the commit a revision names, or empty for a project with no revision yet */
  Optional<String> commit(String project, String rev) {
    return deps.repo().log(project, rev, new PageRequest(0, 1)).items().stream().findFirst().map(Revision::id);
  }

  /** @return the author of a commit */
  Optional<String> author(String project, String commit) {
    return deps.repo().log(project, commit, new PageRequest(0, 1)).items().stream().findFirst()
        .map(Revision::author);
  }
}
