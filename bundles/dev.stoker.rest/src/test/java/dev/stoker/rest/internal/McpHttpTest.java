package dev.stoker.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.jaxrs.json.JacksonJsonProvider;
import dev.stoker.api.security.AuditOutcome;
import dev.stoker.api.security.AuthService;
import dev.stoker.api.security.AuthenticationException;
import dev.stoker.api.security.StokerPrincipal;
import dev.stoker.testing.Fakes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.apache.cxf.jaxrs.JAXRSServerFactoryBean;
import org.apache.cxf.jaxrs.lifecycle.SingletonResourceProvider;
import org.apache.cxf.transport.http.DestinationRegistry;
import org.apache.cxf.transport.http.DestinationRegistryImpl;
import org.apache.cxf.transport.http.HTTPTransportFactory;
import org.apache.cxf.transport.servlet.CXFNonSpringServlet;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An MCP session over real HTTP: the resource on CXF JAX-RS with the API's auth and audit filters, in Jetty
 * (as Pax Web runs it) on 127.0.0.1, driven by the JDK's HTTP client as an assistant's MCP client would.
 */
class McpHttpTest {
  private final McpWorld world = new McpWorld();
  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();
  private Server jetty;
  private Bus bus;

  @BeforeEach
  void start() throws Exception {
    AuthService auth = Fakes.of(AuthService.class, Map.of("authenticate", a -> {
      StokerPrincipal p = McpWorld.CALLERS.get((String) a[0]);
      if (p == null) {
        throw new AuthenticationException("invalid credentials");
      }
      return p;
    }));
    McpResource resource = new McpResource(world.scopes, world, () -> world.audit, "lead", "test");
    bus = BusFactory.newInstance().createBus();
    DestinationRegistry addresses = new DestinationRegistryImpl();
    JAXRSServerFactoryBean factory = new JAXRSServerFactoryBean();
    factory.setBus(bus);
    factory.setDestinationFactory(new HTTPTransportFactory(addresses));
    factory.setAddress("/v1");
    factory.setResourceProviders(List.of(new SingletonResourceProvider(resource)));
    factory.setProviders(List.of(new JacksonJsonProvider(ApiServer.objectMapper()), new ProblemMapper(),
        new AuthFilter(() -> auth, world.scopes), new AuditFilter(() -> world.audit)));
    factory.create();
    jetty = new Server();
    ServerConnector connector = new ServerConnector(jetty);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    jetty.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    context.addServlet(new ServletHolder(new CXFNonSpringServlet(addresses, bus)), "/api/*");
    jetty.setHandler(context);
    jetty.start();
  }

  @AfterEach
  void stop() throws Exception {
    jetty.stop();
    bus.shutdown(true);
  }

  private HttpResponse<String> send(String method, String token, String session, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
        + ((ServerConnector) jetty.getConnectors()[0]).getLocalPort() + "/api/v1/mcp"))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .header("Accept", "application/json, text/event-stream").header("Content-Type", "application/json");
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    if (session != null) {
      b.header("Mcp-Session-Id", session).header("MCP-Protocol-Version", "2025-06-18");
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void anAssistantDrivesASessionWithItsOwnToken() throws Exception {
    String init = """
        {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},
         "clientInfo":{"name":"assistant","version":"1"}}}""";
    assertEquals(401, send("POST", null, null, init).statusCode());
    assertEquals(401, send("POST", "forged", null, init).statusCode());

    HttpResponse<String> opened = send("POST", "lee", null, init);
    assertEquals(200, opened.statusCode(), opened.body());
    assertTrue(opened.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
    String session = opened.headers().firstValue("Mcp-Session-Id").orElseThrow();
    assertEquals("2025-06-18", json.readTree(opened.body()).path("result").path("protocolVersion").asText());

    assertEquals(202, send("POST", "lee", session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}")
        .statusCode());
    JsonNode tools = json.readTree(send("POST", "lee", session,
        "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}").body()).path("result").path("tools");
    assertTrue(tools.toString().contains("\"start_run\""), "write tools are enabled for leads here");

    HttpResponse<String> started = send("POST", "lee", session, """
        {"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"start_run","arguments":{"project":"open"}}}""");
    assertEquals(200, started.statusCode());
    JsonNode result = json.readTree(started.body()).path("result");
    assertFalse(result.path("isError").asBoolean(), started.body());
    assertEquals(List.of("open@null by lee"), world.started);
    assertTrue(world.audited.stream().anyMatch(r -> r.action().equals("mcp.tool") && r.target().equals("start_run")
        && r.actor().equals("lee") && r.outcome() == AuditOutcome.SUCCESS), world.audited.toString());

    // a viewer's own session: no write tools, and a restricted project stays hidden
    String vic = send("POST", "vic", null, init).headers().firstValue("Mcp-Session-Id").orElseThrow();
    assertEquals(404, send("POST", "vic", session, "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"ping\"}").statusCode(),
        "lee's session is not vic's");
    JsonNode refused = json.readTree(send("POST", "vic", vic, """
        {"jsonrpc":"2.0","id":5,"method":"tools/call","params":{"name":"start_run","arguments":{"project":"open"}}}""")
        .body()).path("result");
    assertTrue(refused.path("isError").asBoolean());
    JsonNode hidden = json.readTree(send("POST", "vic", vic, """
        {"jsonrpc":"2.0","id":6,"method":"tools/call","params":{"name":"diff_revisions",
         "arguments":{"project":"secret","from":"v1","to":"v2"}}}""").body()).path("result");
    assertEquals("project: project 'secret' not found", hidden.path("content").path(0).path("text").asText());
    assertEquals(1, world.started.size());

    assertEquals(405, send("GET", "lee", session, null).statusCode(), "no server-initiated stream");
    HttpResponse<String> foreign = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
        + ((ServerConnector) jetty.getConnectors()[0]).getLocalPort() + "/api/v1/mcp"))
        .POST(HttpRequest.BodyPublishers.ofString(init)).header("Content-Type", "application/json")
        .header("Authorization", "Bearer lee").header("Origin", "http://evil.example").build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(403, foreign.statusCode(), "a page of another site is refused (DNS rebinding)");
    assertEquals(204, send("DELETE", "lee", session, null).statusCode());
    HttpResponse<String> ended = send("POST", "lee", session, "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"ping\"}");
    assertEquals(404, ended.statusCode());
    assertNotNull(json.readTree(ended.body()).path("error").path("code"));
  }
}
