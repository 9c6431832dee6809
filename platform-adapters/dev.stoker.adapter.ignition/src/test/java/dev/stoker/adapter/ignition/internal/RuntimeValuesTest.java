package dev.stoker.adapter.ignition.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stoker.api.repository.MergeConflict;
import dev.stoker.api.repository.MergeOutcome;
import dev.stoker.api.repository.PropertyChange;
import dev.stoker.api.repository.Resource;
import dev.stoker.api.repository.ResourceDiff;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Runtime values (qualified values a Designer session saved into a view) are reported apart from property
 * changes and merge to the newer, never a conflict; property changes beside them are untouched.
 */
class RuntimeValuesTest {
  private final IgnitionResourceMerger merger = new IgnitionResourceMerger();

  /** A view with a date runtime value at {@code custom.lastRefresh}, a dataset one and a label text. */
  private static Resource view(long at, int row, String text) {
    String json = "{\"custom\":{\"lastRefresh\":{\"$\":[\"ts\",192," + at + "],\"$ts\":" + at + "},"
        + "\"history\":{\"$\":[\"ds\",192," + at + "],\"$columns\":[{\"name\":\"v\",\"type\":\"Integer\"}],"
        + "\"rows\":[[" + row + "]]}},"
        + "\"root\":{\"meta\":{\"name\":\"root\"},\"props\":{\"text\":\"" + text + "\"}}}";
    return Resource.of("com.inductiveautomation.perspective/views/Main", "com.inductiveautomation.perspective/views",
        Map.of("resource.json", "{\"scope\":\"G\",\"files\":[\"view.json\"]}".getBytes(StandardCharsets.UTF_8),
            "view.json", json.getBytes(StandardCharsets.UTF_8)));
  }

  private static JsonNode doc(Resource r) {
    return NormalJson.parseOrNull(r.files().get("view.json"));
  }

  @Test
  void aResaveThatOnlyChangesRuntimeValuesShowsThemApart() {
    ResourceDiff d = merger.diff(view(1000, 1, "Motor"), view(2000, 2, "Motor"));
    assertEquals(List.of(), d.properties());
    assertEquals(List.of("view.json#/custom/history", "view.json#/custom/lastRefresh"),
        d.runtimeValues().stream().map(PropertyChange::pointer).sorted().toList());
    assertTrue(d.runtimeOnly());
  }

  @Test
  void anEngineersChangeBesideRuntimeValuesIsAPropertyChange() {
    ResourceDiff d = merger.diff(view(1000, 1, "Motor"), view(2000, 1, "Pump"));
    assertEquals(List.of("view.json#/root/props/text"), d.properties().stream().map(PropertyChange::pointer).toList());
    assertEquals(2, d.runtimeValues().size(), "both runtime values carry the new timestamp");
    assertFalse(d.runtimeOnly());
  }

  @Test
  void runtimeValuesChangedOnBothSidesMergeToTheNewerWithoutConflict() {
    MergeOutcome outcome = merger.merge(view(1000, 1, "Motor"), view(3000, 3, "Motor A"), view(2000, 2, "Motor"));
    assertTrue(outcome.clean(), outcome.conflicts().toString());
    assertEquals(3000, doc(outcome.merged()).at("/custom/lastRefresh/$ts").asLong(), "ours is newer");
    assertEquals("Motor A", doc(outcome.merged()).at("/root/props/text").asText());
    // theirs newer, while ours holds the engineer's change: theirs' runtime values, our text
    outcome = merger.merge(view(1000, 1, "Motor"), view(2000, 2, "Motor A"), view(5000, 5, "Motor"));
    assertTrue(outcome.clean(), outcome.conflicts().toString());
    assertEquals(5000, doc(outcome.merged()).at("/custom/lastRefresh/$ts").asLong());
    assertEquals(5, doc(outcome.merged()).at("/custom/history/rows/0/0").asInt());
    assertEquals("Motor A", doc(outcome.merged()).at("/root/props/text").asText());
  }

  @Test
  void propertyChangesStillConflictBesideRuntimeValues() {
    MergeOutcome outcome = merger.merge(view(1000, 1, "Motor"), view(2000, 2, "Motor A"), view(3000, 3, "Motor B"));
    assertEquals(List.of("view.json#/root/props/text"),
        outcome.conflicts().stream().map(MergeConflict::pointer).toList());
  }

  @Test
  void objectsThatOnlyLookQualifiedAreProperties() {
    assertFalse(RuntimeValues.is(NormalJson.parseOrNull("{\"$\":\"ts\"}".getBytes(StandardCharsets.UTF_8))));
    assertFalse(RuntimeValues.is(NormalJson.parseOrNull("{\"$\":[\"ts\"]}".getBytes(StandardCharsets.UTF_8))));
    assertFalse(RuntimeValues.is(NormalJson.parseOrNull("{\"$\":[1,192]}".getBytes(StandardCharsets.UTF_8))));
    assertTrue(RuntimeValues.is(NormalJson.parseOrNull("{\"$\":[\"ts\",192]}".getBytes(StandardCharsets.UTF_8))));
  }
}
