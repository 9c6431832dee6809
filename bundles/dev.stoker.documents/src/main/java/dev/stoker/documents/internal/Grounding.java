package dev.stoker.documents.internal;

import dev.stoker.api.docs.Fact;
import dev.stoker.api.docs.FactSet;
import dev.stoker.api.docs.Finding;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a text against its facts: every citation, time, resource path, revision, person and number in the text
 * must be in the facts; anything else is a finding. The same extractors run over the facts' own values, so a
 * text that only quotes facts is grounded by construction; revisions may be abbreviated (7+ characters) and a
 * path may name a folder of a path in the facts.
 */
final class Grounding {
  private static final Pattern CITATION = Pattern.compile("\\[([a-z]+\\d+)\\]");
  private static final Pattern TIME = Pattern.compile("\\b\\d{4}-\\d{2}-\\d{2}(?:[T ]\\d{2}:\\d{2}(?::\\d{2}"
      + "(?:\\.\\d+)?)?Z?)?");
  private static final Pattern PATH = Pattern.compile("[A-Za-z0-9_.\\-#]+(?:/[A-Za-z0-9_.\\-#]+)+");
  private static final Pattern REVISION = Pattern.compile("\\b(?=[0-9a-f]*[a-f])(?=[0-9a-f]*[0-9])[0-9a-f]{7,40}\\b");
  private static final Pattern PERSON = Pattern.compile("(?i)\\b(?:by|author|approver|reviewer|signer|"
      + "approved by|signed by)[:\\s]+@?([A-Za-z][\\w.\\-]*)");
  private static final Pattern NUMBER = Pattern.compile("(?<![\\w.#/\\-])\\d+(?:[.,]\\d+)*(?![\\w/])");
  private static final Pattern LIST_MARKER = Pattern.compile("(?m)^\\s*\\d+\\.(?=\\s)");
  private static final Set<String> NOT_PEOPLE = Set.of("the", "a", "an", "this", "that", "its", "their", "all",
      "each", "default", "stoker", "pipeline", "system", "design", "hand", "which", "whom", "then", "now", "way");
  private static final Set<String> PERSON_KEYS = Set.of("author", "user", "startedBy", "createdBy",
      "deployedBy", "approvedBy", "by", "signer");

  private final Set<String> times = new HashSet<>();
  private final Set<String> paths = new HashSet<>();
  private final Set<String> revisions = new HashSet<>();
  private final Set<String> people = new HashSet<>();
  private final Set<String> numbers = new HashSet<>();
  private final Set<String> ids = new HashSet<>();
  private final StringBuilder corpus = new StringBuilder();

  Grounding(FactSet facts) {
    for (Fact f : facts.facts()) {
      ids.add(f.id());
      corpus.append(f.subject()).append('\n');
      f.attributes().forEach((k, v) -> {
        corpus.append(v).append('\n');
        if (PERSON_KEYS.contains(k)) {
          for (String p : v.split(",\\s*")) {
            people.add(p.toLowerCase(Locale.ROOT));
          }
        }
      });
    }
    revisions.addAll(facts.revisions());
    String text = corpus.toString();
    StringBuilder rest = new StringBuilder(text);
    take(rest, TIME, 0, times);
    take(rest, PATH, 0, paths);
    take(rest, REVISION, 0, revisions);
    Set<String> named = new HashSet<>();
    take(rest, PERSON, 1, named);
    named.forEach(p -> people.add(p.toLowerCase(Locale.ROOT)));
    take(rest, NUMBER, 0, numbers);
  }

  /**
   * @param text the document's text
   * @param previous the findings before, whose accepted state carries over to the same finding
   * @return the findings, in order of first appearance
   */
  List<Finding> check(String text, List<Finding> previous) {
    Map<String, Finding> before = new LinkedHashMap<>();
    previous.forEach(f -> before.put(f.id(), f));
    Map<String, Finding> found = new LinkedHashMap<>();
    StringBuilder rest = new StringBuilder(LIST_MARKER.matcher(text).replaceAll(m -> " ".repeat(m.group().length())));
    scan(rest, CITATION, 1, "citation", ids::contains, found, before);
    scan(rest, TIME, 0, "number", t -> corpus.indexOf(t) >= 0, found, before);
    scan(rest, PATH, 0, "path", this::knownPath, found, before);
    scan(rest, REVISION, 0, "revision", this::knownRevision, found, before);
    scan(rest, PERSON, 1, "person", p -> people.contains(p.toLowerCase(Locale.ROOT))
        || NOT_PEOPLE.contains(p.toLowerCase(Locale.ROOT)), found, before);
    scan(rest, NUMBER, 0, "number", numbers::contains, found, before);
    return new ArrayList<>(found.values());
  }

  private boolean knownPath(String path) {
    String p = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    if (paths.contains(p)) {
      return true;
    }
    for (String known : paths) {
      if (known.startsWith(p + "/")) {
        return true;
      }
    }
    return false;
  }

  private boolean knownRevision(String rev) {
    for (String known : revisions) {
      if (known.startsWith(rev)) {
        return true;
      }
    }
    return false;
  }

  private static void scan(StringBuilder rest, Pattern pattern, int group, String kind,
      java.util.function.Predicate<String> known, Map<String, Finding> found, Map<String, Finding> before) {
    Matcher m = pattern.matcher(rest);
    List<int[]> spans = new ArrayList<>();
    while (m.find()) {
      String token = m.group(group);
      spans.add(new int[] {m.start(), m.end()});
      if (!known.test(token)) {
        String id = "g" + Json.sha256(kind + "\0" + token).substring(0, 10);
        if (!found.containsKey(id)) {
          Finding old = before.get(id);
          int line = 1 + (int) rest.substring(0, m.start()).chars().filter(c -> c == '\n').count();
          found.put(id, old != null && !old.open()
              ? new Finding(id, kind, token, line, Finding.ACCEPTED, old.acceptedBy(), old.note())
              : new Finding(id, kind, token, line, Finding.OPEN, null, null));
        }
      }
    }
    blank(rest, spans);
  }

  private static void take(StringBuilder rest, Pattern pattern, int group, Set<String> into) {
    Matcher m = pattern.matcher(rest);
    List<int[]> spans = new ArrayList<>();
    while (m.find()) {
      into.add(m.group(group));
      spans.add(new int[] {m.start(), m.end()});
    }
    blank(rest, spans);
  }

  /** Blanks what one extractor took so the next does not see it again (lines keep their numbers). */
  private static void blank(StringBuilder rest, List<int[]> spans) {
    for (int[] s : spans) {
      for (int i = s[0]; i < s[1]; i++) {
        if (rest.charAt(i) != '\n') {
          rest.setCharAt(i, ' ');
        }
      }
    }
  }
}
