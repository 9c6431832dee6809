package dev.stoker.adapter.ignition.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stoker.api.repository.MergeConflict;
import dev.stoker.api.repository.MergeOutcome;
import dev.stoker.api.repository.Resource;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Scripts inside views (a transform, an event handler) merge line by line, as code.py files do. */
class ScriptStringsTest {
  private final IgnitionResourceMerger merger = new IgnitionResourceMerger();

  private static Resource view(String script) {
    ObjectNode doc = NormalJson.MAPPER.createObjectNode();
    doc.putObject("root").putObject("events").putObject("dom").putObject("onClick").put("type", "script")
        .putObject("config").put("script", script);
    return Resource.of("com.inductiveautomation.perspective/views/Main", "com.inductiveautomation.perspective/views",
        Map.of("resource.json", "{\"scope\":\"G\",\"files\":[\"view.json\"]}".getBytes(StandardCharsets.UTF_8),
            "view.json", NormalJson.written(doc)));
  }

  private static String script(Resource r) {
    return NormalJson.parseOrNull(r.files().get("view.json")).at("/root/events/dom/onClick/config/script").asText();
  }

  private static final String BASE = "\tvalue = self.props.value\n\tif value > 10:\n\t\tlog('high')\n\n\n\n"
      + "\tsystem.tag.writeBlocking(['[default]A'], [value])\n\treturn value\n";

  @Test
  void editsOfDifferentLinesMerge() {
    String ours = BASE.replace("value > 10", "value > 20");
    String theirs = BASE.replace("[default]A", "[default]B");
    MergeOutcome outcome = merger.merge(view(BASE), view(ours), view(theirs));
    assertTrue(outcome.clean(), outcome.conflicts().toString());
    assertEquals(BASE.replace("value > 10", "value > 20").replace("[default]A", "[default]B"),
        script(outcome.merged()));
  }

  @Test
  void editsOfTheSameLineConflictOnTheWholeScript() {
    MergeOutcome outcome = merger.merge(view(BASE), view(BASE.replace("> 10", "> 20")),
        view(BASE.replace("> 10", "> 30")));
    assertEquals(List.of("view.json#/root/events/dom/onClick/config/script"),
        outcome.conflicts().stream().map(MergeConflict::pointer).toList());
    assertEquals(BASE.replace("> 10", "> 20"), script(outcome.merged()), "the conflict holds ours");
  }

  @Test
  void singleLineStringsStayWholeValues() {
    MergeOutcome outcome = merger.merge(view("a b c"), view("a B c"), view("a b C"));
    assertEquals(1, outcome.conflicts().size(), outcome.conflicts().toString());
  }
}
