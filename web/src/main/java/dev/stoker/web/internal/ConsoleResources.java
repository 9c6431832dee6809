package dev.stoker.web.internal;

import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Maps a request path under {@code /console} to what the servlet answers: a file of the built
 * console, the SPA's {@code index.html} (so that deep links such as {@code /console/users} survive a
 * reload), a redirect, or not-found. Pure logic, so it is tested without a container. The API explorer
 * ({@code /api/docs}) uses the same rules on its own folder, without the SPA fallback (rule 5).
 *
 * <p>The rules, in order:
 * <ol>
 * <li>no path at all ({@code /console}) redirects to {@code /console/};</li>
 * <li>a path with an empty, {@code .} or {@code ..} segment after the first, a backslash or a control
 * character is refused (not found): nothing outside the bundle's console folder can be reached;</li>
 * <li>an existing file is served;</li>
 * <li>a missing path under {@code assets/}, or whose name ends in a known static-file extension, is
 * not found (a stale hashed asset must not turn into HTML);</li>
 * <li>anything else is a route of the SPA and gets {@code index.html}; this includes names with a
 * dot that is no file extension we serve, such as {@code /console/users/jane.doe}.</li>
 * </ol>
 */
final class ConsoleResources {
  /** Folder of the bundle that holds the built console. */
  static final String ROOT = "console-static/";
  static final String INDEX = "index.html";

  static final String CACHE_IMMUTABLE = "public, max-age=31536000, immutable";
  static final String CACHE_REVALIDATE = "no-cache";
  static final String CACHE_SHORT = "public, max-age=3600";

  private static final Map<String, String> TYPES = Map.ofEntries(
      Map.entry("html", "text/html; charset=utf-8"),
      Map.entry("js", "text/javascript; charset=utf-8"),
      Map.entry("mjs", "text/javascript; charset=utf-8"),
      Map.entry("css", "text/css; charset=utf-8"),
      Map.entry("json", "application/json"),
      Map.entry("map", "application/json"),
      Map.entry("webmanifest", "application/manifest+json"),
      Map.entry("txt", "text/plain; charset=utf-8"),
      Map.entry("svg", "image/svg+xml"),
      Map.entry("png", "image/png"),
      Map.entry("jpg", "image/jpeg"),
      Map.entry("jpeg", "image/jpeg"),
      Map.entry("gif", "image/gif"),
      Map.entry("webp", "image/webp"),
      Map.entry("avif", "image/avif"),
      Map.entry("ico", "image/x-icon"),
      Map.entry("woff", "font/woff"),
      Map.entry("woff2", "font/woff2"),
      Map.entry("ttf", "font/ttf"),
      Map.entry("otf", "font/otf"),
      Map.entry("wasm", "application/wasm"));

  /** What to answer. */
  enum Kind { FILE, REDIRECT, NOT_FOUND }

  /**
   * @param kind what to answer
   * @param entry for {@link Kind#FILE}, the bundle entry path (below {@link #ROOT}'s parent)
   * @param contentType for files
   * @param cacheControl for files
   */
  record Resolution(Kind kind, String entry, String contentType, String cacheControl) {
    static final Resolution REDIRECT = new Resolution(Kind.REDIRECT, null, null, null);
    static final Resolution NOT_FOUND = new Resolution(Kind.NOT_FOUND, null, null, null);

    boolean isIndex() {
      return kind == Kind.FILE && entry.endsWith("/" + INDEX);
    }
  }

  private final Predicate<String> exists;
  private final String root;
  private final boolean spa;

  /** @param exists whether the bundle holds a file at an entry path such as {@code console-static/index.html} */
  ConsoleResources(Predicate<String> exists) {
    this(exists, ROOT, true);
  }

  /**
   * @param root the bundle folder served, ending in {@code /}
   * @param spa whether a path that is no file is a route of a single-page application (answered with
   *     {@code index.html}); otherwise it is not found
   */
  ConsoleResources(Predicate<String> exists, String root, boolean spa) {
    this.exists = exists;
    this.root = root;
    this.spa = spa;
  }

  /**
   * @param pathInfo the servlet's path info: {@code null} for {@code /console}, {@code /} for
   *        {@code /console/}, {@code /assets/x.js} for {@code /console/assets/x.js}
   */
  Resolution resolve(String pathInfo) {
    if (pathInfo == null) {
      return Resolution.REDIRECT;
    }
    String relative = normalise(pathInfo);
    if (relative == null) {
      return Resolution.NOT_FOUND;
    }
    if (relative.isEmpty() || relative.endsWith("/") && !relative.startsWith("assets/")) {
      return index();
    }
    String name = relative.substring(relative.lastIndexOf('/') + 1);
    String extension = extension(name);
    if (!name.isEmpty() && exists.test(root + relative)) {
      return file(relative, extension);
    }
    if (!spa || relative.startsWith("assets/") || relative.equals("assets") || TYPES.containsKey(extension)) {
      return Resolution.NOT_FOUND;
    }
    return index();
  }

  private Resolution index() {
    return exists.test(root + INDEX) ? file(INDEX, "html") : Resolution.NOT_FOUND;
  }

  private Resolution file(String relative, String extension) {
    String cache = relative.equals(INDEX) ? CACHE_REVALIDATE
        : relative.startsWith("assets/") ? CACHE_IMMUTABLE : CACHE_SHORT;
    return new Resolution(Kind.FILE, root + relative, contentType(extension), cache);
  }

  static String contentType(String extension) {
    return TYPES.getOrDefault(extension, "application/octet-stream");
  }

  /** @return the lower-case extension of a file name, or "" when it has none */
  static String extension(String name) {
    int dot = name.lastIndexOf('.');
    return dot <= 0 || dot == name.length() - 1 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
  }

  /**
   * @return the path without its leading slash, with repeated slashes kept out, or {@code null} when
   *         it must not be served
   */
  static String normalise(String pathInfo) {
    if (!pathInfo.startsWith("/")) {
      return null;
    }
    for (int i = 0; i < pathInfo.length(); i++) {
      char c = pathInfo.charAt(i);
      if (c < 0x20 || c == 0x7f || c == '\\') {
        return null;
      }
    }
    String relative = pathInfo.substring(1);
    if (relative.isEmpty()) {
      return relative;
    }
    String[] segments = relative.split("/", -1);
    for (int i = 0; i < segments.length; i++) {
      String s = segments[i];
      boolean last = i == segments.length - 1;
      if (s.equals(".") || s.equals("..") || s.isEmpty() && !last) {
        return null;
      }
    }
    return relative;
  }
}
