package dev.stoker.adapter.tck;

import static dev.stoker.adapter.tck.InvalidInputAssertions.assertInvalidInput;
import static dev.stoker.adapter.tck.TreeAssertions.assertResourceEquals;
import static dev.stoker.adapter.tck.TreeAssertions.copy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stoker.api.platform.Capability;
import dev.stoker.api.platform.ResourceMerger;
import dev.stoker.api.repository.ChangeKind;
import dev.stoker.api.repository.MergeConflict;
import dev.stoker.api.repository.MergeOutcome;
import dev.stoker.api.repository.Resource;
import dev.stoker.api.repository.ResourceDiff;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The resource merger contract: equal resources diff empty and a change is seen; in a three-way merge a side
 * that did not change yields to the other, equal changes merge cleanly, and changes of the same part to
 * different values are reported as conflicts that name the resource; resolving every conflict with their
 * value gives their resource; the empty pointer and a pointer into a missing file are refused.
 *
 * <p>Every call gets fresh copies of the fixtures, so that identity never stands in for equality.
 *
 * <p>Skipped unless the adapter declares {@link Capability#SEMANTIC_MERGE}. Fixtures: {@link #adapter()},
 * {@link #mergeBase()}, {@link #mergeOurs()} and {@link #mergeTheirs()}.
 */
public abstract class ResourceMergerContract extends AdapterContract {

  /** @return a resource of the platform, as its codec decodes it: the common ancestor */
  protected abstract Resource mergeBase();

  /** @return the base (same path and type) with one part changed */
  protected abstract Resource mergeOurs();

  /**
   * @return the base with the same part as {@link #mergeOurs()} changed to another value, and nothing else
   *     changed, so that the two conflict and resolving with their values gives this resource
   */
  protected abstract Resource mergeTheirs();

  @BeforeEach
  void requireMerger() {
    assumeCapability(Capability.SEMANTIC_MERGE);
  }

  @Test
  void equalResourcesDiffEmpty() {
    for (Resource r : new Resource[] {base(), ours(), theirs()}) {
      ResourceDiff diff = merger().diff(copy(r), copy(r));
      assertNotNull(diff, "diff");
      assertTrue(TreeAssertions.noChange(diff), () -> "equal resources differ: " + diff);
    }
  }

  @Test
  void aChangeIsSeen() {
    ResourceDiff diff = merger().diff(base(), ours());
    assertEquals(ours().path(), diff.path());
    assertEquals(ChangeKind.MODIFIED, diff.kind());
    assertNull(diff.oldPath(), "oldPath is for renames");
    assertFalse(TreeAssertions.noChange(diff), "the diff of base and ours shows no change");
  }

  @Test
  void additionsAndRemovalsAreNamed() {
    ResourceDiff added = merger().diff(null, base());
    assertEquals(ChangeKind.ADDED, added.kind());
    assertEquals(base().path(), added.path());
    ResourceDiff removed = merger().diff(base(), null);
    assertEquals(ChangeKind.REMOVED, removed.kind());
    assertEquals(base().path(), removed.path());
  }

  @Test
  void anUnchangedSideYieldsToTheOther() {
    assertCleanMerge(ours(), merger().merge(base(), ours(), base()));
    assertCleanMerge(theirs(), merger().merge(base(), base(), theirs()));
  }

  @Test
  void equalChangesMergeCleanly() {
    assertCleanMerge(ours(), merger().merge(base(), ours(), ours()));
    assertCleanMerge(base(), merger().merge(base(), base(), base()));
  }

  @Test
  void differentChangesOfOnePartConflict() {
    MergeOutcome outcome = merger().merge(base(), ours(), theirs());
    assertNotNull(outcome, "merge");
    assertFalse(outcome.clean(), "ours and theirs change the same part differently, yet the merge is clean");
    for (MergeConflict c : outcome.conflicts()) {
      assertEquals(base().path(), c.path(), () -> "conflict " + c);
      assertNotNull(c.pointer(), () -> "pointer of " + c);
    }
    assertTrue(outcome.conflicts().stream().anyMatch(c -> !java.util.Objects.equals(c.ours(), c.theirs())),
        () -> "no conflict shows two different values: " + outcome.conflicts());
  }

  @Test
  void resolvingWithTheirValuesGivesTheirs() {
    MergeOutcome outcome = merger().merge(base(), ours(), theirs());
    assertFalse(outcome.clean(), "the fixtures must conflict");
    assertNotNull(outcome.merged(), "a conflict inside the resource keeps a merged resource to resolve");
    Map<String, String> resolutions = new HashMap<>();
    for (MergeConflict c : outcome.conflicts()) {
      assertFalse(c.pointer().isEmpty(), "the fixtures conflict on a part, not on the whole resource");
      resolutions.put(c.pointer(), c.theirs());
    }
    Resource resolved = merger().resolve(outcome.merged(), resolutions);
    assertNotNull(resolved, "resolve");
    ResourceDiff left = merger().diff(theirs(), resolved);
    assertTrue(TreeAssertions.noChange(left), () -> "after choosing their values, the resolved resource still differs from theirs: " + left);
  }

  @Test
  void aPointerIntoAMissingFileIsRefusedNamingIt() {
    MergeOutcome outcome = merger().merge(base(), ours(), theirs());
    // A whole-file pointer may add a file, so the unknown pointer is a property of a file that is not there.
    String pointer = "tck-no-such-file.json#/tck/property";
    IllegalArgumentException e = assertInvalidInput(null,
        () -> merger().resolve(outcome.merged(), Map.of(pointer, "\"x\"")));
    assertTrue(e.getMessage().contains(pointer), () -> "the message does not name the pointer: " + e.getMessage());
  }

  @Test
  void theEmptyPointerIsRefused() {
    MergeOutcome outcome = merger().merge(base(), ours(), theirs());
    assertInvalidInput(null, () -> merger().resolve(outcome.merged(), Map.of("", "\"x\"")));
  }

  private void assertCleanMerge(Resource expected, MergeOutcome outcome) {
    assertNotNull(outcome, "merge");
    assertTrue(outcome.clean(), () -> "unexpected conflicts: " + outcome.conflicts());
    assertResourceEquals(expected, outcome.merged());
  }

  private ResourceMerger merger() {
    ResourceMerger merger = adapter().merger();
    assertNotNull(merger, "merger()");
    return merger;
  }

  private Resource base() {
    return fixture("mergeBase()", mergeBase());
  }

  private Resource ours() {
    return fixture("mergeOurs()", mergeOurs());
  }

  private Resource theirs() {
    return fixture("mergeTheirs()", mergeTheirs());
  }

  private static Resource fixture(String what, Resource r) {
    assertNotNull(r, what);
    return copy(r);
  }
}
