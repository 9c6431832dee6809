package dev.stoker.adapter.ignition.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stoker.api.platform.ResourceMerger;
import dev.stoker.api.repository.ChangeKind;
import dev.stoker.api.repository.MergeConflict;
import dev.stoker.api.repository.MergeOutcome;
import dev.stoker.api.repository.PropertyChange;
import dev.stoker.api.repository.Resource;
import dev.stoker.api.repository.ResourceDiff;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The merger's resource-level rules through its public SPI, one test per rule. Over 500 lines because the rules
 * are many and each needs its three sides written out; the file-level merges have their own tests
 * (NamedChildrenTest, ScriptStringsTest and the JSON/text merge tests).
 */
class IgnitionResourceMergerTest {

  private static final String VIEWS = "com.inductiveautomation.perspective/views";
  private static final String VIEW = VIEWS + "/Main";
  private static final String SCRIPTS = "ignition/script-python";
  private static final String SCRIPT = SCRIPTS + "/util";
  private static final String DESCRIPTOR = "{\"scope\":\"G\",\"version\":1,\"files\":[\"view.json\"]}";

  private final ResourceMerger merger = new IgnitionResourceMerger();

  // ------------------------------------------------------------------------------------------------ diff

  @Test
  void diffReportsViewPropertiesByJsonPointer() {
    Resource from = view("{\"root\":{\"props\":{\"text\":\"Hello\",\"gone\":1,\"style\":{\"color\":\"red\"}},"
        + "\"children\":[\"a\",\"b\"],\"pair\":[1,2]},\"params\":{\"a/b\":1,\"x~y\":true}}");
    Resource to = view("{\"root\":{\"props\":{\"text\":\"Bye\",\"style\":{\"color\":\"red\",\"bold\":true}},"
        + "\"children\":[\"a\",\"b\",\"c\"],\"pair\":[1,3]},\"params\":{\"a/b\":2,\"x~y\":true}}");
    ResourceDiff diff = merger.diff(from, to);
    assertEquals(VIEW, diff.path());
    assertNull(diff.oldPath());
    assertEquals(ChangeKind.MODIFIED, diff.kind());
    assertEquals(List.of(
        new PropertyChange("view.json#/params/a~1b", "1", "2"),
        new PropertyChange("view.json#/root/children", "[\"a\",\"b\"]", "[\"a\",\"b\",\"c\"]"),
        new PropertyChange("view.json#/root/pair/1", "2", "3"),
        new PropertyChange("view.json#/root/props/gone", "1", null),
        new PropertyChange("view.json#/root/props/style/bold", null, "true"),
        new PropertyChange("view.json#/root/props/text", "\"Hello\"", "\"Bye\"")), diff.properties());
    assertNull(diff.textDiff());
  }

  @Test
  void diffIgnoresModificationStampsButNotTheDescriptor() {
    String stamped = "{\"scope\":\"G\",\"version\":1,\"files\":[\"view.json\"],\"attributes\":{"
        + "\"lastModificationSignature\":\"%s\",\"lastModification\":{\"actor\":\"%s\",\"timestamp\":\"t\"}}}";
    Resource a = resource(VIEW, VIEWS, Map.of("resource.json", stamped.formatted("abc", "admin"), "view.json", "{}"));
    Resource b = resource(VIEW, VIEWS, Map.of("resource.json", stamped.formatted("def", "bob"), "view.json", "{}"));
    assertEquals(List.of(), merger.diff(a, b).properties());

    Resource c = resource(VIEW, VIEWS, Map.of("resource.json",
        stamped.formatted("xyz", "carol").replace("\"G\"", "\"A\""), "view.json", "{}"));
    assertEquals(List.of(new PropertyChange("resource.json#/scope", "\"G\"", "\"A\"")), merger.diff(a, c).properties());

    // Stamps never conflict: ours only re-stamped, so theirs (which changed the scope) is taken whole, its bytes
    // and its stamp included.
    MergeOutcome outcome = merger.merge(a, b, c);
    assertTrue(outcome.clean(), outcome.conflicts().toString());
    assertSame(c, outcome.merged());
  }

  @Test
  void diffOfAScriptIsAUnifiedDiff() {
    String old = "def a():\n  return 1\n\n\n\n\n\ndef b():\n  return 2\n";
    String now = "def a():\n  return 10\n\n\n\n\n\ndef b():\n  return 2\n";
    ResourceDiff diff = merger.diff(script(SCRIPT, old), script(SCRIPT, now));
    assertEquals(List.of(), diff.properties());
    assertEquals("--- a/ignition/script-python/util/code.py\n+++ b/ignition/script-python/util/code.py\n"
        + "@@ -1,5 +1,5 @@\n def a():\n-  return 1\n+  return 10\n \n \n \n", diff.textDiff());
  }

  @Test
  void diffOfAddedAndRemovedResources() {
    Resource script = script(SCRIPT, "x = 1");
    ResourceDiff added = merger.diff(null, script);
    assertEquals(ChangeKind.ADDED, added.kind());
    assertEquals(List.of(new PropertyChange("resource.json#", null, "{\"scope\":\"A\"}")), added.properties());
    assertEquals("--- /dev/null\n+++ b/ignition/script-python/util/code.py\n@@ -0,0 +1,1 @@\n+x = 1\n"
        + "\\ No newline at end of file\n", added.textDiff());

    ResourceDiff removed = merger.diff(view("{\"root\":{}}"), null);
    assertEquals(ChangeKind.REMOVED, removed.kind());
    assertEquals(VIEW, removed.path());
    assertEquals(List.of(
        new PropertyChange("resource.json#", "{\"files\":[\"view.json\"],\"scope\":\"G\",\"version\":1}", null),
        new PropertyChange("view.json#", "{\"root\":{}}", null)), removed.properties());
    assertNull(removed.textDiff());
  }

  @Test
  void diffOfARename() {
    ResourceDiff diff = merger.diff(script(SCRIPT, "x = 1\n"), script(SCRIPTS + "/tools", "x = 2\n"));
    assertEquals(ChangeKind.RENAMED, diff.kind());
    assertEquals(SCRIPTS + "/tools", diff.path());
    assertEquals(SCRIPT, diff.oldPath());
    assertEquals("--- a/ignition/script-python/util/code.py\n+++ b/ignition/script-python/tools/code.py\n"
        + "@@ -1,1 +1,1 @@\n-x = 1\n+x = 2\n", diff.textDiff());
  }

  @Test
  void diffOfTagsByTagPath() {
    Resource from = tags("{\"name\":\"\",\"tagType\":\"Provider\",\"tags\":["
        + "{\"name\":\"Line1\",\"tagType\":\"Folder\",\"tags\":["
        + "  {\"name\":\"Speed\",\"tagType\":\"AtomicTag\",\"value\":10},"
        + "  {\"name\":\"Old\",\"tagType\":\"AtomicTag\",\"value\":1}]},"
        + "{\"name\":\"Line1 B\",\"tagType\":\"Folder\"}]}");
    Resource to = tags("{\"name\":\"\",\"tagType\":\"Provider\",\"tags\":["
        + "{\"name\":\"Line1\",\"tagType\":\"Folder\",\"tags\":["
        + "  {\"name\":\"Speed\",\"tagType\":\"AtomicTag\",\"value\":12},"
        + "  {\"name\":\"New\",\"tagType\":\"AtomicTag\",\"value\":2,\"tags\":[]}]},"
        + "{\"name\":\"Line1 B\",\"tagType\":\"Folder\"}]}");
    ResourceDiff diff = merger.diff(from, to);
    assertEquals(List.of(
        new PropertyChange("tags.json#Line1/New", null, "{\"name\":\"New\",\"tagType\":\"AtomicTag\",\"value\":2}"),
        new PropertyChange("tags.json#Line1/Old", "{\"name\":\"Old\",\"tagType\":\"AtomicTag\",\"value\":1}", null),
        new PropertyChange("tags.json#Line1/Speed", "{\"name\":\"Speed\",\"tagType\":\"AtomicTag\",\"value\":10}",
            "{\"name\":\"Speed\",\"tagType\":\"AtomicTag\",\"value\":12}")), diff.properties());
  }

  @Test
  void diffOfBinaryFilesShowsChecksums() {
    Resource a = resource(VIEW, VIEWS, Map.of("thumbnail.png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 1}));
    Resource b = resource(VIEW, VIEWS, Map.of("thumbnail.png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 2}));
    PropertyChange change = merger.diff(a, b).properties().get(0);
    assertEquals("thumbnail.png", change.pointer());
    assertTrue(change.oldValue().matches("sha256:[0-9a-f]{64} \\(6 bytes\\)"), change.oldValue());
    assertTrue(change.newValue().startsWith("sha256:") && !change.newValue().equals(change.oldValue()));
  }

  // ----------------------------------------------------------------------------------------------- merge

  @Test
  void differentPropertiesMergeCleanly() {
    Resource base = view("{\"root\":{\"props\":{\"text\":\"Hi\",\"width\":1.50},\"list\":[1,2,3]}}");
    Resource ours = view("{\"root\":{\"props\":{\"text\":\"Hello\",\"width\":1.50},\"list\":[1,2,3]}}");
    Resource theirs = view("{\"root\":{\"props\":{\"text\":\"Hi\",\"width\":2.50,\"bold\":true},\"list\":[1,2,4]}}");
    MergeOutcome outcome = merger.merge(base, ours, theirs);
    assertTrue(outcome.clean(), outcome.conflicts().toString());
    assertSameJson("{\"root\":{\"props\":{\"text\":\"Hello\",\"width\":2.50,\"bold\":true},\"list\":[1,2,4]}}",
        file(outcome.merged(), "view.json"));
    assertEquals(VIEW, outcome.merged().path());
    assertEquals(file(base, "resource.json"), file(outcome.merged(), "resource.json"));
  }

  @Test
  void sameResourceOnBothSidesOrOneSideUnchangedNeedsNoMerge() {
    Resource base = view("{\"a\":1}");
    Resource changed = view("{\"a\":2}");
    assertEquals(changed, merger.merge(base, base, changed).merged());
    assertEquals(changed, merger.merge(base, changed, base).merged());
    MergeOutcome deleted = merger.merge(base, base, null);
    assertTrue(deleted.clean());
    assertNull(deleted.merged());
  }

  @Test
  void samePropertyChangedDifferentlyConflictsAndHoldsOurs() {
    Resource base = view("{\"root\":{\"props\":{\"text\":\"Hi\",\"size\":1}}}");
    Resource ours = view("{\"root\":{\"props\":{\"text\":\"Ours\",\"size\":1}}}");
    Resource theirs = view("{\"root\":{\"props\":{\"text\":{\"bind\":\"x\"},\"size\":2}}}");
    MergeOutcome outcome = merger.merge(base, ours, theirs);
    assertEquals(List.of(new MergeConflict(VIEW, "view.json#/root/props/text", "\"Hi\"", "\"Ours\"",
        "{\"bind\":\"x\"}")), outcome.conflicts());
    assertSameJson("{\"root\":{\"props\":{\"text\":\"Ours\",\"size\":2}}}", file(outcome.merged(), "view.json"));

    MergeConflict conflict = outcome.conflicts().get(0);
    Resource resolved = merger.resolve(outcome.merged(), Map.of(conflict.pointer(), conflict.theirs()));
    assertSameJson("{\"root\":{\"props\":{\"text\":{\"bind\":\"x\"},\"size\":2}}}", file(resolved, "view.json"));
    assertEquals(VIEW, resolved.path());
    assertEquals(VIEWS, resolved.type());

    Resource custom = merger.resolve(outcome.merged(), Map.of(conflict.pointer(), "\"Both\""));
    assertSameJson("{\"root\":{\"props\":{\"text\":\"Both\",\"size\":2}}}", file(custom, "view.json"));
    Resource absent = merger.resolve(outcome.merged(), mapOf(conflict.pointer(), null));
    assertSameJson("{\"root\":{\"props\":{\"size\":2}}}", file(absent, "view.json"));

    IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
        () -> merger.resolve(outcome.merged(), Map.of(conflict.pointer(), "{oops")));
    assertTrue(bad.getMessage().startsWith("resolutions: view.json#/root/props/text: not JSON"), bad.getMessage());
  }

  @Test
  void arraysOfDifferentLengthConflictAsAWhole() {
    Resource base = view("{\"items\":[1,2]}");
    MergeOutcome outcome = merger.merge(base, view("{\"items\":[1,2,3]}"), view("{\"items\":[0]}"));
    assertEquals(List.of(new MergeConflict(VIEW, "view.json#/items", "[1,2]", "[1,2,3]", "[0]")), outcome.conflicts());
    Resource resolved = merger.resolve(outcome.merged(), Map.of("view.json#/items", "[0]"));
    assertSameJson("{\"items\":[0]}", file(resolved, "view.json"));
  }

  @Test
  void resourcesAddedOnBothSidesMergeAgainstAnEmptyBase() {
    MergeOutcome outcome = merger.merge(null, view("{\"a\":1,\"b\":1,\"c\":3}"), view("{\"a\":1,\"b\":2,\"d\":4}"));
    assertEquals(List.of(new MergeConflict(VIEW, "view.json#/b", null, "1", "2")), outcome.conflicts());
    assertSameJson("{\"a\":1,\"b\":1,\"c\":3,\"d\":4}", file(outcome.merged(), "view.json"));
  }

  @Test
  void deletedOnOneSideAndModifiedOnTheOtherConflictsOnTheWholeResource() {
    Resource base = view("{\"a\":1}");
    MergeOutcome outcome = merger.merge(base, null, view("{\"a\":2}"));
    assertNull(outcome.merged());
    assertEquals(List.of(new MergeConflict(VIEW, "", "present", null, "modified")), outcome.conflicts());
    MergeOutcome mirrored = merger.merge(base, view("{\"a\":2}"), null);
    assertEquals(List.of(new MergeConflict(VIEW, "", "present", "modified", null)), mirrored.conflicts());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> merger.resolve(base, mapOf("", null)));
    assertTrue(e.getMessage().startsWith("resolutions:"), e.getMessage());
  }

  @Test
  void fileDeletedOnOneSideAndModifiedOnTheOtherConflictsOnTheFile() {
    Resource base = resource(SCRIPT, SCRIPTS, Map.of("resource.json", "{}", "code.py", "x = 1\n"));
    Resource ours = resource(SCRIPT, SCRIPTS, Map.of("resource.json", "{}"));
    Resource theirs = resource(SCRIPT, SCRIPTS, Map.of("resource.json", "{}", "code.py", "x = 2\n"));
    MergeOutcome outcome = merger.merge(base, ours, theirs);
    assertEquals(List.of(new MergeConflict(SCRIPT, "code.py", "x = 1\n", null, "x = 2\n")), outcome.conflicts());
    assertEquals(List.of("resource.json"), List.copyOf(outcome.merged().files().keySet()));
    Resource resolved = merger.resolve(outcome.merged(), Map.of("code.py", "x = 2\n"));
    assertEquals("x = 2\n", file(resolved, "code.py"));
  }

  @Test
  void textChangesFarApartMergeLineByLine() {
    String base = "a\nb\nc\nd\ne\nf\n";
    MergeOutcome outcome = merger.merge(script(SCRIPT, base), script(SCRIPT, "A\nb\nc\nd\ne\nf\n"),
        script(SCRIPT, "a\nb\nc\nd\nE\nf\ng\n"));
    assertTrue(outcome.clean(), outcome.conflicts().toString());
    assertEquals("A\nb\nc\nd\nE\nf\ng\n", file(outcome.merged(), "code.py"));

    MergeOutcome same = merger.merge(script(SCRIPT, base), script(SCRIPT, "a\nB\nc\nd\ne\nf\n"),
        script(SCRIPT, "a\nB\nc\nd\ne\nF\n"));
    assertEquals("a\nB\nc\nd\ne\nF\n", file(same.merged(), "code.py"), "an identical change counts once");
  }

  @Test
  void overlappingTextChangesConflictOnTheWholeFile() {
    String base = "a\nb\nc\n";
    MergeOutcome outcome = merger.merge(script(SCRIPT, base), script(SCRIPT, "a\nours\nc\n"),
        script(SCRIPT, "a\ntheirs\nc\n"));
    assertEquals(List.of(new MergeConflict(SCRIPT, "code.py", base, "a\nours\nc\n", "a\ntheirs\nc\n")),
        outcome.conflicts());
    assertEquals("a\nours\nc\n", file(outcome.merged(), "code.py"));
    Resource resolved = merger.resolve(outcome.merged(), Map.of("code.py", "a\nboth\nc\n"));
    assertEquals("a\nboth\nc\n", file(resolved, "code.py"));
    // Adjacent lines touch: git would conflict too.
    assertEquals(1, merger.merge(script(SCRIPT, base), script(SCRIPT, "A\nb\nc\n"), script(SCRIPT, "a\nB\nc\n"))
        .conflicts().size());
  }

  @Test
  void binaryFilesChangedOnBothSidesConflict() {
    byte[] base = {1, 0, 1};
    byte[] ours = {1, 0, 2};
    byte[] theirs = {1, 0, 3};
    MergeOutcome outcome = merger.merge(logo(base), logo(ours), logo(theirs));
    MergeConflict conflict = outcome.conflicts().get(0);
    assertEquals("logo.png", conflict.pointer());
    assertEquals(ShownValues.describe(base), conflict.base());
    assertEquals(ShownValues.describe(ours), conflict.ours());
    assertEquals(ShownValues.describe(theirs), conflict.theirs());
    assertArrayEquals(ours, outcome.merged().files().get("logo.png"));

    assertArrayEquals(ours, merger.resolve(outcome.merged(), Map.of("logo.png", conflict.ours()))
        .files().get("logo.png"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> merger.resolve(outcome.merged(), Map.of("logo.png", conflict.theirs())));
    assertTrue(e.getMessage().contains("base64:"), e.getMessage());
    assertArrayEquals(theirs, merger.resolve(outcome.merged(), Map.of("logo.png",
        "base64:" + Base64.getEncoder().encodeToString(theirs))).files().get("logo.png"));
    // One side unchanged: the other wins without a conflict.
    assertArrayEquals(theirs, merger.merge(logo(base), logo(base), logo(theirs)).merged().files().get("logo.png"));
  }

  // ------------------------------------------------------------------------------------------------ tags

  private static final String TAG_BASE = "{\"name\":\"\",\"tagType\":\"Provider\",\"tags\":["
      + "{\"name\":\"Line1\",\"tagType\":\"Folder\",\"tags\":["
      + "  {\"name\":\"Speed\",\"tagType\":\"AtomicTag\",\"value\":10,\"dataType\":\"Int4\"},"
      + "  {\"name\":\"Temp\",\"tagType\":\"AtomicTag\",\"value\":20}]}]}";

  @Test
  void tagsEditedOnDifferentTagsOrPropertiesMergeCleanly() {
    Resource ours = tags(TAG_BASE.replace("\"value\":10", "\"value\":11"));
    Resource theirs = tags(TAG_BASE.replace("\"value\":20", "\"value\":21")
        .replace("\"dataType\":\"Int4\"", "\"dataType\":\"Int8\"")
        .replace("\"tags\":[{\"name\":\"Line1\"", "\"tags\":[{\"name\":\"Line0\",\"tagType\":\"Folder\"},"
            + "{\"name\":\"Line1\""));
    MergeOutcome outcome = merger.merge(tags(TAG_BASE), ours, theirs);
    assertTrue(outcome.clean(), outcome.conflicts().toString());
    JsonNode merged = json(outcome.merged(), "tags.json");
    assertEquals("Line0", merged.at("/tags/0/name").asText(), "children sorted by name");
    assertEquals("Line1", merged.at("/tags/1/name").asText());
    assertEquals(11, merged.at("/tags/1/tags/0/value").asInt());
    assertEquals("Int8", merged.at("/tags/1/tags/0/dataType").asText());
    assertEquals(21, merged.at("/tags/1/tags/1/value").asInt());
    assertEquals(List.of(), merger.diff(resource("tags", "tags", Map.of("tags.json", normal(
        TAG_BASE.replace("\"value\":10", "\"value\":11").replace("\"value\":20", "\"value\":21")
            .replace("\"dataType\":\"Int4\"", "\"dataType\":\"Int8\"")
            .replace("\"tags\":[{\"name\":\"Line1\"", "\"tags\":[{\"name\":\"Line0\",\"tagType\":\"Folder\"},"
                + "{\"name\":\"Line1\"")))), outcome.merged()).properties());
  }

  @Test
  void theSameTagPropertyChangedDifferentlyConflictsOnTheTag() {
    Resource ours = tags(TAG_BASE.replace("\"value\":10", "\"value\":11"));
    Resource theirs = tags(TAG_BASE.replace("\"value\":10", "\"value\":12").replace("\"Int4\"", "\"Int8\""));
    MergeOutcome outcome = merger.merge(tags(TAG_BASE), ours, theirs);
    assertEquals(List.of(new MergeConflict("tags", "tags.json#Line1/Speed",
        "{\"dataType\":\"Int4\",\"name\":\"Speed\",\"tagType\":\"AtomicTag\",\"value\":10}",
        "{\"dataType\":\"Int4\",\"name\":\"Speed\",\"tagType\":\"AtomicTag\",\"value\":11}",
        "{\"dataType\":\"Int8\",\"name\":\"Speed\",\"tagType\":\"AtomicTag\",\"value\":12}")), outcome.conflicts());
    JsonNode merged = json(outcome.merged(), "tags.json");
    assertEquals(11, merged.at("/tags/0/tags/0/value").asInt(), "ours holds the conflicting property");
    assertEquals("Int8", merged.at("/tags/0/tags/0/dataType").asText(), "the other property merged");

    MergeConflict conflict = outcome.conflicts().get(0);
    Resource resolved = merger.resolve(outcome.merged(), Map.of(conflict.pointer(), conflict.theirs()));
    assertArrayEquals(theirs.files().get("tags.json"), resolved.files().get("tags.json"));

    // A folder's own properties change; its children stay.
    Resource folder = merger.resolve(outcome.merged(), Map.of("tags.json#Line1",
        "{\"name\":\"Line1\",\"tagType\":\"Folder\",\"documentation\":\"x\"}"));
    assertEquals("x", json(folder, "tags.json").at("/tags/0/documentation").asText());
    assertEquals(2, json(folder, "tags.json").at("/tags/0/tags").size());

    IllegalArgumentException renamed = assertThrows(IllegalArgumentException.class, () -> merger.resolve(
        outcome.merged(), Map.of(conflict.pointer(), "{\"name\":\"Other\"}")));
    assertTrue(renamed.getMessage().startsWith("resolutions: tags.json#Line1/Speed:"), renamed.getMessage());
    IllegalArgumentException orphan = assertThrows(IllegalArgumentException.class, () -> merger.resolve(
        outcome.merged(), Map.of("tags.json#Nowhere/X", "{}")));
    assertTrue(orphan.getMessage().contains("parent tag 'Nowhere' is absent"), orphan.getMessage());
  }

  @Test
  void aTagDeletedOnOneSideWhileTheOtherAddedUnderItConflictsOnTheTag() {
    Resource base = tags(TAG_BASE);
    Resource ours = tags("{\"name\":\"\",\"tagType\":\"Provider\",\"tags\":[]}");
    Resource theirs = tags(TAG_BASE.replace("{\"name\":\"Temp\"",
        "{\"name\":\"Added\",\"tagType\":\"AtomicTag\",\"value\":5},{\"name\":\"Temp\""));
    MergeOutcome outcome = merger.merge(base, ours, theirs);
    assertEquals(List.of(new MergeConflict("tags", "tags.json#Line1", "{\"name\":\"Line1\",\"tagType\":\"Folder\"}",
        null, "{\"name\":\"Line1\",\"tagType\":\"Folder\"}")), outcome.conflicts());
    // Kept so that their new tag survives if the folder is kept; ours deleted the unchanged Speed and Temp.
    JsonNode merged = json(outcome.merged(), "tags.json");
    assertEquals("Line1", merged.at("/tags/0/name").asText());
    assertEquals("Added", merged.at("/tags/0/tags/0/name").asText());
    assertEquals(1, merged.at("/tags/0/tags").size());

    Resource deleted = merger.resolve(outcome.merged(), mapOf("tags.json#Line1", null));
    assertEquals(0, json(deleted, "tags.json").get("tags").size());
    Resource kept = merger.resolve(outcome.merged(), Map.of("tags.json#Line1", outcome.conflicts().get(0).theirs()));
    assertEquals("Added", json(kept, "tags.json").at("/tags/0/tags/0/name").asText());
  }

  @Test
  void resolveRefusesUnknownFilesAndPointers() {
    Resource view = view("{\"a\":{\"b\":1}}");
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
        () -> merger.resolve(view, Map.of("other.json#/a", "1")));
    assertTrue(unknown.getMessage().startsWith("resolutions: other.json#/a:"), unknown.getMessage());
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
        () -> merger.resolve(view, Map.of("view.json#/x/y", "1")));
    assertTrue(missing.getMessage().startsWith("resolutions: view.json#/x/y:"), missing.getMessage());
    IllegalArgumentException notPointer = assertThrows(IllegalArgumentException.class,
        () -> merger.resolve(view, Map.of("view.json#a", "1")));
    assertTrue(notPointer.getMessage().contains("not a JSON pointer"), notPointer.getMessage());
    assertSameJson("{\"a\":{\"b\":1,\"c/d\":[true]}}",
        file(merger.resolve(view, Map.of("view.json#/a/c~1d", "[true]")), "view.json"));
  }

  // ------------------------------------------------------------------------------------ faithful bytes

  /** A resource as a gateway wrote it: bytes exactly as given, no normal form. */
  private static Resource raw(String descriptor, String viewJson) {
    return Resource.of(VIEW, VIEWS, Map.of("resource.json", descriptor.getBytes(StandardCharsets.UTF_8),
        "view.json", viewJson.getBytes(StandardCharsets.UTF_8)));
  }

  private static String stamped(String actor, String signature) {
    return "{\r\n  \"scope\" : \"G\", \"files\":[\"view.json\"],\r\n  \"attributes\":{\"lastModification\":{\"actor\":\""
        + actor + "\",\"timestamp\":\"2021-03-15T18:49:18Z\"},\"lastModificationSignature\":\"" + signature + "\"}}";
  }

  @Test
  void aSideThatOnlyReformattedOrRestampedYieldsWhole() {
    Resource base = raw(stamped("admin", "aa"), "{\"props\":{\"text\":\"\\u003cHi\\u003e\",\"size\":1}}");
    // Re-saved: other stamp, other key order, other whitespace, no escapes, CRLF.
    Resource resaved = raw(stamped("bob", "bb"), "{\r\n  \"props\": {\"size\": 1, \"text\": \"<Hi>\"}\r\n}\r\n");
    Resource edited = raw(stamped("carol", "cc"), "{\"props\":{\"text\":\"Bye\",\"size\":1}}");
    assertSame(edited, merger.merge(base, resaved, edited).merged());
    assertSame(edited, merger.merge(base, edited, resaved).merged());
    // Nothing but re-saves: our bytes stay.
    Resource resavedAgain = raw(stamped("dave", "dd"), "{\"props\":{\"size\":1,\"text\":\"<Hi>\"}}");
    assertSame(resaved, merger.merge(base, resaved, resavedAgain).merged());
    assertTrue(merger.diff(base, resaved).properties().isEmpty(), "a re-save is no change");
  }

  @Test
  void theSameResourceAddedOnBothSidesWithOtherStampsIsClean() {
    Resource ours = raw(stamped("alice", "aa"), "{\"a\":1}");
    Resource theirs = raw(stamped("bob", "bb"), "{ \"a\" : 1 }");
    MergeOutcome outcome = merger.merge(null, ours, theirs);
    assertTrue(outcome.clean(), outcome.conflicts().toString());
    assertSame(ours, outcome.merged());
  }

  @Test
  void aMergedFileEqualToOneSideKeepsItsBytesAndANewOneKeepsOurKeyOrder() {
    Resource base = raw(stamped("admin", "aa"), "{\"root\":{\"b\":1,\"a\":1},\"custom\":{},\"params\":[]}");
    Resource ours = raw(stamped("admin", "aa"), "{\"root\":{\"b\":2,\"a\":1},\"custom\":{},\"params\":[]}");
    Resource theirs = raw(stamped("bob", "bb"), "{\"params\":[],\"custom\":{},\"root\":{\"a\":3,\"b\":1,\"z\":0}}");
    MergeOutcome outcome = merger.merge(base, ours, theirs);
    assertTrue(outcome.clean(), outcome.conflicts().toString());
    assertEquals("""
        {
          "root": {
            "b": 2,
            "a": 3,
            "z": 0
          },
          "custom": {},
          "params": []
        }""", file(outcome.merged(), "view.json"));
    // resource.json: theirs only re-stamped, which is no change: ours is kept as it is (the repository stamps the
    // merged resource, which equals no side).
    assertSame(ours.files().get("resource.json"), outcome.merged().files().get("resource.json"));

    // A JSON merge whose result equals our document keeps our bytes, not a re-serialisation.
    Resource older = raw(stamped("admin", "aa"), "{\"b\":1,\"c\":1}");
    Resource ourEdit = raw(stamped("admin", "aa"), "{ \"b\" : 2 ,\r\n \"c\" : 2 }");
    Resource theirEdit = raw(stamped("bob", "bb"), "{\"b\":2,\"c\":1}");
    Resource again = merger.merge(older, ourEdit, theirEdit).merged();
    assertSame(ourEdit.files().get("view.json"), again.files().get("view.json"));
  }

  // ------------------------------------------------------------------------------------- Ignition rules

  private static Resource listing(String files) {
    return Resource.of(VIEW, VIEWS, Map.of("resource.json", ("{\"scope\":\"G\",\"files\":[" + files + "]}")
        .getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void theListedFilesAreASet() {
    Resource base = listing("\"view.json\",\"thumbnail.png\"");
    Resource reordered = listing("\"thumbnail.png\",\"view.json\"");
    assertEquals(List.of(), merger.diff(base, reordered).properties(), "order is no change");
    assertEquals(List.of(new PropertyChange("resource.json#/files", "[\"view.json\",\"thumbnail.png\"]",
        "[\"view.json\"]")), merger.diff(base, listing("\"view.json\"")).properties());

    // Ours reorders and adds a.json; theirs drops the thumbnail and adds b.json: both apply, no conflict.
    MergeOutcome outcome = merger.merge(base, listing("\"thumbnail.png\",\"view.json\",\"a.json\""),
        listing("\"view.json\",\"b.json\""));
    assertTrue(outcome.clean(), outcome.conflicts().toString());
    assertEquals("[\"view.json\",\"a.json\",\"b.json\"]", json(outcome.merged(), "resource.json").get("files")
        .toString());
    // A reorder on one side against a real change on the other: the change wins, bytes and all.
    Resource scoped = Resource.of(VIEW, VIEWS, Map.of("resource.json",
        "{\"scope\":\"A\",\"files\":[\"view.json\",\"thumbnail.png\"]}".getBytes(StandardCharsets.UTF_8)));
    assertSame(scoped, merger.merge(base, reordered, scoped).merged());
  }

  private static Resource drawn(String view, int thumbnail, String savedAt) {
    return Resource.of(VIEW, VIEWS, Map.of(
        "resource.json", ("{\"scope\":\"G\",\"files\":[\"view.json\",\"thumbnail.png\"],\"attributes\":{"
            + "\"lastModification\":{\"actor\":\"x\",\"timestamp\":\"" + savedAt + "\"}}}").getBytes(StandardCharsets.UTF_8),
        "view.json", view.getBytes(StandardCharsets.UTF_8),
        "thumbnail.png", new byte[] {(byte) 0x89, 'P', 'N', 'G', (byte) thumbnail}));
  }

  private byte[] mergedThumbnail(Resource base, Resource ours, Resource theirs) {
    MergeOutcome outcome = merger.merge(base, ours, theirs);
    assertTrue(outcome.clean(), outcome.conflicts().toString());
    return outcome.merged().files().get("thumbnail.png");
  }

  @Test
  void aThumbnailChangedOnBothSidesFollowsTheViewThatWon() {
    Resource base = drawn("{\"a\":1,\"b\":1}", 0, "2024-01-01T00:00:00Z");
    Resource ourView = drawn("{\"a\":2,\"b\":1}", 1, "2024-01-02T00:00:00Z");
    Resource theirRedraw = drawn("{\"a\":1,\"b\":1}", 2, "2024-01-03T00:00:00Z");
    Resource theirView = drawn("{\"a\":1,\"b\":3}", 3, "2024-01-03T00:00:00Z");
    Resource ourRedraw = drawn("{ \"a\": 1, \"b\": 1 }", 4, "2024-01-04T00:00:00Z");
    // Only one side changed the view: its thumbnail, even when the other side saved later.
    assertEquals(1, mergedThumbnail(base, ourView, theirRedraw)[4]);
    assertEquals(3, mergedThumbnail(base, ourRedraw, theirView)[4]);
    // Both views are in the result: the thumbnail saved last.
    assertEquals(3, mergedThumbnail(base, ourView, theirView)[4]);
    assertEquals(3, mergedThumbnail(base, theirView, ourView)[4]);
    Resource undated = drawn("{\"a\":1,\"b\":5}", 5, "yesterday");
    assertEquals(1, mergedThumbnail(base, ourView, undated)[4], "without a readable stamp: ours");
    // A thumbnail deleted on one side and redrawn on the other still conflicts.
    Resource withoutThumbnail = Resource.of(VIEW, VIEWS, Map.of("resource.json", base.files().get("resource.json"),
        "view.json", base.files().get("view.json")));
    assertEquals(List.of("thumbnail.png"), merger.merge(base, withoutThumbnail, theirRedraw).conflicts().stream()
        .map(MergeConflict::pointer).toList());
  }

  // --------------------------------------------------------------------------------------------- helpers

  private static Resource view(String viewJson) {
    return resource(VIEW, VIEWS, Map.of("resource.json", DESCRIPTOR, "view.json", viewJson));
  }

  private static Resource script(String path, String code) {
    return resource(path, SCRIPTS, Map.of("resource.json", "{\"scope\":\"A\"}", "code.py", code));
  }

  private static Resource tags(String tagsJson) {
    return resource(ResourceMerger.TAGS_TYPE, ResourceMerger.TAGS_TYPE, Map.of(ResourceMerger.TAGS_FILE,
        tagsJson));
  }

  private static Resource logo(byte[] bytes) {
    return Resource.of(VIEW, VIEWS, Map.of("resource.json", normal(DESCRIPTOR).getBytes(StandardCharsets.UTF_8),
        "logo.png", bytes));
  }

  /** A resource as the codec stores it: JSON files in normal form, other files as given. */
  private static Resource resource(String path, String type, Map<String, ?> files) {
    Map<String, byte[]> bytes = new HashMap<>();
    files.forEach((name, content) -> bytes.put(name, content instanceof byte[] b ? b
        : name.endsWith(".json") ? normal((String) content).getBytes(StandardCharsets.UTF_8)
        : ((String) content).getBytes(StandardCharsets.UTF_8)));
    return Resource.of(path, type, bytes);
  }

  /** JSON in normal form; tag exports with their children sorted too, as the codec writes them. */
  private static String normal(String json) {
    JsonNode doc = NormalJson.parseOrNull(json.getBytes(StandardCharsets.UTF_8));
    return new String(NormalJson.pretty(NormalJson.sorted(sortTags(doc))), StandardCharsets.UTF_8);
  }

  private static JsonNode sortTags(JsonNode node) {
    if (node.isObject() && node.get("tags") instanceof com.fasterxml.jackson.databind.node.ArrayNode children) {
      List<JsonNode> sorted = new java.util.ArrayList<>();
      children.forEach(c -> sorted.add(sortTags(c)));
      sorted.sort(java.util.Comparator.comparing(c -> c.get("name").asText()));
      children.removeAll();
      children.addAll(sorted);
    }
    return node;
  }

  /** Asserts equal JSON content; the layout of merged files has its own test. */
  private static void assertSameJson(String expected, String actual) {
    assertEquals(NormalJson.parseOrNull(expected.getBytes(StandardCharsets.UTF_8)),
        NormalJson.parseOrNull(actual.getBytes(StandardCharsets.UTF_8)), actual);
  }

  private static String file(Resource resource, String name) {
    return new String(resource.files().get(name), StandardCharsets.UTF_8);
  }

  private static JsonNode json(Resource resource, String name) {
    return NormalJson.parseOrNull(resource.files().get(name));
  }

  private static Map<String, String> mapOf(String key, String value) {
    Map<String, String> map = new LinkedHashMap<>();
    map.put(key, value);
    return map;
  }
}
