package dev.stoker.documents.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stoker.api.repository.Resource;
import dev.stoker.api.repository.ResourceTree;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The inventory of a revision (views, scripts, named queries, tags, UDTs) and the dependencies Stoker can see
 * in the files: views embedding views, scripts calling named queries.
 */
final class ManualFacts {
  private static final Pattern EMBEDDED_VIEW = Pattern.compile("\"path\"\\s*:\\s*\"([^\"]+)\"");
  private static final Pattern NAMED_QUERY = Pattern.compile("runNamedQuery\\(\\s*(?:[\"'][^\"']*[\"']\\s*,\\s*)?"
      + "[\"']([^\"']+)[\"']");
  private static final int MAX_TAGS = 2000;

  private ManualFacts() {
  }

  static void inventory(FactsBuilder facts, ResourceTree tree) {
    Map<String, Integer> perType = new TreeMap<>();
    Map<String, String> viewsByName = new TreeMap<>();
    Map<String, String> queriesByName = new TreeMap<>();
    for (Resource r : tree.resources().values()) {
      String category = category(r.type());
      perType.merge(category, 1, Integer::sum);
      facts.add("resource", r.path(), "path", r.path(), "type", r.type(), "category", category, "files",
          String.join(", ", r.files().keySet()));
      String name = name(r.path());
      if (category.equals("view")) {
        viewsByName.put(name, r.path());
      } else if (category.equals("named-query")) {
        queriesByName.put(name, r.path());
      }
    }
    for (Resource r : tree.resources().values()) {
      String category = category(r.type());
      for (byte[] file : r.files().values()) {
        String text = new String(file, StandardCharsets.UTF_8);
        if (category.equals("view")) {
          links(facts, r.path(), EMBEDDED_VIEW.matcher(text), viewsByName, "embeds");
        } else if (category.equals("script")) {
          links(facts, r.path(), NAMED_QUERY.matcher(text), queriesByName, "calls");
        }
      }
    }
    int[] tagCounts = tags(facts, tree.tags());
    facts.add("count", "inventory", "views", count(perType, "view"), "scripts", count(perType, "script"),
        "namedQueries", count(perType, "named-query"), "otherResources", String.valueOf(
            perType.entrySet().stream().filter(e -> !Map.of("view", 1, "script", 1, "named-query", 1)
                .containsKey(e.getKey())).mapToInt(Map.Entry::getValue).sum()),
        "tags", String.valueOf(tagCounts[0]), "udts", String.valueOf(tagCounts[1]));
  }

  private static void links(FactsBuilder facts, String from, Matcher m, Map<String, String> targets,
      String relation) {
    TreeSet<String> found = new TreeSet<>();
    while (m.find()) {
      String target = targets.get(m.group(1));
      if (target != null && !target.equals(from)) {
        found.add(target);
      }
    }
    for (String target : found) {
      facts.add("dependency", from, "from", from, "to", target, "relation", relation);
    }
  }

  /** Adds the UDT definitions; @return tag count and UDT definition count */
  private static int[] tags(FactsBuilder facts, byte[] tags) {
    int[] counts = new int[2];
    if (tags == null || tags.length == 0) {
      return counts;
    }
    try {
      walk(facts, Json.MAPPER.readTree(tags), "", counts);
    } catch (java.io.IOException e) {
      facts.add("tag", "tags", "problem", "tags are not readable JSON");
    }
    return counts;
  }

  private static void walk(FactsBuilder facts, JsonNode node, String folder, int[] counts) {
    JsonNode children = node.path("tags");
    for (JsonNode tag : children) {
      String name = tag.path("name").asText("");
      String type = tag.path("tagType").asText("");
      String path = folder.isEmpty() ? name : folder + "/" + name;
      if (type.equals("UdtType")) {
        counts[1]++;
        facts.add("tag", path, "path", path, "tagType", type);
      } else if (!type.equals("Folder") && !type.equals("Provider")) {
        counts[0]++;
        if (counts[0] <= MAX_TAGS && type.equals("UdtInstance")) {
          facts.add("tag", path, "path", path, "tagType", type, "udt", tag.path("typeId").asText(null));
        }
      }
      if (tag.has("tags") && !type.equals("UdtType")) {
        walk(facts, tag, path, counts);
      }
    }
  }

  static String category(String type) {
    String t = FactsBuilder.lower(type);
    if (t.endsWith("/views")) {
      return "view";
    }
    if (t.contains("script-python")) {
      return "script";
    }
    if (t.contains("named-quer")) {
      return "named-query";
    }
    return t;
  }

  /** {@code com.inductiveautomation.perspective/views/Main/Sub} → {@code Main/Sub}. */
  static String name(String path) {
    String[] s = path.split("/", 3);
    return s.length < 3 ? path : s[2];
  }

  private static String count(Map<String, Integer> perType, String category) {
    return String.valueOf(perType.getOrDefault(category, 0));
  }
}
