package dev.stoker.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.reflect.Proxy;
import java.net.MalformedURLException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import javax.servlet.ServletOutputStream;
import javax.servlet.WriteListener;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;

/** Drives the servlet through HttpServlet.service with plain proxies for the bundle and the HTTP objects. */
class ConsoleServletTest {
  private static final long MODIFIED = 1_760_000_000_123L;

  @TempDir
  Path dir;
  private BundleFilesServlet servlet;
  private String servletPath = "/console";

  @BeforeEach
  void setUp() throws IOException {
    Path root = Files.createDirectories(dir.resolve("console-static/assets"));
    Files.writeString(dir.resolve("console-static/index.html"), "<!doctype html><div id=root></div>");
    Files.writeString(root.resolve("index-abc.js"), "console.log(1)");
    Files.writeString(dir.resolve("secret.txt"), "outside");
    servlet = new ConsoleServlet(bundle(dir));
  }

  @Test
  void servesIndexForDeepLinksWithSecurityHeaders() throws Exception {
    Answer a = get("/users/jane.doe", null);
    assertEquals(200, a.status);
    assertEquals("text/html; charset=utf-8", a.contentType);
    assertEquals("no-cache", a.headers.get("Cache-Control"));
    assertTrue(a.headers.get("Content-Security-Policy").contains("frame-ancestors 'none'"));
    assertEquals("nosniff", a.headers.get("X-Content-Type-Options"));
    assertEquals("<!doctype html><div id=root></div>", a.body());
  }

  @Test
  void servesAssetsWithLongCache() throws Exception {
    Answer a = get("/assets/index-abc.js", null);
    assertEquals(200, a.status);
    assertEquals("text/javascript; charset=utf-8", a.contentType);
    assertEquals("public, max-age=31536000, immutable", a.headers.get("Cache-Control"));
    assertNull(a.headers.get("Content-Security-Policy"));
    assertEquals("console.log(1)", a.body());
    assertEquals("14", a.headers.get("Content-Length"));
  }

  @Test
  void redirectsBareConsoleToTheSlashKeepingTheQuery() throws Exception {
    Answer a = get(null, "next=%2Fusers");
    assertEquals("/console/?next=%2Fusers", a.redirect);
  }

  @Test
  void refusesTraversalAndMissingAssets() throws Exception {
    for (String path : new String[] {"/../secret.txt", "/assets/../../secret.txt", "/assets/old.js", "/assets/"}) {
      Answer a = get(path, null);
      assertEquals(404, a.status, path);
      assertEquals("Not found\n", a.body(), path);
    }
  }

  @Test
  void answersNotModifiedWhenTheBundleIsUnchanged() throws Exception {
    Answer a = get("/", null, MODIFIED / 1000 * 1000); // the Last-Modified date the client saw
    assertEquals(304, a.status);
    assertEquals("", a.body());
    assertEquals(200, get("/", null, MODIFIED - 5_000).status);
  }

  @Test
  void theApiExplorerServesItsFolderOnlyWithItsOwnPolicy() throws Exception {
    Path docs = Files.createDirectories(dir.resolve("console-static/api-docs"));
    Files.writeString(docs.resolve("index.html"), "<!doctype html><div id=swagger-ui></div>");
    Files.writeString(docs.resolve("swagger-ui.css"), ".swagger-ui{}");
    servlet = new ApiDocsServlet(bundle(dir));
    servletPath = "/api/docs";

    Answer index = get("/", null);
    assertEquals(200, index.status);
    assertEquals("<!doctype html><div id=swagger-ui></div>", index.body());
    String csp = index.headers.get("Content-Security-Policy");
    assertTrue(csp.contains("style-src 'self' 'unsafe-inline'") && csp.contains("script-src 'self';"), csp);
    assertEquals("text/css; charset=utf-8", get("/swagger-ui.css", null).contentType);
    assertEquals("/api/docs/", get(null, null).redirect);
    for (String path : new String[] {"/users", "/../index.html", "/../assets/index-abc.js", "/assets/index-abc.js"}) {
      assertEquals(404, get(path, null).status, path + ": no SPA fallback, nothing of the console");
    }
  }

  // ---- fakes

  private Answer get(String pathInfo, String query) throws Exception {
    return get(pathInfo, query, -1);
  }

  private Answer get(String pathInfo, String query, long ifModifiedSince) throws Exception {
    Answer answer = new Answer();
    HttpServletRequest request = proxy(HttpServletRequest.class, (name, args) -> switch (name) {
      case "getMethod" -> "GET";
      case "getPathInfo" -> pathInfo;
      case "getQueryString" -> query;
      case "getContextPath" -> "";
      case "getServletPath" -> servletPath;
      case "getProtocol" -> "HTTP/1.1";
      case "getDateHeader" -> "If-Modified-Since".equals(args[0]) ? ifModifiedSince : -1L;
      default -> null;
    });
    HttpServletResponse response = proxy(HttpServletResponse.class, (name, args) -> switch (name) {
      case "setStatus" -> { answer.status = (Integer) args[0]; yield null; }
      case "setContentType" -> { answer.contentType = (String) args[0]; yield null; }
      case "setHeader" -> { answer.headers.put((String) args[0], (String) args[1]); yield null; }
      case "setContentLengthLong" -> { answer.headers.put("Content-Length", String.valueOf(args[0])); yield null; }
      case "setDateHeader" -> { answer.headers.put((String) args[0], String.valueOf(args[1])); yield null; }
      case "containsHeader" -> answer.headers.containsKey((String) args[0]);
      case "sendRedirect" -> { answer.status = 302; answer.redirect = (String) args[0]; yield null; }
      case "getOutputStream" -> answer.stream;
      case "getWriter" -> answer.writer;
      case "getCharacterEncoding" -> "UTF-8";
      default -> null;
    });
    servlet.service(request, response);
    answer.writer.flush();
    return answer;
  }

  private static final class Answer {
    int status = 200;
    String contentType;
    String redirect;
    final Map<String, String> headers = new HashMap<>();
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final PrintWriter writer = new PrintWriter(bytes, false, StandardCharsets.UTF_8);
    final ServletOutputStream stream = new ServletOutputStream() {
      @Override
      public void write(int b) {
        bytes.write(b);
      }

      @Override
      public boolean isReady() {
        return true;
      }

      @Override
      public void setWriteListener(WriteListener listener) {
      }
    };

    String body() {
      return bytes.toString(StandardCharsets.UTF_8);
    }
  }

  private interface Handler {
    Object handle(String name, Object[] args) throws Exception;
  }

  @SuppressWarnings("unchecked")
  private static <T> T proxy(Class<T> type, Handler handler) {
    return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (p, method, args) -> {
      Object result = handler.handle(method.getName(), args == null ? new Object[0] : args);
      Class<?> r = method.getReturnType();
      if (result == null && r.isPrimitive() && r != void.class) {
        return r == boolean.class ? Boolean.FALSE : r == long.class ? (Object) 0L : r == int.class ? (Object) 0 : null;
      }
      return result;
    });
  }

  /** A bundle whose entries are the files below {@code root}, as a framework would list them. */
  private static Bundle bundle(Path root) {
    return proxy(Bundle.class, (name, args) -> switch (name) {
      case "getLastModified" -> MODIFIED;
      case "getEntry" -> {
        Path p = root.resolve((String) args[0]).normalize();
        yield p.startsWith(root) && Files.exists(p) ? toUrl(p) : null;
      }
      default -> null;
    });
  }

  private static java.net.URL toUrl(Path p) {
    try {
      return p.toUri().toURL();
    } catch (MalformedURLException e) {
      throw new IllegalStateException(e);
    }
  }
}
