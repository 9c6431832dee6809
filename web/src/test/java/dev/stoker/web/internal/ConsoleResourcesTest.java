package dev.stoker.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.stoker.web.internal.ConsoleResources.Kind;
import dev.stoker.web.internal.ConsoleResources.Resolution;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConsoleResourcesTest {
  private static final Set<String> FILES = Set.of(
      "console-static/index.html",
      "console-static/favicon.svg",
      "console-static/assets/index-3f2a9c.js",
      "console-static/assets/index-77ab01.css",
      "console-static/assets/font-x.woff2");

  private final ConsoleResources resources = new ConsoleResources(FILES::contains);

  @Test
  void noPathRedirectsToTheSlash() {
    assertEquals(Kind.REDIRECT, resources.resolve(null).kind());
  }

  @Test
  void rootServesIndexThatIsAlwaysRevalidated() {
    Resolution r = resources.resolve("/");
    assertEquals(Kind.FILE, r.kind());
    assertEquals("console-static/index.html", r.entry());
    assertEquals("text/html; charset=utf-8", r.contentType());
    assertEquals("no-cache", r.cacheControl());
    assertEquals(r, resources.resolve("/index.html"));
  }

  @Test
  void hashedAssetsAreCachedForAYearWithTheirType() {
    Resolution js = resources.resolve("/assets/index-3f2a9c.js");
    assertEquals(Kind.FILE, js.kind());
    assertEquals("console-static/assets/index-3f2a9c.js", js.entry());
    assertEquals("text/javascript; charset=utf-8", js.contentType());
    assertEquals(ConsoleResources.CACHE_IMMUTABLE, js.cacheControl());
    assertEquals("text/css; charset=utf-8", resources.resolve("/assets/index-77ab01.css").contentType());
    assertEquals("font/woff2", resources.resolve("/assets/font-x.woff2").contentType());
  }

  @Test
  void otherFilesAreCachedBriefly() {
    Resolution svg = resources.resolve("/favicon.svg");
    assertEquals("image/svg+xml", svg.contentType());
    assertEquals(ConsoleResources.CACHE_SHORT, svg.cacheControl());
  }

  @ParameterizedTest
  @ValueSource(strings = {"/users", "/users/", "/audit", "/tokens", "/environments/env-1/logs", "/users/jane.doe",
      "/signin", "/projects/a%2Fb"})
  void deepLinksWithoutAFileGetIndex(String path) {
    Resolution r = resources.resolve(path);
    assertEquals(Kind.FILE, r.kind(), path);
    assertEquals("console-static/index.html", r.entry(), path);
    assertEquals("no-cache", r.cacheControl(), path);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/assets/index-old.js", "/assets/gone.css", "/missing.png", "/robots.txt", "/app.js.map",
      "/assets/", "/assets", "/assets/nested/thing"})
  void missingStaticFilesAreNotFoundNotHtml(String path) {
    assertEquals(Kind.NOT_FOUND, resources.resolve(path).kind(), path);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/../secret.txt", "/..", "/.", "/assets/../index.html", "/a/../../etc/passwd",
      "/assets/..", "/./index.html", "//etc/passwd", "/a//b", "/..\\index.html", "/a\\b", "/a\u0000.js", "/a\nb",
      "relative"})
  void traversalAndOddPathsAreRefused(String path) {
    assertEquals(Kind.NOT_FOUND, resources.resolve(path).kind(), path);
  }

  @Test
  void withoutABuiltConsoleEverythingIsNotFound() {
    ConsoleResources empty = new ConsoleResources(entry -> false);
    assertEquals(Kind.NOT_FOUND, empty.resolve("/").kind());
    assertEquals(Kind.NOT_FOUND, empty.resolve("/users").kind());
  }

  @Test
  void extensions() {
    assertEquals("js", ConsoleResources.extension("a.b.JS"));
    assertEquals("", ConsoleResources.extension(".hidden"));
    assertEquals("", ConsoleResources.extension("trailing."));
    assertEquals("", ConsoleResources.extension("plain"));
    assertEquals("application/octet-stream", ConsoleResources.contentType("doe"));
  }

  @Test
  void normalise() {
    assertEquals("", ConsoleResources.normalise("/"));
    assertEquals("assets/x.js", ConsoleResources.normalise("/assets/x.js"));
    assertEquals("users/", ConsoleResources.normalise("/users/"));
    assertNull(ConsoleResources.normalise("/a/../b"));
  }
}
