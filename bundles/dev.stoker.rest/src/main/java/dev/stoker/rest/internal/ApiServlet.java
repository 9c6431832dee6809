package dev.stoker.rest.internal;

import java.io.IOException;
import javax.servlet.ServletConfig;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletResponse;

/**
 * The servlet registered at {@code /api/*}: hands each request to the current {@link Generation}, so that
 * a rebuilt endpoint replaces the previous one without a moment in which the API is gone.
 */
public final class ApiServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  private transient volatile Generation current;
  // guarded by this
  private transient ServletConfig config;

  @Override
  public void init(ServletConfig servletConfig) throws ServletException {
    super.init(servletConfig);
    synchronized (this) {
      config = servletConfig;
      if (current != null) {
        current.init(servletConfig);
      }
    }
  }

  /** Serves from {@code next} from now on and retires the generation served until now. */
  void publish(Generation next) throws ServletException {
    Generation previous;
    synchronized (this) {
      if (config != null) {
        next.init(config);
      }
      previous = current;
      current = next;
    }
    if (previous != null) {
      previous.retire();
    }
  }

  /** @return the generation served now, or {@code null} */
  Generation current() {
    return current;
  }

  /**
   * CXF answers {@code ?_wadl} and {@code ?_schema} with a description of every endpoint, to anyone, before
   * any filter runs; they are refused here. The API's description is {@code /api/v1/openapi.json}.
   */
  static boolean asksForServiceDescription(String query) {
    if (query == null) {
      return false;
    }
    for (String part : query.split("&")) {
      String name = part.split("=", 2)[0];
      if (name.equals("_wadl") || name.equals("_schema")) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void service(ServletRequest request, ServletResponse response) throws ServletException, IOException {
    if (request instanceof javax.servlet.http.HttpServletRequest http0
        && asksForServiceDescription(http0.getQueryString())) {
      HttpServletResponse http = (HttpServletResponse) response;
      http.setStatus(HttpServletResponse.SC_NOT_FOUND);
      http.setContentType("application/problem+json");
      http.setHeader("X-Content-Type-Options", "nosniff");
      http.getWriter().write("{\"type\":\"https://stoker.dev/problems/not-found\",\"title\":\"Not Found\","
          + "\"status\":404,\"detail\":\"no service description here; the API is described at "
          + "/api/v1/openapi.json\"}");
      return;
    }
    while (true) {
      Generation g = current;
      if (g == null) {
        ((HttpServletResponse) response).sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        return;
      }
      if (g.enter()) {
        try {
          g.service(request, response);
        } finally {
          g.exit();
        }
        return;
      }
      // retired between the read and enter(): the next one is already current
    }
  }
}
