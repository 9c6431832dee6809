package dev.stoker.pipelines.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stoker.api.pipeline.PipelineDefinition;
import dev.stoker.api.pipeline.PipelineStep;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PipelineYamlTest {
  private final Map<String, PipelineStep> steps = Map.of("validate", new ValidateStep(null, null),
      "deploy", new DeployStep(null, false), "approval", new ApprovalStep(), "http-check", new HttpCheckStep(null));

  private PipelineYaml.Result parse(String yaml) {
    return PipelineYaml.parse(yaml, t -> Optional.ofNullable(steps.get(t)), Windows::problem);
  }

  @Test
  void readsStagesStepsSettingsAndTriggers() {
    PipelineYaml.Result r = parse("""
        version: 1
        triggers:
          branches: [main]
          schedule: "0 2 * * 1-5"
        stages:
          - name: validate
            steps:
              - type: validate
                with:
                  rules: {polling-interval: {level: error, minMs: 5000}}
          - name: test
            environment: plant-test
            steps:
              - name: deploy-test
                type: deploy
                timeout: 10m
              - name: approve
                type: approval
                with: {role: lead, count: 2}
        """);
    assertEquals(List.of(), r.errors());
    PipelineDefinition d = r.definition();
    assertEquals(2, d.stages().size());
    assertEquals("validate", d.stages().get(0).steps().get(0).name(), "a step without a name is named after its type");
    assertEquals("plant-test", d.stages().get(1).environment());
    assertEquals(Duration.ofMinutes(10), d.stages().get(1).steps().get(0).timeout());
    assertEquals(2L, d.stages().get(1).steps().get(1).with().get("count"));
    assertEquals(List.of("main"), d.triggers().branches());
    assertEquals("0 2 * * 1-5", d.triggers().schedule());
  }

  @Test
  void namesFieldAndLineOfEveryError() {
    PipelineYaml.Result r = parse("""
        stages:
          - name: build
            steps:
              - name: one
                type: deplyo
          - name: build
            steps:
              - name: one
                type: approval
                with: {role: wizard}
                timeout: soon
        triggers:
          schedule: "every day"
        """);
    List<PipelineYaml.Error> e = r.errors();
    assertEquals(new PipelineYaml.Error("stages[0].steps[0].type", 5, 15, "unknown step type 'deplyo'"), e.get(0));
    assertTrue(e.stream().anyMatch(x -> x.field().equals("stages[1].name") && x.line() == 6
        && x.message().contains("another stage is named 'build'")), e::toString);
    assertTrue(e.stream().anyMatch(x -> x.field().equals("stages[1].steps[0].name") && x.line() == 8), e::toString);
    assertTrue(e.stream().anyMatch(x -> x.field().equals("stages[1].steps[0].with.role") && x.line() == 10), e::toString);
    assertTrue(e.stream().anyMatch(x -> x.field().equals("stages[1].steps[0].timeout") && x.line() == 11), e::toString);
    assertTrue(e.stream().anyMatch(x -> x.field().equals("triggers.schedule") && x.line() == 13), e::toString);
  }

  @Test
  void refusesUnknownFieldsBadYamlAndHostileInput() {
    assertEquals("stages[0].step", parse("stages:\n  - name: a\n    step: []\n").errors().get(0).field());
    PipelineYaml.Error syntax = parse("stages:\n  - name: [a\n").errors().get(0);
    assertEquals("pipeline", syntax.field());
    assertTrue(syntax.line() >= 2 && syntax.message().startsWith("not valid YAML"), syntax::toString);
    // global type tags are refused outright (and nothing is ever constructed: compose only)
    PipelineYaml.Error tag = parse("stages: !!javax.script.ScriptEngineManager [x]\n").errors().get(0);
    assertEquals("pipeline", tag.field());
    assertTrue(tag.message().startsWith("not valid YAML"), tag::toString);
    // a billion laughs is cut by the alias limit
    StringBuilder bomb = new StringBuilder("a: &a [x,x,x,x,x,x,x,x,x,x]\n");
    for (char c = 'b'; c <= 'k'; c++) {
      bomb.append(c).append(": &").append(c).append(" [");
      for (int i = 0; i < 10; i++) {
        bomb.append(i == 0 ? "" : ",").append('*').append((char) (c - 1));
      }
      bomb.append("]\n");
    }
    assertEquals("pipeline", parse(bomb.toString()).errors().get(0).field());
    assertEquals("pipeline", parse("x".repeat(PipelineYaml.MAX_BYTES + 1)).errors().get(0).field());
    assertEquals("stages[0].steps[0].with.path",
        parse("stages:\n  - name: a\n    steps:\n      - type: http-check\n        with: {path: 'http://evil/'}\n")
            .errors().get(0).field());
  }

  @Test
  void checksTheSettingsOfAnEnvironmentADeployCreates() {
    String yaml = "stages:\n  - name: a\n    environment: plant-pr\n    steps:\n      - type: deploy\n        with: %s\n";
    assertEquals(List.of(), parse(yaml.formatted("{create: {version: 8.3.4, ttl: 30m, stage: dev}}")).errors());
    assertEquals("stages[0].steps[0].with.create.version", parse(yaml.formatted("{create: {ttl: 30m}}")).errors()
        .get(0).field());
    assertEquals("stages[0].steps[0].with.create.stage", parse(yaml.formatted("{create: {version: 8.3.4, stage: moon}}"))
        .errors().get(0).field());
    assertEquals("stages[0].steps[0].with.create.ttl", parse(yaml.formatted("{create: {version: 8.3.4, ttl: soon}}"))
        .errors().get(0).field());
    assertEquals("stages[0].steps[0].with.create.image", parse(yaml.formatted("{create: {version: 8.3.4, image: x}}"))
        .errors().get(0).field(), "the image comes from the adapter and the stage's allow-list, not the file");
  }

  @Test
  void theDefaultPipelineIsValidForAnyProjectName() {
    Map<String, PipelineStep> all = new java.util.HashMap<>(steps);
    all.put("smoke", new SmokeStep(null));
    all.put("promote", new DeployStep(null, true));
    for (String project : List.of("Plant_A", "line-7", "x")) {
      PipelineYaml.Result r = PipelineYaml.parse(PipelineFiles.defaultYaml(project),
          t -> Optional.ofNullable(all.get(t)), Windows::problem);
      assertEquals(List.of(), r.errors(), project);
    }
  }
}
