package dev.stoker.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@code /metrics} alias in a real servlet container (Jetty 9.4, as Pax Web runs it) next to a stand-in of
 * the API servlet at {@code /api/*}: what reaches the API is a GET of {@code /api/v1/metrics} with the caller's
 * headers, so the API's own checks decide (see {@link MetricsResourcesTest}).
 */
class MetricsAliasTest {
  private final HttpClient http = HttpClient.newHttpClient();
  private Server server;

  /** Answers what it was asked: path, Authorization header, status 403 without one (as the API would). */
  static final class EchoApi extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      String auth = req.getHeader("Authorization");
      resp.setStatus(auth == null ? 403 : 200);
      resp.getWriter().write(req.getServletPath() + req.getPathInfo() + " " + auth);
    }
  }

  @BeforeEach
  void start() throws Exception {
    server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    context.addServlet(new ServletHolder(new EchoApi()), "/api/*");
    context.addServlet(new ServletHolder(new MetricsAlias()), MetricsAlias.PATH);
    server.setHandler(context);
    server.start();
  }

  @AfterEach
  void stop() throws Exception {
    server.stop();
  }

  private HttpResponse<String> send(String method, String path, String auth) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
        + ((ServerConnector) server.getConnectors()[0]).getLocalPort() + path))
        .method(method, HttpRequest.BodyPublishers.noBody());
    if (auth != null) {
      b.header("Authorization", auth);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void forwardsToTheApiWithTheCallersCredentials() throws Exception {
    HttpResponse<String> ok = send("GET", "/metrics", "Bearer stk_x");
    assertEquals(200, ok.statusCode());
    assertEquals("/api/v1/metrics Bearer stk_x", ok.body());
    assertEquals(403, send("GET", "/metrics", null).statusCode(), "the API's answer, not the alias's");
    assertEquals(200, send("GET", "/metrics?x=1", "Bearer stk_x").statusCode());
  }

  @Test
  void onlyReads() throws Exception {
    assertEquals(405, send("POST", "/metrics", "Bearer stk_x").statusCode());
    assertEquals(405, send("DELETE", "/metrics", "Bearer stk_x").statusCode());
    assertEquals(404, send("GET", "/metrics/other", "Bearer stk_x").statusCode());
  }
}
