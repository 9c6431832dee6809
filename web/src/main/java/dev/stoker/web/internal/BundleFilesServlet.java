package dev.stoker.web.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLConnection;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.osgi.framework.Bundle;

/**
 * Serves files of this bundle as {@link ConsoleResources} maps request paths to them: redirects a bare
 * path to its folder, answers not-found for what it must not serve, and sends files with their type, cache
 * policy and {@code nosniff}; an {@code index.html} also gets the page's Content-Security-Policy and framing
 * rules. The bundle's last-modified time answers conditional requests.
 */
abstract class BundleFilesServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  private final transient Bundle bundle;
  private final transient ConsoleResources resources;
  private final String contentSecurityPolicy;

  BundleFilesServlet(Bundle bundle, String root, boolean spa, String contentSecurityPolicy) {
    this.bundle = bundle;
    this.resources = new ConsoleResources(entry -> isFile(bundle.getEntry(entry)), root, spa);
    this.contentSecurityPolicy = contentSecurityPolicy;
  }

  private static boolean isFile(URL url) {
    return url != null && !url.getPath().endsWith("/");
  }

  @Override
  protected long getLastModified(HttpServletRequest request) {
    ConsoleResources.Resolution r = resources.resolve(request.getPathInfo());
    // HTTP dates have whole seconds; some HttpServlet versions compare without truncating.
    return r.kind() == ConsoleResources.Kind.FILE ? bundle.getLastModified() / 1000 * 1000 : -1;
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    ConsoleResources.Resolution r = resources.resolve(request.getPathInfo());
    switch (r.kind()) {
      case REDIRECT -> {
        String query = request.getQueryString();
        response.sendRedirect(request.getContextPath() + request.getServletPath() + "/"
            + (query == null ? "" : "?" + query));
      }
      case NOT_FOUND -> notFound(response);
      case FILE -> send(r, response);
      default -> throw new IllegalStateException(r.kind().name());
    }
  }

  private void send(ConsoleResources.Resolution r, HttpServletResponse response) throws IOException {
    URL url = bundle.getEntry(r.entry());
    if (url == null) {
      notFound(response); // the bundle was updated between resolving and reading
      return;
    }
    URLConnection connection = url.openConnection();
    response.setStatus(HttpServletResponse.SC_OK);
    response.setContentType(r.contentType());
    response.setHeader("Cache-Control", r.cacheControl());
    response.setHeader("X-Content-Type-Options", "nosniff");
    if (r.isIndex()) {
      response.setHeader("Content-Security-Policy", contentSecurityPolicy);
      response.setHeader("Referrer-Policy", "same-origin");
      response.setHeader("X-Frame-Options", "DENY");
    }
    long length = connection.getContentLengthLong();
    if (length >= 0) {
      response.setContentLengthLong(length);
    }
    try (InputStream in = connection.getInputStream()) {
      OutputStream out = response.getOutputStream();
      in.transferTo(out);
    }
  }

  private static void notFound(HttpServletResponse response) throws IOException {
    response.setStatus(HttpServletResponse.SC_NOT_FOUND);
    response.setContentType("text/plain; charset=utf-8");
    response.setHeader("Cache-Control", "no-store");
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.getWriter().write("Not found\n");
  }
}
