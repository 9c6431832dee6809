package dev.stoker.adapter.ignition.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stoker.api.repository.MergeConflict;
import dev.stoker.api.repository.MergeOutcome;
import dev.stoker.api.repository.Resource;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Arrays that are not named components (table columns, tabs, parameters) merge by index only while both sides
 * kept their elements in place; a move, an insertion that pushed the last element out, or a replacement on one
 * side never lets the other side's edit land on a different element: the array conflicts as a whole.
 */
class AlignedArraysTest {
  private static final String VIEW = "com.inductiveautomation.perspective/views/Main";
  private final IgnitionResourceMerger merger = new IgnitionResourceMerger();

  /** A table column. */
  private static String column(String field, int width) {
    return "{\"field\":\"" + field + "\",\"width\":" + width + ",\"sortable\":false}";
  }

  private static Resource table(String... columns) {
    String json = "{\"root\":{\"type\":\"ia.display.table\",\"meta\":{\"name\":\"root\"},\"props\":{\"columns\":["
        + String.join(",", columns) + "]}}}";
    return Resource.of(VIEW, "com.inductiveautomation.perspective/views", Map.of(
        "resource.json", "{\"scope\":\"G\",\"files\":[\"view.json\"]}".getBytes(StandardCharsets.UTF_8),
        "view.json", json.getBytes(StandardCharsets.UTF_8)));
  }

  private static String columns(Resource r) {
    StringBuilder out = new StringBuilder();
    NormalJson.parseOrNull(r.files().get("view.json")).at("/root/props/columns").forEach(c -> out.append(
        out.length() == 0 ? "" : " ").append(c.get("field").asText()).append('=').append(c.get("width").asInt()));
    return out.toString();
  }

  private List<String> conflicts(Resource base, Resource ours, Resource theirs) {
    return merger.merge(base, ours, theirs).conflicts().stream().map(MergeConflict::pointer).toList();
  }

  @Test
  void editsOfTheSameElementInPlaceMergeByIndex() {
    Resource base = table(column("a", 1), column("b", 1));
    Resource ours = table(column("a", 2), column("b", 1));
    Resource theirs = table("{\"field\":\"a\",\"width\":1,\"sortable\":true}", column("b", 3));
    MergeOutcome outcome = merger.merge(base, ours, theirs);
    assertTrue(outcome.clean(), outcome.conflicts().toString());
    assertEquals("a=2 b=3", columns(outcome.merged()));
    assertTrue(NormalJson.parseOrNull(outcome.merged().files().get("view.json"))
        .at("/root/props/columns/0/sortable").asBoolean(), "both edits of column a");
  }

  @Test
  void aSwapOnOneSideNeverMovesTheOtherSidesEdit() {
    Resource base = table(column("a", 1), column("b", 1));
    // By index, their new width of a (index 0) would land on b, which ours moved to index 0.
    Resource swapped = table(column("b", 1), column("a", 1));
    Resource widened = table(column("a", 5), column("b", 1));
    assertEquals(List.of("view.json#/root/props/columns"), conflicts(base, swapped, widened));
    assertEquals(List.of("view.json#/root/props/columns"), conflicts(base, widened, swapped));
    assertEquals("b=1 a=1", columns(merger.merge(base, swapped, widened).merged()), "the conflict holds ours");
  }

  @Test
  void anInsertionThatKeepsTheLengthConflictsAsAWhole() {
    Resource base = table(column("a", 1), column("b", 1), column("c", 1));
    // Ours inserts x first and drops c: every index shifts, the length stays.
    Resource shifted = table(column("x", 1), column("a", 1), column("b", 1));
    assertEquals(List.of("view.json#/root/props/columns"),
        conflicts(base, shifted, table(column("a", 1), column("b", 7), column("c", 1))));
    // Ours replaces a by x (widened): their edit of a must not become an edit of x.
    Resource replaced = table(column("x", 9), column("b", 1), column("c", 1));
    Resource theirs = table("{\"field\":\"a\",\"width\":1,\"sortable\":true}", column("b", 1), column("c", 1));
    assertEquals(List.of("view.json#/root/props/columns"), conflicts(base, replaced, theirs));
  }

  @Test
  void plainValuesMayMoveWhereTheOtherSideDidNotTouch() {
    Resource base = table(column("a", 1), column("b", 1));
    String json = "{\"root\":{\"props\":{\"pair\":[1,2,3]}}}";
    Resource plain = Resource.of(VIEW, "com.inductiveautomation.perspective/views", Map.of(
        "resource.json", "{\"scope\":\"G\",\"files\":[\"view.json\"]}".getBytes(StandardCharsets.UTF_8),
        "view.json", json.getBytes(StandardCharsets.UTF_8)));
    Resource moved = Resource.of(VIEW, plain.type(), Map.of("resource.json", plain.files().get("resource.json"),
        "view.json", json.replace("[1,2,3]", "[2,1,3]").getBytes(StandardCharsets.UTF_8)));
    Resource edited = Resource.of(VIEW, plain.type(), Map.of("resource.json", plain.files().get("resource.json"),
        "view.json", json.replace("[1,2,3]", "[1,2,4]").getBytes(StandardCharsets.UTF_8)));
    MergeOutcome outcome = merger.merge(plain, moved, edited);
    assertTrue(outcome.clean(), outcome.conflicts().toString());
    assertEquals("[2,1,4]", NormalJson.parseOrNull(outcome.merged().files().get("view.json")).at("/root/props/pair")
        .toString());
    assertTrue(conflicts(base, table(column("a", 2), column("b", 1)), table(column("a", 3), column("b", 1)))
        .contains("view.json#/root/props/columns/0/width"), "the same width changed differently");
  }
}
