package dev.stoker.adapter.ignition.internal.checks;

import static dev.stoker.adapter.ignition.internal.checks.Projects.project;
import static dev.stoker.adapter.ignition.internal.checks.Projects.str;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stoker.api.pipeline.CheckSettings;
import dev.stoker.api.pipeline.Finding;
import dev.stoker.api.pipeline.Severity;
import dev.stoker.api.repository.ResourceTree;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PollingIntervalCheckTest {

  private final PollingIntervalCheck check = new PollingIntervalCheck();

  private static String binding(String prop, String binding) {
    return "\"" + prop + "\":{\"binding\":" + binding + "}";
  }

  private static String expr(String expression) {
    return "{\"type\":\"expr\",\"config\":{\"expression\":" + str(expression) + "}}";
  }

  private static ResourceTree view(String... bindings) {
    return project().view("Main", "{\"root\":{\"type\":\"ia.container.flex\",\"children\":[{\"type\":\"ia.display.label\","
        + "\"propConfig\":{" + String.join(",", bindings) + "}}]}}").tree();
  }

  @Test
  void fastPollingIsAWarningAtTheBinding() {
    ResourceTree tree = view(
        binding("props.text", expr("dateFormat(now(250), 'HH:mm:ss')")),
        binding("props.style.color", "{\"type\":\"query\",\"config\":{\"queryPath\":\"Q\",\"parameters\":{},"
            + "\"polling\":{\"enabled\":true,\"rate\":\"0.5\"}}}"),
        binding("custom.x", expr("runScript(\"project.util.value\", 100)")));

    List<Finding> findings = check.check(tree, CheckSettings.DEFAULTS);

    assertEquals(List.of(
        "/root/children/0/propConfig/custom.x/binding/config/expression",
        "/root/children/0/propConfig/props.style.color/binding/config/polling/rate",
        "/root/children/0/propConfig/props.text/binding/config/expression"),
        findings.stream().map(Finding::pointer).toList());
    findings.forEach(f -> {
      assertEquals(Severity.WARNING, f.severity());
      assertEquals("polling-interval", f.rule());
      assertEquals("view.json", f.file());
    });
  }

  @Test
  void slowOrNoPollingAndScriptsAreFine() {
    ResourceTree tree = view(
        binding("props.a", expr("now(0)")),
        binding("props.b", expr("now(5000)")),
        binding("props.c", expr("now()")),
        binding("props.d", expr("runScript('x', 0)")),
        binding("props.e", "{\"type\":\"query\",\"config\":{\"polling\":{\"enabled\":false,\"rate\":\"0.1\"}}}"),
        binding("props.f", "{\"type\":\"query\",\"config\":{\"polling\":{\"enabled\":true,\"rate\":\"{view.params.r}\"}}}"),
        binding("props.g", "{\"type\":\"tag\",\"config\":{\"tagPath\":\"[default]A\"},\"transforms\":[{\"type\":\"script\","
            + "\"code\":" + str("\treturn system.date.now()") + "}]}"));

    assertEquals(List.of(), check.check(tree, CheckSettings.DEFAULTS));
  }

  @Test
  void theMinimumIsAnOptionAndTheRuleCanBeSwitchedOff() {
    ResourceTree tree = view(binding("props.c", expr("now()")),
        binding("props.t", "{\"type\":\"expr\",\"config\":{\"expression\":\"1\"},\"transforms\":[{\"type\":\"expression\","
            + "\"expression\":\"if(now(1500) > 0, {value}, 0)\"}]}"));

    List<Finding> stricter = check.check(tree, new CheckSettings(null, Map.of(),
        Map.of("polling-interval", Map.of("minMs", "2000"))));
    assertEquals(List.of("/root/children/0/propConfig/props.c/binding/config/expression",
        "/root/children/0/propConfig/props.t/binding/transforms/0/expression"),
        stricter.stream().map(Finding::pointer).toList());

    assertEquals(List.of(), check.check(tree, new CheckSettings(null, Map.of("polling-interval", "off"),
        Map.of("polling-interval", Map.of("minMs", 2000)))));
  }
}
