package dev.stoker.adapter.tck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.stoker.api.repository.Resource;
import dev.stoker.api.repository.ResourceTree;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Content equality of {@link ResourceTree}s and {@link Resource}s. Their records hold byte arrays, whose
 * {@code equals} is identity, so contracts compare them here, byte for byte, with readable failures.
 */
public final class TreeAssertions {

  private TreeAssertions() {
  }

  /** Asserts equal manifest, tags and resources. */
  public static void assertTreeEquals(ResourceTree expected, ResourceTree actual) {
    assertNotNull(actual, "tree");
    assertBytes("manifest", expected.manifest(), actual.manifest());
    assertBytes("tags", expected.tags(), actual.tags());
    assertEquals(expected.resources().keySet(), actual.resources().keySet(), "resource paths");
    for (Map.Entry<String, Resource> e : expected.resources().entrySet()) {
      assertResourceEquals(e.getValue(), actual.resources().get(e.getKey()));
    }
  }

  /** Asserts equal path, type and files; {@code null} stands for an absent resource. */
  public static void assertResourceEquals(Resource expected, Resource actual) {
    if (expected == null || actual == null) {
      assertEquals(expected, actual, "resource");
      return;
    }
    assertEquals(expected.path(), actual.path(), "resource path");
    assertEquals(expected.type(), actual.type(), () -> "type of " + expected.path());
    assertEquals(expected.files().keySet(), actual.files().keySet(), () -> "files of " + expected.path());
    expected.files().forEach((name, bytes) -> assertBytes(expected.path() + "/" + name, bytes,
        actual.files().get(name)));
  }

  /** @return whether two resources have equal content */
  public static boolean sameContent(Resource a, Resource b) {
    if (a == null || b == null) {
      return a == b;
    }
    if (!a.path().equals(b.path()) || !a.type().equals(b.type()) || !a.files().keySet().equals(b.files().keySet())) {
      return false;
    }
    return a.files().entrySet().stream().allMatch(e -> java.util.Arrays.equals(e.getValue(), b.files().get(e.getKey())));
  }

  /** @return whether a diff shows no change at all */
  public static boolean noChange(dev.stoker.api.repository.ResourceDiff diff) {
    return diff.properties().isEmpty() && (diff.textDiff() == null || diff.textDiff().isEmpty());
  }

  /** @return a copy sharing no arrays with {@code r}, so that identity never stands in for equality */
  public static Resource copy(Resource r) {
    if (r == null) {
      return null;
    }
    java.util.SortedMap<String, byte[]> files = new java.util.TreeMap<>();
    r.files().forEach((name, bytes) -> files.put(name, bytes.clone()));
    return new Resource(r.path(), r.type(), files);
  }

  private static void assertBytes(String what, byte[] expected, byte[] actual) {
    if (expected == null || actual == null) {
      assertEquals(expected == null, actual == null, () -> what + ": one side is absent");
      return;
    }
    if (!java.util.Arrays.equals(expected, actual)) {
      // Text shows the difference; binary falls back to the array comparison.
      assertEquals(new String(expected, StandardCharsets.UTF_8), new String(actual, StandardCharsets.UTF_8), what);
      assertArrayEquals(expected, actual, what);
    }
  }
}
