package dev.stoker.adapter.ignition.internal.checks;

import static dev.stoker.adapter.ignition.internal.checks.Projects.buttonView;
import static dev.stoker.adapter.ignition.internal.checks.Projects.project;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stoker.api.pipeline.CheckSettings;
import dev.stoker.api.pipeline.Finding;
import dev.stoker.api.pipeline.Severity;
import dev.stoker.api.repository.ResourceTree;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResourceStructureCheckTest {

  private final ResourceStructureCheck check = new ResourceStructureCheck();

  @Test
  void aValidProjectGivesNoFinding() {
    assertEquals(List.of(), check.check(PythonSyntaxCheckTest.validProject(), CheckSettings.DEFAULTS));
  }

  @Test
  void aTruncatedJsonFileIsAnErrorWithItsLine() {
    ResourceTree tree = project().view("Main", "{\n  \"root\": {\n    \"type\": \"ia.container.flex\",\n").tree();

    List<Finding> findings = check.check(tree, CheckSettings.DEFAULTS);

    assertEquals(1, findings.size(), findings.toString());
    Finding f = findings.get(0);
    assertEquals("json-parse", f.rule());
    assertEquals(Severity.ERROR, f.severity());
    assertEquals("com.inductiveautomation.perspective/views/Main", f.resource());
    assertEquals("view.json", f.file());
    assertEquals(4, f.line(), f.message());
  }

  @Test
  void resourceJsonMustListExactlyTheFilesPresent() {
    ResourceTree tree = project()
        .raw("ignition/script-python/a", "resource.json", "{\"scope\":\"A\",\"files\":[\"code.py\",\"extra.py\"]}",
            "code.py", "x = 1\n")
        .raw("ignition/script-python/b", "resource.json", "{\"scope\":\"A\",\"files\":[]}", "code.py", "x = 1\n")
        .raw("ignition/script-python/c", "code.py", "x = 1\n")
        .tree();

    List<Finding> findings = check.check(tree, CheckSettings.DEFAULTS);

    assertEquals(List.of(
        "ERROR resource-files ignition/script-python/a/resource.json#/files/1: lists 'extra.py', which the resource does not have",
        "ERROR resource-files ignition/script-python/b/resource.json#/files: 'code.py' is present but not listed in files",
        "ERROR resource-files ignition/script-python/c: no resource.json"),
        findings.stream().map(Finding::describe).toList());
  }

  @Test
  void aViewNeedsARootContainer() {
    ResourceTree tree = project()
        .view("NoRoot", "{\"custom\":{},\"props\":{}}")
        .view("LabelRoot", "{\"root\":{\"type\":\"ia.display.label\",\"props\":{\"text\":\"x\"}}}")
        .view("Good", buttonView("\tpass"))
        .view("ThirdParty", "{\"root\":{\"type\":\"acme.container.grid\"}}")
        .tree();

    List<Finding> findings = check.check(tree, CheckSettings.DEFAULTS);

    assertEquals(2, findings.size(), findings.toString());
    assertEquals("com.inductiveautomation.perspective/views/LabelRoot", findings.get(0).resource());
    assertEquals("/root/type", findings.get(0).pointer());
    assertEquals("com.inductiveautomation.perspective/views/NoRoot", findings.get(1).resource());
    assertTrue(findings.stream().allMatch(f -> f.rule().equals("view-root") && f.severity() == Severity.WARNING));
  }

  @Test
  void eachRuleCanBeSwitchedOff() {
    ResourceTree tree = project()
        .view("Broken", "{")
        .view("NoRoot", "{}")
        .raw("ignition/script-python/c", "code.py", "x = 1\n")
        .tree();
    assertEquals(List.of("json-parse", "resource-files", "view-root"),
        check.check(tree, CheckSettings.DEFAULTS).stream().map(Finding::rule).sorted().toList());

    for (String rule : List.of("json-parse", "resource-files", "view-root")) {
      List<Finding> findings = check.check(tree, new CheckSettings(null, Map.of(rule, "off"), Map.of()));
      assertEquals(2, findings.size(), rule + ": " + findings);
      assertTrue(findings.stream().noneMatch(f -> f.rule().equals(rule)), rule + ": " + findings);
    }
  }

  @Test
  void aBrokenManifestOrTagExportIsReported() {
    ResourceTree tree = new ResourceTree(Projects.bytes("{\"title\":"), new java.util.TreeMap<>(),
        Projects.bytes("[1,"));
    assertEquals(List.of("project.json", "tags.json"),
        check.check(tree, CheckSettings.DEFAULTS).stream().map(Finding::file).toList());
  }
}
