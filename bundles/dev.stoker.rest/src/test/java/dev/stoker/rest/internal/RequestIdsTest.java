package dev.stoker.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import javax.ws.rs.core.MultivaluedHashMap;
import javax.ws.rs.core.MultivaluedMap;
import javax.ws.rs.core.UriInfo;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** A request id is taken from the caller when it is a plain token, logged, audited and sent back. */
class RequestIdsTest {
  private final Map<String, Object> properties = new HashMap<>();
  private final MultivaluedMap<String, Object> headers = new MultivaluedHashMap<>();

  private ContainerRequestContext request(String method, String header) {
    UriInfo uri = (UriInfo) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {UriInfo.class},
        (p, m, a) -> "/projects");
    return (ContainerRequestContext) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {ContainerRequestContext.class}, (p, m, a) -> switch (m.getName()) {
          case "getHeaderString" -> header;
          case "getMethod" -> method;
          case "getUriInfo" -> uri;
          case "getProperty" -> properties.get((String) a[0]);
          case "setProperty" -> properties.put((String) a[0], a[1]);
          default -> throw new UnsupportedOperationException(m.getName());
        });
  }

  private ContainerResponseContext response() {
    return (ContainerResponseContext) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {ContainerResponseContext.class}, (p, m, a) -> switch (m.getName()) {
          case "getHeaders" -> headers;
          case "getStatus" -> 201;
          case "getEntity" -> null;
          default -> throw new UnsupportedOperationException(m.getName());
        });
  }

  @Test
  void aPlainCallerIdIsHonouredLoggedAuditedAndSentBack() {
    List<AuditRecord> records = new ArrayList<>();
    AuditLog log = (AuditLog) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {AuditLog.class},
        (p, m, a) -> records.add((AuditRecord) a[0]) ? null : null);
    RequestIds ids = new RequestIds();
    AuditFilter audit = new AuditFilter(() -> log);
    ContainerRequestContext request = request("POST", "ci-build-42.7");
    ids.filter(request);
    assertEquals("ci-build-42.7", MDC.get(RequestIds.MDC_KEY));
    properties.put(AuthFilter.PRINCIPAL, new StokerPrincipal("erin", Role.ENGINEER, Set.of("write"), null));
    audit.filter(request);
    audit.filter(request, response());
    ids.filter(request, response());
    assertEquals("ci-build-42.7", headers.getFirst(RequestIds.HEADER));
    assertNull(MDC.get(RequestIds.MDC_KEY), "the id leaves the thread with the request");
    assertEquals(2, records.size());
    records.forEach(r -> assertTrue(r.detail().endsWith("; request ci-build-42.7"), r.detail()));
  }

  @Test
  void aMissingOrHostileIdIsReplacedByANewOne() {
    RequestIds ids = new RequestIds();
    for (String given : new String[] {null, "", "a b", "x\nFAKE LOG LINE", "y".repeat(65)}) {
      properties.clear();
      ids.filter(request("GET", given));
      String id = RequestIds.of(request("GET", given));
      assertEquals(36, id.length(), "a UUID for " + given);
      assertNotEquals(given, id);
      ids.filter(request("GET", given), response());
    }
  }
}
