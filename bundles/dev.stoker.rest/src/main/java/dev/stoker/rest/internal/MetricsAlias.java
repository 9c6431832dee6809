package dev.stoker.rest.internal;

import java.io.IOException;
import javax.servlet.RequestDispatcher;
import javax.servlet.Servlet;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.osgi.service.component.annotations.Component;

/**
 * {@code GET /metrics} at the servlet root, where Prometheus looks by default: forwarded to
 * {@code /api/v1/metrics} ({@link MetricsResource}) inside the server, so the same rules apply (an admin, or an
 * API token with the {@code metrics} scope, or anyone when anonymous metrics are on), as do the API's request
 * metrics, rate limit and headers. Only GET and HEAD; anything below {@code /metrics/} is not found.
 */
@Component(service = Servlet.class, property = {
    "osgi.http.whiteboard.servlet.pattern=" + MetricsAlias.PATH,
    "osgi.http.whiteboard.servlet.name=stoker-metrics-alias"})
public class MetricsAlias extends HttpServlet {
  static final String PATH = "/metrics";
  static final String TARGET = "/api/v1/metrics";
  private static final long serialVersionUID = 1L;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws ServletException, IOException {
    RequestDispatcher api = request.getServletContext().getRequestDispatcher(TARGET);
    if (api == null) {
      response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
      return;
    }
    api.forward(request, response);
  }
}
