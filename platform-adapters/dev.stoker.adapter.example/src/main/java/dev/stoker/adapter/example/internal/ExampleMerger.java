package dev.stoker.adapter.example.internal;

import dev.stoker.api.common.InvalidInputException;

import dev.stoker.api.platform.ResourceMerger;
import dev.stoker.api.repository.ChangeKind;
import dev.stoker.api.repository.MergeConflict;
import dev.stoker.api.repository.MergeOutcome;
import dev.stoker.api.repository.PropertyChange;
import dev.stoker.api.repository.Resource;
import dev.stoker.api.repository.ResourceDiff;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Diff and three-way merge of example resources, by top-level property of each JSON object file: a
 * property is {@code file#/key} (RFC 6901 escapes), values are compact JSON, and a file that is no JSON
 * object on some side is compared and merged whole ({@code file}, values as text). A side that did not
 * change yields to the other; a property changed differently on both sides is a conflict and the merged
 * resource holds our value. A resource deleted on one side and changed on the other conflicts on the empty
 * pointer. Stateless and thread-safe.
 */
final class ExampleMerger implements ResourceMerger {

  /** Stands for an absent property, distinct from JSON {@code null}. */
  private static final Object ABSENT = new Object();

  @Override
  public ResourceDiff diff(Resource from, Resource to) {
    if (from == null && to == null) {
      throw new InvalidInputException("diff: both sides are absent");
    }
    ChangeKind kind = from == null ? ChangeKind.ADDED : to == null ? ChangeKind.REMOVED
        : from.path().equals(to.path()) ? ChangeKind.MODIFIED : ChangeKind.RENAMED;
    List<PropertyChange> changes = new ArrayList<>();
    for (String file : names(from, to)) {
      byte[] a = file(from, file);
      byte[] b = file(to, file);
      if (Arrays.equals(a, b)) {
        continue;
      }
      Map<String, Object> x = object(a);
      Map<String, Object> y = object(b);
      if (x == null || y == null) {
        changes.add(new PropertyChange(file, text(a), text(b)));
        continue;
      }
      for (String key : keys(x, y)) {
        Object u = x.getOrDefault(key, ABSENT);
        Object v = y.getOrDefault(key, ABSENT);
        if (!Objects.equals(u, v)) {
          changes.add(new PropertyChange(file + "#/" + escape(key), show(u), show(v)));
        }
      }
    }
    return new ResourceDiff(to != null ? to.path() : from.path(), kind == ChangeKind.RENAMED ? from.path() : null,
        kind, changes, null);
  }

  @Override
  public MergeOutcome merge(Resource base, Resource ours, Resource theirs) {
    if (same(ours, theirs) || same(base, theirs)) {
      return new MergeOutcome(ours, List.of());
    }
    if (same(base, ours)) {
      return new MergeOutcome(theirs, List.of());
    }
    if (ours == null || theirs == null || !ours.path().equals(theirs.path())) {
      Resource present = ours != null ? ours : theirs;
      return new MergeOutcome(null, List.of(new MergeConflict(present.path(), "", base == null ? null : base.path(),
          ours == null ? null : ours.path(), theirs == null ? null : theirs.path())));
    }
    List<MergeConflict> conflicts = new ArrayList<>();
    SortedMap<String, byte[]> files = new TreeMap<>();
    for (String file : names(base, ours, theirs)) {
      byte[] merged = mergeFile(ours.path(), file, file(base, file), file(ours, file), file(theirs, file), conflicts);
      if (merged != null) {
        files.put(file, merged);
      }
    }
    return new MergeOutcome(new Resource(ours.path(), ours.type(), files), conflicts);
  }

  private static byte[] mergeFile(String path, String file, byte[] b, byte[] o, byte[] t, List<MergeConflict> out) {
    if (Arrays.equals(o, t) || Arrays.equals(b, t)) {
      return o;
    }
    if (Arrays.equals(b, o)) {
      return t;
    }
    Map<String, Object> base = b == null ? Map.of() : object(b);
    Map<String, Object> ours = object(o);
    Map<String, Object> theirs = object(t);
    if (base == null || ours == null || theirs == null) {
      out.add(new MergeConflict(path, file, text(b), text(o), text(t)));
      return o;
    }
    Map<String, Object> merged = new LinkedHashMap<>();
    for (String key : keys(base, ours, theirs)) {
      Object x = base.getOrDefault(key, ABSENT);
      Object y = ours.getOrDefault(key, ABSENT);
      Object z = theirs.getOrDefault(key, ABSENT);
      Object value = y;
      if (Objects.equals(x, y)) {
        value = z;
      } else if (!Objects.equals(x, z) && !Objects.equals(y, z)) {
        out.add(new MergeConflict(path, file + "#/" + escape(key), show(x), show(y), show(z)));
      }
      if (value != ABSENT) {
        merged.put(key, value);
      }
    }
    return Json.write(merged).getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public Resource resolve(Resource merged, Map<String, String> resolutions) {
    Objects.requireNonNull(merged, "merged");
    SortedMap<String, byte[]> files = new TreeMap<>(merged.files());
    for (Map.Entry<String, String> r : resolutions.entrySet()) {
      String pointer = r.getKey();
      if (pointer == null || pointer.isEmpty()) {
        throw new InvalidInputException("resolutions: the empty pointer stands for the whole resource; choose a "
            + "side instead");
      }
      int hash = pointer.indexOf('#');
      String file = hash < 0 ? pointer : pointer.substring(0, hash);
      if (file.isEmpty() || file.contains("/") || file.contains("\\") || file.equals(".") || file.equals("..")) {
        throw new InvalidInputException("resolutions: " + pointer + ": not a file of the resource");
      }
      String value = r.getValue();
      if (hash < 0) {
        if (value == null) {
          files.remove(file);
        } else {
          files.put(file, value.getBytes(StandardCharsets.UTF_8));
        }
        continue;
      }
      Map<String, Object> doc = files.containsKey(file) ? object(files.get(file)) : null;
      if (doc == null) {
        throw new InvalidInputException("resolutions: " + pointer + ": " + merged.path() + " has no JSON object "
            + "file " + file);
      }
      String key = pointer.substring(hash + 1);
      if (!key.startsWith("/") || key.indexOf('/', 1) >= 0) {
        throw new InvalidInputException("resolutions: " + pointer + ": not a top-level property (file#/key)");
      }
      key = unescape(key.substring(1));
      if (value == null) {
        doc.remove(key);
      } else {
        doc.put(key, Json.parse("resolutions: " + pointer, value));
      }
      files.put(file, Json.write(doc).getBytes(StandardCharsets.UTF_8));
    }
    return new Resource(merged.path(), merged.type(), files);
  }

  private static boolean same(Resource a, Resource b) {
    if (a == null || b == null) {
      return a == b;
    }
    return a.path().equals(b.path()) && a.type().equals(b.type()) && a.files().keySet().equals(b.files().keySet())
        && a.files().entrySet().stream().allMatch(e -> Arrays.equals(e.getValue(), b.files().get(e.getKey())));
  }

  private static byte[] file(Resource r, String name) {
    return r == null ? null : r.files().get(name);
  }

  private static SortedSet<String> names(Resource... sides) {
    SortedSet<String> names = new TreeSet<>();
    for (Resource r : sides) {
      if (r != null) {
        names.addAll(r.files().keySet());
      }
    }
    return names;
  }

  @SafeVarargs
  private static SortedSet<String> keys(Map<String, Object>... sides) {
    SortedSet<String> keys = new TreeSet<>();
    for (Map<String, Object> m : sides) {
      keys.addAll(m.keySet());
    }
    return keys;
  }

  /** @return the file as a mutable JSON object, or {@code null} when absent or not one */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> object(byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    try {
      Object doc = Json.parse("file", new String(bytes, StandardCharsets.UTF_8));
      return doc instanceof Map ? new LinkedHashMap<>((Map<String, Object>) doc) : null;
    } catch (IllegalArgumentException notJson) {
      return null;
    }
  }

  private static String show(Object value) {
    return value == ABSENT ? null : Json.compact(value);
  }

  private static String text(byte[] bytes) {
    return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
  }

  private static String escape(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }

  private static String unescape(String token) {
    return token.replace("~1", "/").replace("~0", "~");
  }
}
