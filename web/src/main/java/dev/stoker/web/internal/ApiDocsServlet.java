package dev.stoker.web.internal;

import javax.servlet.Servlet;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * Serves the API explorer at {@code /api/docs/}: Swagger UI (npm {@code swagger-ui-dist}) over
 * {@code /api/v1/openapi.json}, laid out in this bundle's {@code console-static/api-docs/} by the web build
 * ({@code web/scripts/api-docs.mjs}). The page is public like the document it shows; the requests it sends carry
 * the console session of the browser tab, so they have the signed-in user's rights and nothing more. Its pattern
 * is longer than the API servlet's {@code /api/*}, so the whiteboard gives these paths to this servlet.
 */
@Component(service = Servlet.class, property = {
    "osgi.http.whiteboard.servlet.pattern=/api/docs/*",
    "osgi.http.whiteboard.servlet.name=stoker-api-docs"})
public final class ApiDocsServlet extends BundleFilesServlet {
  private static final long serialVersionUID = 1L;

  static final String ROOT = ConsoleResources.ROOT + "api-docs/";

  /** As the console's, except that Swagger UI sets inline styles on its elements. */
  static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
      + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; "
      + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

  @Activate
  public ApiDocsServlet(BundleContext context) {
    this(context.getBundle());
  }

  ApiDocsServlet(Bundle bundle) {
    super(bundle, ROOT, false, CONTENT_SECURITY_POLICY);
  }
}
