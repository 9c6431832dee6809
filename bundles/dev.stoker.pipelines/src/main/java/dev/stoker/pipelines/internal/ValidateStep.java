package dev.stoker.pipelines.internal;

import dev.stoker.api.common.InvalidInputException;
import dev.stoker.api.pipeline.CheckSettings;
import dev.stoker.api.pipeline.Finding;
import dev.stoker.api.pipeline.PipelineStep;
import dev.stoker.api.pipeline.ProjectCheck;
import dev.stoker.api.pipeline.Severity;
import dev.stoker.api.pipeline.StepContext;
import dev.stoker.api.pipeline.StepDefinition;
import dev.stoker.api.pipeline.StepResult;
import dev.stoker.api.platform.AdapterLease;
import dev.stoker.api.repository.ProjectInfo;
import dev.stoker.api.repository.ResourceTree;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code validate}: before anything reaches a gateway, the revision's export is written and read back as the
 * gateway reads it (same resources: a truncated artifact never passes), then every {@link ProjectCheck} of the
 * project's platform runs (Ignition: scripts compile under Jython, JSON parses, lint rules). Settings:
 * {@code version} (the target platform version) and {@code rules} (rule id → off, info, warning or error, or a
 * mapping with {@code level} and the rule's options).
 */
final class ValidateStep implements PipelineStep {
  private final StepServices services;
  private final Supplier<dev.stoker.api.platform.PlatformRegistry> platforms;

  ValidateStep(StepServices services, Supplier<dev.stoker.api.platform.PlatformRegistry> platforms) {
    this.services = services;
    this.platforms = platforms;
  }

  @Override
  public String type() {
    return "validate";
  }

  @Override
  public void check(StepDefinition step) {
    settings(step);
  }

  static CheckSettings settings(StepDefinition step) {
    Settings s = new Settings(step).only(Set.of("version", "rules"));
    Map<String, String> levels = new LinkedHashMap<>();
    Map<String, Map<String, Object>> options = new LinkedHashMap<>();
    for (Map.Entry<String, Object> rule : s.map("rules").entrySet()) {
      String field = "with.rules." + rule.getKey();
      if (rule.getValue() instanceof Map<?, ?> m) {
        Map<String, Object> opts = new LinkedHashMap<>();
        m.forEach((k, v) -> {
          if ("level".equals(k)) {
            levels.put(rule.getKey(), level(field + ".level", v));
          } else {
            opts.put(String.valueOf(k), v);
          }
        });
        options.put(rule.getKey(), opts);
      } else {
        levels.put(rule.getKey(), level(field, rule.getValue()));
      }
    }
    return new CheckSettings(s.text("version", null), levels, options);
  }

  private static String level(String field, Object value) {
    String v = String.valueOf(value).toLowerCase(java.util.Locale.ROOT);
    if (!List.of("off", "info", "warning", "error").contains(v)) {
      throw new InvalidInputException(field, "one of off, info, warning, error");
    }
    return v;
  }

  @Override
  public StepResult run(StepContext context) throws Exception {
    CheckSettings settings = settings(context.step());
    ProjectInfo project = services.repo().get(context.project())
        .orElseThrow(() -> new IllegalStateException("project " + context.project() + " is gone"));
    ResourceTree tree = context.tree();
    List<Finding> findings = new ArrayList<>(artifact(context, project.platform(), tree));
    List<ProjectCheck> checks = services.checks().apply(project.platform());
    for (ProjectCheck check : checks) {
      if (context.cancelled()) {
        return StepResult.failed("cancelled");
      }
      findings.addAll(check.check(tree, settings));
    }
    long errors = findings.stream().filter(f -> f.severity() == Severity.ERROR).count();
    long warnings = findings.stream().filter(f -> f.severity() == Severity.WARNING).count();
    String counts = tree.resources().size() + " resources, " + checks.size() + " checks: " + errors + " errors, "
        + warnings + " warnings";
    if (errors > 0) {
      Finding first = findings.stream().filter(f -> f.severity() == Severity.ERROR).findFirst().orElseThrow();
      return new StepResult(dev.stoker.api.pipeline.StepStatus.FAILED, counts + "; " + first.describe(), findings,
          Map.of());
    }
    return new StepResult(dev.stoker.api.pipeline.StepStatus.SUCCEEDED, counts, findings, Map.of());
  }

  /** The export written and decoded again must hold the same resources as the revision. */
  private List<Finding> artifact(StepContext context, String platform, ResourceTree tree) throws Exception {
    Path spool = Files.createTempFile("stoker-validate-", ".zip");
    try {
      try (OutputStream out = Files.newOutputStream(spool)) {
        services.repo().export(context.project(), context.commit(), out);
      }
      ResourceTree back;
      try (AdapterLease lease = Deps.need(platforms.get(), "the platform registry").lease(platform);
          InputStream in = Files.newInputStream(spool)) {
        back = lease.adapter().codec().decode(in);
      }
      if (!back.resources().keySet().equals(tree.resources().keySet())) {
        Set<String> missing = new java.util.TreeSet<>(tree.resources().keySet());
        missing.removeAll(back.resources().keySet());
        return List.of(new Finding(Severity.ERROR, "artifact-complete", null, null, null, 0,
            "the export does not read back whole: " + missing.size() + " resources missing, e.g. "
                + missing.stream().limit(3).toList()));
      }
      context.log("artifact: " + Files.size(spool) + " bytes, " + back.resources().size() + " resources read back");
      return List.of();
    } finally {
      Files.deleteIfExists(spool);
    }
  }
}
