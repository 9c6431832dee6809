package dev.stoker.documents.internal;

import dev.stoker.api.docs.Fact;
import dev.stoker.api.docs.FactSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Collects facts in order and gives each an id of its type's prefix and a running number ({@code c1},
 * {@code c2} ...). Values whose name says they are sensitive are never kept.
 */
final class FactsBuilder {
  private static final Pattern SENSITIVE = Pattern.compile(
      "(?i).*(password|passwd|secret|token|credential|private.?key|api.?key).*");
  static final String REDACTED = "[redacted]";
  private static final Map<String, String> PREFIX = Map.ofEntries(Map.entry("project", "p"),
      Map.entry("range", "r"), Map.entry("commit", "c"), Map.entry("change", "d"), Map.entry("release", "rel"),
      Map.entry("run", "run"), Map.entry("step", "s"), Map.entry("approval", "a"), Map.entry("deployment", "dep"),
      Map.entry("secret-rotation", "sec"), Map.entry("alert", "al"), Map.entry("audit-chain", "ac"),
      Map.entry("resource", "res"), Map.entry("dependency", "dp"), Map.entry("count", "n"), Map.entry("tag", "t"));
  private final List<Fact> facts = new ArrayList<>();
  private final Map<String, Integer> counters = new HashMap<>();
  private final Set<String> revisions = new LinkedHashSet<>();

  /**
   * @param type the fact type (one of the API's list)
   * @param subject what it is about
   * @param attributes name, value, name, value ... (null values are left out)
   * @return the new fact's id
   */
  String add(String type, String subject, String... attributes) {
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = 0; i + 1 < attributes.length; i += 2) {
      if (attributes[i + 1] != null) {
        values.put(attributes[i], sensitive(attributes[i]) ? REDACTED : clip(attributes[i + 1]));
      }
    }
    String prefix = PREFIX.getOrDefault(type, "f");
    String id = prefix + counters.merge(prefix, 1, Integer::sum);
    facts.add(new Fact(id, type, clip(subject), values));
    return id;
  }

  /** Records an input revision of the document. */
  void revision(String commit) {
    if (commit != null) {
      revisions.add(commit);
    }
  }

  int size() {
    return facts.size();
  }

  FactSet build() {
    List<Fact> list = List.copyOf(facts);
    List<String> revs = List.copyOf(revisions);
    return new FactSet(list, revs, Json.sha256(Json.write(Map.of("facts", list, "revisions", revs))));
  }

  static boolean sensitive(String name) {
    return SENSITIVE.matcher(name).matches();
  }

  static String clip(String value) {
    String v = value == null ? "" : value;
    return v.length() > 2000 ? v.substring(0, 2000) + "…" : v;
  }

  static String firstLine(String text) {
    if (text == null) {
      return "";
    }
    int nl = text.indexOf('\n');
    return (nl < 0 ? text : text.substring(0, nl)).strip();
  }

  static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
