package dev.stoker.web.internal;

import javax.servlet.Servlet;
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
public final class ConsoleServlet extends BundleFilesServlet {
  private static final long serialVersionUID = 1L;

  /** The console talks only to its own origin; nothing else may load or frame it. */
  static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
      + "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
      + "form-action 'self'; frame-ancestors 'none'";

  @Activate
  public ConsoleServlet(BundleContext context) {
    this(context.getBundle());
  }

  ConsoleServlet(Bundle bundle) {
    super(bundle, ConsoleResources.ROOT, true, CONTENT_SECURITY_POLICY);
  }
}
