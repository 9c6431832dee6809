package dev.stoker.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stoker.api.common.PageRequest;
import dev.stoker.api.repository.ChangeKind;
import dev.stoker.api.repository.PropertyChange;
import dev.stoker.api.repository.ResourceDiff;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pages of a diff of thousands of resources: filters, totals per kind and runtime-only, bad parameters. */
class DiffPagesTest {
  private static final String VIEWS = "com.inductiveautomation.perspective/views/";
  private static final PropertyChange TEXT = new PropertyChange("view.json#/root/props/text", "\"a\"", "\"b\"");
  private static final PropertyChange RUNTIME = new PropertyChange("view.json#/custom/at", "{}", "{}");

  /** 5,000 views: every 10th added, every 4th (not added) changed in runtime values only, the rest modified. */
  private static List<ResourceDiff> diff() {
    List<ResourceDiff> all = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      String path = VIEWS + "Area" + (i % 5) + "/View" + i;
      if (i % 10 == 0) {
        all.add(new ResourceDiff(path, null, ChangeKind.ADDED, List.of(), null));
      } else if (i % 4 == 0) {
        all.add(new ResourceDiff(path, null, ChangeKind.MODIFIED, List.of(), null, List.of(RUNTIME)));
      } else {
        all.add(new ResourceDiff(path, null, ChangeKind.MODIFIED, List.of(TEXT), null, List.of(RUNTIME)));
      }
    }
    return all;
  }

  @Test
  void aPageHoldsItsSliceAndTheTotals() {
    ProjectResource.Diff page = DiffPages.page("a", "b", diff(), null, null, DiffPages.Runtime.INCLUDE,
        new PageRequest(4950, 100));
    assertEquals(50, page.changes().size());
    assertEquals(5000, page.total());
    assertEquals(500L, page.kinds().get(ChangeKind.ADDED));
    assertEquals(4500L, page.kinds().get(ChangeKind.MODIFIED));
    assertEquals(0L, page.kinds().get(ChangeKind.REMOVED));
    assertEquals(1000, page.runtimeOnly());
    assertEquals(0, DiffPages.page("a", "b", diff(), null, null, DiffPages.Runtime.INCLUDE,
        new PageRequest(6000, 10)).changes().size(), "past the end: an empty page");
  }

  @Test
  void filtersByFolderKindAndRuntimeValues() {
    ProjectResource.Diff area1 = DiffPages.page("a", "b", diff(), VIEWS + "Area1/", ChangeKind.MODIFIED,
        DiffPages.Runtime.EXCLUDE, new PageRequest(0, 500));
    assertEquals(750, area1.total(), "1,000 views in Area1 (i % 5 == 1): none added, 250 runtime-only (i % 20 == 16)");
    assertTrue(area1.changes().stream().allMatch(d -> d.path().startsWith(VIEWS + "Area1/")
        && !d.runtimeOnly()));
    assertEquals(250, area1.runtimeOnly());
    ProjectResource.Diff only = DiffPages.page("a", "b", diff(), null, null, DiffPages.Runtime.ONLY,
        new PageRequest(0, 10));
    assertEquals(1000, only.total());
    assertTrue(only.changes().stream().allMatch(ResourceDiff::runtimeOnly));
    assertEquals(0, DiffPages.page("a", "b", diff(), VIEWS + "Area", null, DiffPages.Runtime.INCLUDE,
        new PageRequest(0, 10)).total(), "a folder is a whole path segment, not a prefix of names");
  }

  @Test
  void badFiltersNameTheirField() {
    assertEquals(400, assertThrows(ProblemException.class, () -> DiffPages.kind("CHANGED")).getResponse().getStatus());
    assertTrue(assertThrows(ProblemException.class, () -> DiffPages.kind("CHANGED")).getMessage().startsWith("kind: "));
    assertTrue(assertThrows(ProblemException.class, () -> DiffPages.runtime("sometimes")).getMessage()
        .startsWith("runtime: "));
    assertEquals(ChangeKind.RENAMED, DiffPages.kind("renamed"));
  }
}
