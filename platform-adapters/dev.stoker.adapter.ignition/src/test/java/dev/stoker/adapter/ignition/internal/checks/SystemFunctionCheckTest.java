package dev.stoker.adapter.ignition.internal.checks;

import static dev.stoker.adapter.ignition.internal.checks.Projects.buttonView;
import static dev.stoker.adapter.ignition.internal.checks.Projects.project;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.stoker.api.common.InvalidInputException;
import dev.stoker.api.pipeline.CheckSettings;
import dev.stoker.api.pipeline.Finding;
import dev.stoker.api.pipeline.Severity;
import dev.stoker.api.repository.ResourceTree;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SystemFunctionCheckTest {

  private final SystemFunctionCheck check = new SystemFunctionCheck();

  private static CheckSettings version(String v) {
    return new CheckSettings(v, Map.of(), Map.of());
  }

  @Test
  void aValidProjectGivesNoFinding() {
    assertEquals(List.of(), check.check(PythonSyntaxCheckTest.validProject(), version("8.1.44")));
    assertEquals(List.of(), check.check(PythonSyntaxCheckTest.validProject(), version("8.3.4")));
  }

  @Test
  void anUnknownFunctionIsAWarningWithItsLine() {
    ResourceTree tree = project()
        .script("util", "def read(paths):\n    # system.tag.nothing in a comment\n    s = 'system.tag.nope'\n"
            + "    return system.tag.readBlockin(paths)\n")
        .tree();

    List<Finding> findings = check.check(tree, CheckSettings.DEFAULTS);

    assertEquals(1, findings.size(), findings.toString());
    Finding f = findings.get(0);
    assertEquals(Severity.WARNING, f.severity());
    assertEquals("system-functions", f.rule());
    assertEquals("ignition/script-python/util", f.resource());
    assertEquals(4, f.line());
    assertEquals("system.tag.readBlockin is not a function of Ignition 8.3", f.message());
  }

  @Test
  void theTargetVersionDecidesAnd83IsTheDefault() {
    ResourceTree tree = project().view("V", buttonView("\trows = system.db.execQuery('q')\n"
        + "\tsystem.historian.queryRawPoints(['p'], None, None)")).tree();

    List<Finding> on81 = check.check(tree, version("8.1.44"));
    assertEquals(List.of(1, 2), on81.stream().map(Finding::line).toList());
    assertEquals("/root/children/0/events/dom/onClick/config/script", on81.get(0).pointer());
    assertEquals(List.of(), check.check(tree, version("8.3.4")));
    assertEquals(List.of(), check.check(tree, version(null)));
    assertEquals(List.of(), check.check(tree, version("9.0")));
  }

  @Test
  void unknownModulesCanBeAllowed() {
    ResourceTree tree = project().script("k", "system.kafka.send('t', 'v')\nsystem.kafka.send('t', 'w')\n").tree();

    List<Finding> findings = check.check(tree, CheckSettings.DEFAULTS);
    assertEquals(1, findings.size(), findings.toString());
    assertEquals("system.kafka is not a module of Ignition 8.3 (a third-party module's? add it to option allow)",
        findings.get(0).message());

    assertEquals(List.of(), check.check(tree, new CheckSettings(null, Map.of(),
        Map.of("system-functions", Map.of("allow", List.of("system.kafka.*"))))));
    assertEquals(List.of(), check.check(tree, new CheckSettings(null, Map.of("system-functions", "off"), Map.of())));
  }

  @Test
  void aBadOptionOrLevelIsRefusedNamingTheRule() {
    ResourceTree tree = project().script("k", "x = 1\n").tree();
    assertThrows(InvalidInputException.class, () -> check.check(tree, new CheckSettings(null, Map.of(),
        Map.of("system-functions", Map.of("allow", 3)))));
    assertThrows(InvalidInputException.class, () -> check.check(tree, new CheckSettings(null,
        Map.of("system-functions", "loud"), Map.of())));
  }
}
