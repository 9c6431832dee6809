package dev.stoker.testing;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.osgi.util.converter.Converters;

/**
 * Typed configurations for unit tests, built the way Declarative Services builds them: the given
 * properties over the defaults of the {@code @interface}, through the OSGi Converter. Tests use this
 * instead of restating defaults, so the {@code @interface} stays the one place that holds them.
 *
 * <p>{@link #assertEtcFileMatches} keeps a shipped {@code etc/<pid>.cfg} of the distribution true to its
 * {@code @interface}.
 */
public final class OsgiConfigs {
  /** A commented-out setting: {@code # key = value}. Prose never starts with a bare word and {@code =}. */
  private static final Pattern COMMENTED = Pattern.compile("^#\\s?([A-Za-z][A-Za-z0-9_.-]*\\s*=.*)$");
  private static final Pattern SETTING = Pattern.compile("^([A-Za-z][A-Za-z0-9_.-]*)\\s*=.*$");

  private OsgiConfigs() {
  }

  /** @return {@code type} with {@code properties} set and the defaults of the annotation for the rest */
  public static <T> T of(Class<T> type, Map<String, ?> properties) {
    return Converters.standardConverter().convert(properties).to(type);
  }

  /** @return {@code type} with the defaults of the annotation */
  public static <T> T defaults(Class<T> type) {
    return of(type, Map.of());
  }

  /**
   * The distribution's {@code karaf-assembly/src/main/resources/etc/<fileName>}, seen from a module two
   * folders below the project root ({@code bundles/x}, {@code platform-adapters/x}).
   */
  public static Path etcFile(String fileName) {
    return Path.of("..", "..", "karaf-assembly", "src", "main", "resources", "etc", fileName);
  }

  /**
   * Checks a shipped configuration file against its {@code @interface}: every key in it (set, or
   * commented out as {@code # key = value}) is an attribute; a commented-out key shows the attribute's
   * default exactly as uncommenting it would set it; and every attribute is in the file.
   *
   * @throws AssertionError naming every mismatch
   */
  public static void assertEtcFileMatches(Class<?> type, String fileName) {
    Path file = etcFile(fileName);
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file.toAbsolutePath(), e);
    }
    Map<String, Method> attributes = attributes(type);
    List<String> problems = new ArrayList<>();
    TreeSet<String> seen = new TreeSet<>();
    for (String line : lines) {
      Matcher commented = COMMENTED.matcher(line);
      Matcher set = SETTING.matcher(line);
      String entry = commented.matches() ? commented.group(1) : set.matches() ? line : null;
      if (entry == null) {
        continue;
      }
      Properties p = load(entry);
      String key = p.stringPropertyNames().iterator().next();
      seen.add(key);
      Method attribute = attributes.get(key);
      if (attribute == null) {
        problems.add(key + ": no such attribute in " + type.getSimpleName() + " (line: " + line + ")");
      } else if (commented.matches()) {
        String expected = text(attribute.getDefaultValue());
        if (expected == null) {
          problems.add(key + ": has no default, so it must not be shown commented out as one");
        } else if (!expected.equals(normalised(p.getProperty(key), attribute))) {
          problems.add(key + ": the comment says '" + p.getProperty(key) + "', the default is '" + expected + "'");
        }
      }
    }
    for (String key : attributes.keySet()) {
      if (!seen.contains(key)) {
        problems.add(key + ": attribute of " + type.getSimpleName() + " missing from the file");
      }
    }
    if (!problems.isEmpty()) {
      throw new AssertionError(file + " does not match " + type.getName() + ":\n  "
          + String.join("\n  ", problems));
    }
  }

  private static Properties load(String entry) {
    Properties p = new Properties();
    try {
      p.load(new StringReader(entry));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }

  /** Attribute name → method, with the DS name mapping ({@code store_target} is {@code store.target}). */
  private static Map<String, Method> attributes(Class<?> type) {
    Map<String, Method> out = new LinkedHashMap<>();
    for (Method m : type.getDeclaredMethods()) {
      if (m.getParameterCount() == 0 && !m.isSynthetic()) {
        out.put(propertyName(m.getName()), m);
      }
    }
    return out;
  }

  static String propertyName(String method) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < method.length(); i++) {
      char c = method.charAt(i);
      if (c == '_') {
        if (i + 1 < method.length() && method.charAt(i + 1) == '_') {
          b.append('_');
          i++;
        } else {
          b.append('.');
        }
      } else if (c == '$') {
        if (method.startsWith("$_$", i)) {
          b.append('-');
          i += 2;
        } else if (i + 1 < method.length() && method.charAt(i + 1) == '$') {
          b.append('$');
          i++;
        }
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  private static String text(Object value) {
    if (value == null || !value.getClass().isArray()) {
      return value == null ? null : String.valueOf(value);
    }
    List<String> items = new ArrayList<>();
    for (int i = 0; i < Array.getLength(value); i++) {
      items.add(String.valueOf(Array.get(value, i)));
    }
    return String.join(",", items);
  }

  /** Lists may be written with spaces after the commas. */
  private static String normalised(String value, Method attribute) {
    if (!attribute.getReturnType().isArray()) {
      return value;
    }
    return Arrays.stream(value.split(",")).map(String::strip).collect(Collectors.joining(","));
  }
}
