package dev.stoker.web.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLConnection;
import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * Serves the console's single-page application at {@code /console} from this bundle's
 * {@code console-static/} folder, through the OSGi HTTP Whiteboard. Hashed assets are cached for a
 * year; {@code index.html} is revalidated on every load, so a new bundle shows at once. Which path
 * gets which file is decided by {@link ConsoleResources}.
 */
@Component(service = Servlet.class, property = {
    "osgi.http.whiteboard.servlet.pattern=/console/*",
    "osgi.http.whiteboard.servlet.name=stoker-console"})
public final class ConsoleServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  /** The console talks only to its own origin; nothing else may load or frame it. */
  static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
      + "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
      + "form-action 'self'; frame-ancestors 'none'";

  private final transient Bundle bundle;
  private final transient ConsoleResources resources;

  @Activate
  public ConsoleServlet(BundleContext context) {
    this(context.getBundle());
  }

  ConsoleServlet(Bundle bundle) {
    this.bundle = bundle;
    this.resources = new ConsoleResources(entry -> isFile(bundle.getEntry(entry)));
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
      response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
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
