package dev.stoker.adapter.ignition.internal.checks;

import static dev.stoker.adapter.ignition.internal.checks.Projects.buttonView;
import static dev.stoker.adapter.ignition.internal.checks.Projects.project;
import static dev.stoker.adapter.ignition.internal.checks.Projects.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stoker.api.pipeline.CheckSettings;
import dev.stoker.api.pipeline.Finding;
import dev.stoker.api.pipeline.Severity;
import dev.stoker.api.repository.ResourceTree;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PythonSyntaxCheckTest {

  private static final PythonSyntaxCheck CHECK = new PythonSyntaxCheck(new JythonCompiler(2));

  @AfterAll
  static void close() {
    CHECK.deactivate();
  }

  private static List<Finding> check(ResourceTree tree) {
    return CHECK.check(tree, CheckSettings.DEFAULTS);
  }

  /** A view using every place Perspective keeps scripts, all valid, plus the other script holders. */
  static ResourceTree validProject() {
    String view = "{\"custom\":{},\"params\":{},\"props\":{},"
        + "\"propConfig\":{\"custom.total\":{\"binding\":{\"type\":\"expr\",\"config\":{\"expression\":\"1\"},"
        + "\"transforms\":[{\"type\":\"script\",\"code\":" + str("\treturn value * 2") + "},"
        + "{\"type\":\"expression\",\"expression\":\"{value}\"}]},"
        + "\"onChange\":{\"enabled\":null,\"script\":" + str("\tif currentValue.value > 10:\n\t\tsystem.perspective.print('big')") + "}}},"
        + "\"root\":{\"type\":\"ia.container.flex\",\"meta\":{\"name\":\"root\"},"
        + "\"scripts\":{\"customMethods\":[{\"name\":\"add\",\"params\":[\"a\",\"b\"],\"script\":" + str("\treturn a + b") + "}],"
        + "\"extensionFunctions\":null,\"messageHandlers\":[{\"messageType\":\"refresh\",\"pageScope\":true,"
        + "\"sessionScope\":false,\"viewScope\":false,\"script\":" + str("\tself.refreshBinding('props.data')") + "}]},"
        + "\"children\":[{\"type\":\"ia.input.button\",\"meta\":{\"name\":\"Save\"},"
        + "\"events\":{\"component\":{\"onActionPerformed\":[{\"type\":\"script\",\"scope\":\"G\",\"config\":{\"script\":"
        + str("\t# save and leave\n\tx = self.view.custom.total\n\tif x is None:\n\t\treturn\n\tsystem.perspective.navigate('/done')")
        + "}},{\"type\":\"nav\",\"config\":{\"page\":\"/x\"}}]},"
        + "\"dom\":{\"onClick\":{\"type\":\"script\",\"scope\":\"G\",\"config\":{\"script\":" + str("\tpass") + "}}}}}]}}";
    return project()
        .view("Main", view)
        // Python 2 only: print statement, backticks, old octal, ur-strings, except-comma: Jython 2.7 accepts them.
        .script("util", "import system\n\ndef hello(name):\n    print \"hello\", name\n    n = 0777\n"
            + "    try:\n        pass\n    except Exception, e:\n        print `e`\n    return ur'x'\n")
        .resource("ignition/event-scripts", "data.json", "{\"startupScript\":{\"script\":" + str("\tlogger = system.util.getLogger('x')\n\tlogger.info('up')") + "},"
            + "\"timerScripts\":[{\"name\":\"t\",\"delay\":1000,\"script\":" + str("\tpass") + "}]}")
        .resource("com.inductiveautomation.webdev/resources/api", "doGet.py",
            "def doGet(request, session):\n\treturn {'json': {'ok': True}}", "config.json", "{\"resource-type\":\"python-resource\"}")
        .resource("ignition/named-query/Select", "query.sql", "SELECT * FROM t WHERE a = :a", "query.json", "{\"type\":\"Query\"}")
        .tree();
  }

  @Test
  void aValidProjectGivesNoFinding() {
    assertEquals(List.of(), check(validProject()));
  }

  @Test
  void aViewScriptWithASyntaxErrorGivesOneErrorNamingWhere() {
    ResourceTree tree = project()
        .view("Main", buttonView("\tx = 1\n\tif x == 1\n\t\tsystem.perspective.print(x)"))
        .script("util", "def ok():\n    return 1\n")
        .tree();

    List<Finding> findings = check(tree);

    assertEquals(1, findings.size(), findings.toString());
    Finding f = findings.get(0);
    assertEquals(Severity.ERROR, f.severity());
    assertEquals("python-syntax", f.rule());
    assertEquals("com.inductiveautomation.perspective/views/Main", f.resource());
    assertEquals("view.json", f.file());
    assertEquals("/root/children/0/events/dom/onClick/config/script", f.pointer());
    assertEquals(2, f.line(), f.message());
    assertTrue(f.message().startsWith("does not compile under Jython 2.7"), f.message());
  }

  @Test
  void aTransformErrorIsLocatedInTheTransformBody() {
    String view = "{\"root\":{\"type\":\"ia.container.flex\",\"propConfig\":{\"props.text\":{\"binding\":{\"type\":\"tag\","
        + "\"config\":{\"tagPath\":\"[default]A\"},\"transforms\":[{\"type\":\"map\"},{\"type\":\"script\",\"code\":"
        + str("\ta = 1\n\tb = 2\n\treturn value +") + "}]}}}}}";
    List<Finding> findings = check(project().view("V", view).tree());

    assertEquals(1, findings.size(), findings.toString());
    assertEquals("/root/propConfig/props.text/binding/transforms/1/code", findings.get(0).pointer());
    assertEquals(3, findings.get(0).line());
  }

  @Test
  void pythonTwoPrintPassesInTheScriptLibrary() {
    assertEquals(List.of(), check(project().script("legacy", "print \"x\"\nprint 'y', 1\n").tree()));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "print(\"x\", end=\"\")\n",
      "def f(*, key):\n    return key\n",
      "name = 'a'\ngreeting = f'hello {name}'\n",
      "async def run():\n    pass\n",
      "def f():\n    nonlocal x\n",
      "x: int = 1\n"})
  void pythonThreeOnlySyntaxFails(String code) {
    List<Finding> findings = check(project().script("modern", code).tree());

    assertEquals(1, findings.size(), code + " -> " + findings);
    assertEquals("ignition/script-python/modern", findings.get(0).resource());
    assertEquals("code.py", findings.get(0).file());
    assertEquals(null, findings.get(0).pointer());
    assertTrue(findings.get(0).line() >= 1);
  }

  @Test
  void theCompilerPassRunsNotOnlyTheParser() {
    // 'return' at module level parses but does not compile; inside an event handler it is the wrapped body.
    List<Finding> library = check(project().script("m", "x = 1\nreturn x\n").tree());
    assertEquals(1, library.size(), library.toString());
    assertEquals(2, library.get(0).line());
    assertTrue(library.get(0).message().contains("'return' outside function"), library.get(0).message());

    assertEquals(List.of(), check(project().view("V", buttonView("\tif True:\n\t\treturn")).tree()));
  }

  @Test
  void aBodyNotIndentedAsTheGatewayStoresItFails() {
    List<Finding> findings = check(project().view("V", buttonView("system.perspective.print('x')")).tree());

    assertEquals(1, findings.size(), findings.toString());
    assertEquals(1, findings.get(0).line());
  }

  @Test
  void tagEventScriptsInTheTagExportAreChecked() {
    String tags = "{\"name\":\"\",\"tagType\":\"Provider\",\"tags\":[{\"name\":\"T\",\"tagType\":\"AtomicTag\","
        + "\"eventScripts\":[{\"eventid\":\"valueChanged\",\"script\":" + str("\tif currentValue.value\n\t\tpass") + "}]}]}";
    List<Finding> findings = check(project().tags(tags).tree());

    assertEquals(1, findings.size(), findings.toString());
    assertEquals(null, findings.get(0).resource());
    assertEquals("tags.json", findings.get(0).file());
    assertEquals("/tags/0/eventScripts/0/script", findings.get(0).pointer());
    assertEquals(1, findings.get(0).line());
  }

  @Test
  void theRuleCanBeSwitchedOffOrLowered() {
    ResourceTree broken = project().script("m", "def f(:\n").tree();

    assertEquals(List.of(), CHECK.check(broken, new CheckSettings(null, Map.of("python-syntax", "off"), Map.of())));
    List<Finding> lowered = CHECK.check(broken, new CheckSettings(null, Map.of("python-syntax", "warning"), Map.of()));
    assertEquals(1, lowered.size());
    assertEquals(Severity.WARNING, lowered.get(0).severity());
  }

  @Test
  void aScriptOverTheSizeLimitIsReportedNotCompiled() {
    ResourceTree tree = project().script("big", "x = 1\n".repeat(100)).tree();
    List<Finding> findings = CHECK.check(tree, new CheckSettings(null, Map.of(),
        Map.of("python-syntax", Map.of("maxBytes", 100))));

    assertEquals(1, findings.size(), findings.toString());
    assertTrue(findings.get(0).message().contains("more than the limit of 100"), findings.get(0).message());
    assertEquals(Severity.ERROR, findings.get(0).severity());
  }

  @Test
  void pathologicalNestingIsAFindingNotACrash() {
    String deep = "x = " + "(".repeat(20_000) + "1" + ")".repeat(20_000) + "\n";
    String unclosed = "x = " + "[".repeat(5_000) + "\n";
    List<Finding> findings = check(project().script("deep", deep).script("open", unclosed).tree());

    assertEquals(2, findings.size(), findings.toString());
    assertTrue(findings.stream().allMatch(f -> f.severity() == Severity.ERROR));
  }

  @Test
  void aCompilationOverItsTimeIsReported() {
    StringBuilder big = new StringBuilder();
    for (int i = 0; i < 3000; i++) {
      big.append("def f").append(i).append("(a):\n    return [a for a in range(10) if a]\n");
    }
    List<Finding> findings = CHECK.check(project().script("slow", big.toString()).tree(),
        new CheckSettings(null, Map.of(), Map.of("python-syntax", Map.of("timeoutMs", 1))));

    assertEquals(1, findings.size(), findings.toString());
    assertTrue(findings.get(0).message().contains("longer than 1 ms"), findings.get(0).message());
  }

  @Test
  void declaresItsRule() {
    assertEquals("ignition", CHECK.platform());
    assertEquals(List.of("python-syntax"), CHECK.rules().stream().map(r -> r.id()).toList());
    assertEquals(Severity.ERROR, CHECK.rules().get(0).level());
  }
}
