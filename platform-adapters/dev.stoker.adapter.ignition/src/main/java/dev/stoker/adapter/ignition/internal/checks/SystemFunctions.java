package dev.stoker.adapter.ignition.internal.checks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The {@code system.*} functions each Ignition line has, read from {@code system-functions.txt} beside this
 * class: a name ({@code system.tag.readBlocking}) or a whole module ({@code system.vision.*}) and the first
 * line that has it. Immutable.
 */
final class SystemFunctions {

  static final String V81 = "8.1";
  static final String V83 = "8.3";

  private final Map<String, Set<String>> names = new HashMap<>();
  private final Map<String, Set<String>> wholeModules = new HashMap<>();
  private final Map<String, Set<String>> modules = new HashMap<>();

  private SystemFunctions() {
  }

  static SystemFunctions load() {
    SystemFunctions f = new SystemFunctions();
    try (InputStream in = SystemFunctions.class.getResourceAsStream("system-functions.txt")) {
      if (in == null) {
        throw new IllegalStateException("system-functions.txt missing from the bundle");
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        String s = line.strip();
        if (s.isEmpty() || s.startsWith("#")) {
          continue;
        }
        String[] parts = s.split("\\s+");
        String since = parts.length > 1 ? parts[1] : V81;
        for (String version : since.equals(V81) ? new String[] {V81, V83} : new String[] {since}) {
          f.add(version, parts[0]);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return f;
  }

  private void add(String version, String name) {
    if (name.endsWith(".*")) {
      String module = name.substring(0, name.length() - 2);
      wholeModules.computeIfAbsent(version, v -> new HashSet<>()).add(module);
      modules.computeIfAbsent(version, v -> new HashSet<>()).add(module);
      return;
    }
    names.computeIfAbsent(version, v -> new HashSet<>()).add(name);
    // Every dotted prefix is a module (system.perspective, system.perspective.workstation).
    for (int dot = name.lastIndexOf('.'); dot > "system".length(); dot = name.lastIndexOf('.', dot - 1)) {
      modules.computeIfAbsent(version, v -> new HashSet<>()).add(name.substring(0, dot));
    }
  }

  /** @return the line whose list applies: 8.1 for 8.1.x, else 8.3 (also for an unknown or absent version) */
  static String line(String platformVersion) {
    return platformVersion != null && (platformVersion.equals(V81) || platformVersion.startsWith(V81 + "."))
        ? V81 : V83;
  }

  /** How a reference such as {@code system.tag.readBlocking} stands against a line. */
  enum Verdict { KNOWN, UNKNOWN_FUNCTION, UNKNOWN_MODULE }

  /**
   * @param reference a dotted name starting with {@code system.}, as written (attribute chains included)
   * @param extra names or {@code module.*} patterns accepted besides the list
   */
  Verdict judge(String line, String reference, Collection<String> extra) {
    Set<String> known = names.getOrDefault(line, Set.of());
    Set<String> whole = wholeModules.getOrDefault(line, Set.of());
    Set<String> mods = modules.getOrDefault(line, Set.of());
    String[] parts = reference.split("\\.");
    StringBuilder prefix = new StringBuilder(parts[0]);
    for (int i = 1; i < parts.length; i++) {
      prefix.append('.').append(parts[i]);
      String p = prefix.toString();
      if (known.contains(p) || whole.contains(p) || extra.contains(p) || extra.contains(p + ".*")) {
        return Verdict.KNOWN;
      }
    }
    // A module itself (e.g. a variable bound to system.tag) is not a call of an unknown function.
    if (mods.contains(reference)) {
      return Verdict.KNOWN;
    }
    return parts.length >= 2 && mods.contains(parts[0] + "." + parts[1]) ? Verdict.UNKNOWN_FUNCTION
        : Verdict.UNKNOWN_MODULE;
  }
}
