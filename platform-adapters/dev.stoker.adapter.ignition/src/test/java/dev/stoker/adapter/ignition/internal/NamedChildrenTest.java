package dev.stoker.adapter.ignition.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stoker.api.repository.MergeConflict;
import dev.stoker.api.repository.MergeOutcome;
import dev.stoker.api.repository.Resource;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Components merge by {@code meta.name}: edits never land on another component when one side moves things. */
class NamedChildrenTest {
  private static final String VIEW = "com.inductiveautomation.perspective/views/Main";
  private final IgnitionResourceMerger merger = new IgnitionResourceMerger();

  /** A component named {@code name} showing {@code text}. */
  private static String label(String name, String text) {
    return "{\"type\":\"ia.display.label\",\"meta\":{\"name\":\"" + name + "\"},\"props\":{\"text\":\"" + text + "\"}}";
  }

  private static Resource view(String... children) {
    String json = "{\"root\":{\"type\":\"ia.container.flex\",\"meta\":{\"name\":\"root\"},\"children\":["
        + String.join(",", children) + "]}}";
    return Resource.of(VIEW, "com.inductiveautomation.perspective/views", Map.of(
        "resource.json", "{\"scope\":\"G\",\"files\":[\"view.json\"]}".getBytes(StandardCharsets.UTF_8),
        "view.json", json.getBytes(StandardCharsets.UTF_8)));
  }

  private static String children(Resource r) {
    StringBuilder out = new StringBuilder();
    NormalJson.parseOrNull(r.files().get("view.json")).at("/root/children").forEach(c -> out.append(out.length() == 0
        ? "" : " ").append(c.at("/meta/name").asText()).append('=').append(c.at("/props/text").asText()));
    return out.toString();
  }

  private MergeOutcome clean(Resource base, Resource ours, Resource theirs) {
    MergeOutcome outcome = merger.merge(base, ours, theirs);
    assertTrue(outcome.clean(), outcome.conflicts().toString());
    return outcome;
  }

  @Test
  void anInsertionOnOneSideAndAnEditOnTheOtherBothApply() {
    Resource base = view(label("A", "a"), label("B", "b"));
    MergeOutcome outcome = clean(base, view(label("C", "c"), label("A", "a"), label("B", "b")),
        view(label("A", "a2"), label("B", "b")));
    assertEquals("C=c A=a2 B=b", children(outcome.merged()));
    // Additions on both sides: each after the sibling that precedes it on its side; the same addition once.
    outcome = clean(base, view(label("A", "a"), label("X", "x"), label("B", "b"), label("S", "s")),
        view(label("A", "a"), label("B", "b"), label("Y", "y"), label("S", "s")));
    assertEquals("A=a X=x B=b Y=y S=s", children(outcome.merged()));
  }

  @Test
  void aMoveOnOneSideNeverShiftsTheOtherSidesEdit() {
    Resource base = view(label("A", "a"), label("B", "b"));
    // By index, their edit of A (index 0) would meet our B (moved to index 0).
    assertEquals("B=b A=a2", children(clean(base, view(label("B", "b"), label("A", "a")),
        view(label("A", "a2"), label("B", "b"))).merged()));
    assertEquals("B=b2 A=a", children(clean(base, view(label("A", "a"), label("B", "b2")),
        view(label("B", "b"), label("A", "a"))).merged()));
  }

  @Test
  void movesOnBothSidesThatDisagreeConflictOnTheWholeArray() {
    Resource base = view(label("A", "a"), label("B", "b"), label("C", "c"));
    MergeOutcome outcome = merger.merge(base, view(label("B", "b"), label("A", "a"), label("C", "c")),
        view(label("A", "a"), label("C", "c"), label("B", "b")));
    assertEquals(List.of("view.json#/root/children"), outcome.conflicts().stream().map(MergeConflict::pointer).toList());
    assertEquals("B=b A=a C=c", children(outcome.merged()), "the conflict holds ours");
    // The same move on both sides is one move.
    assertEquals("B=b A=a2 C=c", children(clean(base, view(label("B", "b"), label("A", "a"), label("C", "c")),
        view(label("B", "b"), label("A", "a2"), label("C", "c"))).merged()));
  }

  @Test
  void aRemovalGoesUnlessTheOtherSideChangedTheComponent() {
    Resource base = view(label("A", "a"), label("B", "b"));
    assertEquals("A=a2", children(clean(base, view(label("A", "a")), view(label("A", "a2"), label("B", "b")))
        .merged()));
    MergeOutcome outcome = merger.merge(base, view(label("A", "a")), view(label("A", "a"), label("B", "b2")));
    assertEquals(1, outcome.conflicts().size(), outcome.conflicts().toString());
    MergeConflict conflict = outcome.conflicts().get(0);
    assertEquals("view.json#/root/children/1", conflict.pointer());
    assertNull(conflict.ours());
    assertEquals("A=a B=b2", children(outcome.merged()), "the changed component is kept until resolved");
    Map<String, String> removed = new HashMap<>();
    removed.put(conflict.pointer(), null);
    assertEquals("A=a", children(merger.resolve(outcome.merged(), removed)));
    assertEquals("A=a B=b2", children(merger.resolve(outcome.merged(), Map.of(conflict.pointer(), conflict.theirs()))));
  }

  @Test
  void arraysWithoutUniqueNamesKeepTheIndexRules() {
    Resource base = view(label("A", "a"), label("A", "b"));
    MergeOutcome outcome = merger.merge(base, view(label("A", "a"), label("A", "b"), label("C", "c")),
        view(label("A", "a2"), label("A", "b")));
    assertEquals(List.of("view.json#/root/children"), outcome.conflicts().stream().map(MergeConflict::pointer).toList());
  }
}
