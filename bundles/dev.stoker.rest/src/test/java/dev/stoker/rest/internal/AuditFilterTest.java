package dev.stoker.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.stoker.api.security.AuditLog;
import dev.stoker.api.security.AuditRecord;
import dev.stoker.api.security.Role;
import dev.stoker.api.security.StokerPrincipal;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerResponseContext;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;
import org.junit.jupiter.api.Test;

/** Fail closed: a change that cannot be recorded first is refused before it runs. */
class AuditFilterTest {
  private final List<AuditRecord> records = new ArrayList<>();
  private volatile boolean failing;
  private final AuditLog log = (AuditLog) Proxy.newProxyInstance(getClass().getClassLoader(),
      new Class<?>[] {AuditLog.class}, (p, m, a) -> {
        if (!m.getName().equals("append")) {
          throw new UnsupportedOperationException(m.getName());
        }
        if (failing) {
          throw new IllegalStateException("database down");
        }
        records.add((AuditRecord) a[0]);
        return null;
      });

  /** A request as the filters see it; {@code aborted[0]} receives an abort. */
  private static ContainerRequestContext request(String method, String path, Map<String, Object> properties,
      Response[] aborted) {
    UriInfo uri = (UriInfo) Proxy.newProxyInstance(AuditFilterTest.class.getClassLoader(),
        new Class<?>[] {UriInfo.class}, (p, m, a) -> path);
    return (ContainerRequestContext) Proxy.newProxyInstance(AuditFilterTest.class.getClassLoader(),
        new Class<?>[] {ContainerRequestContext.class}, (p, m, a) -> switch (m.getName()) {
          case "getMethod" -> method;
          case "getUriInfo" -> uri;
          case "getProperty" -> properties.get((String) a[0]);
          case "setProperty" -> properties.put((String) a[0], a[1]);
          case "abortWith" -> aborted[0] = (Response) a[0];
          default -> throw new UnsupportedOperationException(m.getName());
        });
  }

  private static ContainerResponseContext response(int status) {
    return (ContainerResponseContext) Proxy.newProxyInstance(AuditFilterTest.class.getClassLoader(),
        new Class<?>[] {ContainerResponseContext.class}, (p, m, a) -> switch (m.getName()) {
          case "getStatus" -> status;
          case "getEntity" -> null;
          default -> throw new UnsupportedOperationException(m.getName());
        });
  }

  private static Map<String, Object> signedIn() {
    Map<String, Object> properties = new HashMap<>();
    properties.put(AuthFilter.PRINCIPAL, new StokerPrincipal("erin", Role.ENGINEER, Set.of("read", "write"), null));
    return properties;
  }

  @Test
  void aChangeIsRecordedBeforeItRunsAndItsOutcomeAfter() {
    AuditFilter filter = new AuditFilter(() -> log);
    Response[] aborted = new Response[1];
    ContainerRequestContext post = request("POST", "/projects/plant/runs", signedIn(), aborted);
    filter.filter(post);
    assertNull(aborted[0]);
    assertEquals(1, records.size());
    assertEquals("requested; its outcome follows", records.get(0).detail());
    filter.filter(post, response(201));
    assertEquals(2, records.size());
    assertEquals("HTTP 201", records.get(1).detail());
    assertEquals("erin", records.get(1).actor());

    filter.filter(request("GET", "/projects", signedIn(), aborted));
    assertEquals(2, records.size(), "reads are not audited");

    ContainerRequestContext mcp = request("POST", "/mcp", signedIn(), aborted);
    filter.filter(mcp);
    filter.filter(mcp, response(200));
    assertEquals(2, records.size(), "MCP messages are audited per tool call by the endpoint (McpToolsTest)");
    ContainerRequestContext anonymousMcp = request("POST", "/mcp", new HashMap<>(), aborted);
    filter.filter(anonymousMcp);
    filter.filter(anonymousMcp, response(401));
    assertEquals(3, records.size(), "a refused anonymous MCP call is sampled as any other");
  }

  @Test
  void aChangeThatCannotBeRecordedIsRefusedBeforeItRuns() {
    failing = true;
    AuditFilter filter = new AuditFilter(() -> log);
    Response[] aborted = new Response[1];
    ContainerRequestContext post = request("POST", "/projects/plant/runs", signedIn(), aborted);
    filter.filter(post);
    assertEquals(503, aborted[0].getStatus());
    filter.filter(post, response(503)); // nothing more to record, and no second failure
    assertEquals(0, records.size());

    Response[] missing = new Response[1];
    new AuditFilter(() -> null).filter(request("DELETE", "/projects/plant", signedIn(), missing));
    assertEquals(503, missing[0].getStatus(), "no audit log, no change");
  }
}
