package dev.stoker.rest.internal;

import dev.stoker.api.security.AuditLog;
import dev.stoker.api.security.AuditOutcome;
import dev.stoker.api.security.AuditRecord;
import dev.stoker.api.security.StokerPrincipal;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.ContainerResponseContext;
import javax.ws.rs.container.ContainerResponseFilter;
import javax.ws.rs.core.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends every mutating call (whatever its outcome, including refused ones) to the audit log. Logins are
 * audited by the authentication service itself, with more detail; MCP messages by the MCP endpoint, per tool call.
 *
 * <p>Fail closed: a signed-in mutating call is recorded as requested before it runs, and refused (503) when that
 * record cannot be written (the audit log is missing or failing), so nothing changes unrecorded; its outcome
 * is recorded when it has run. Anonymous calls refused with 401 are counted per source address and recorded
 * as a sample (the 1st, 2nd, 4th, 8th, ... of a source, with the count) so that a flood of them cannot fill
 * the log.
 */
final class AuditFilter implements ContainerRequestFilter, ContainerResponseFilter {
  private static final Logger LOG = LoggerFactory.getLogger(AuditFilter.class);
  private static final Set<String> READ_ONLY = Set.of("GET", "HEAD", "OPTIONS");
  private static final String LOGIN_PATH = "auth/token";
  /** MCP messages of a signed-in caller: audited by the endpoint, one row per tool call ({@link McpTools}). */
  private static final String MCP_PATH = "mcp";
  private static final int MAX_SOURCES = 10_000;
  /** Request property: refused here because it could not be recorded (nothing more to record). */
  private static final String REFUSED = "stoker.audit.refused";

  /** The audit log, or {@code null} while it is missing. */
  private final Supplier<AuditLog> audit;
  private final Map<String, AtomicLong> anonymousRefusals = new ConcurrentHashMap<>();
  @Context
  private HttpServletRequest http;

  AuditFilter(Supplier<AuditLog> audit) {
    this.audit = audit;
  }

  private static String relative(ContainerRequestContext request) {
    String path = request.getUriInfo().getPath(false);
    return path.startsWith("/") ? path.substring(1) : path;
  }

  private static boolean audited(ContainerRequestContext request) {
    String relative = relative(request);
    return !READ_ONLY.contains(request.getMethod()) && !relative.equals(LOGIN_PATH)
        && !(relative.equals(MCP_PATH) && request.getProperty(AuthFilter.PRINCIPAL) != null);
  }

  /** Records a change as requested before it runs, or refuses it when that cannot be recorded. */
  @Override
  public void filter(ContainerRequestContext request) {
    Object p = request.getProperty(AuthFilter.PRINCIPAL);
    if (!audited(request) || !(p instanceof StokerPrincipal principal)) {
      return;
    }
    AuditLog log = audit.get();
    String relative = relative(request);
    try {
      if (log == null) {
        throw new IllegalStateException("the audit log is not available");
      }
      log.append(new AuditRecord(principal.username(), request.getMethod() + " /api/v1/" + relative, relative,
          http == null ? "" : http.getRemoteAddr(), AuditOutcome.SUCCESS, "requested; its outcome follows" + requestNote(request)));
    } catch (RuntimeException e) {
      LOG.error("AUDIT FAILURE: {} {} /api/v1/{} refused, it could not be recorded: {}", principal.username(),
          request.getMethod(), relative, e.toString());
      request.setProperty(REFUSED, Boolean.TRUE);
      request.abortWith(Problem.of(javax.ws.rs.core.Response.Status.SERVICE_UNAVAILABLE,
          "the audit log is not available; changes are refused until they can be recorded", null).toResponse());
    }
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (!audited(request) || request.getProperty(REFUSED) != null) {
      return;
    }
    String relative = relative(request);
    AuditLog audit = this.audit.get();
    if (audit == null) {
      LOG.warn("Audit log unavailable; not recorded: {} /{} -> {}", request.getMethod(), relative, response.getStatus());
      return;
    }
    Object p = request.getProperty(AuthFilter.PRINCIPAL);
    String actor = p instanceof StokerPrincipal sp ? sp.username() : "anonymous";
    int status = response.getStatus();
    String source = http == null ? "" : http.getRemoteAddr();
    String detail = "HTTP " + status;
    if (p == null && status == 401) {
      long n = count(source);
      if ((n & (n - 1)) != 0) {
        return; // sampled: powers of two only
      }
      detail += " (" + n + " anonymous refusal(s) from this address so far)";
    }
    AuditOutcome outcome = status < 400 ? AuditOutcome.SUCCESS
        : status == 401 || status == 403 ? AuditOutcome.DENIED : AuditOutcome.FAILED;
    if (response.getEntity() instanceof Problem problem) {
      detail += ": " + problem.detail();
    }
    detail += requestNote(request);
    try {
      audit.append(new AuditRecord(actor, request.getMethod() + " /api/v1/" + relative, relative, source, outcome,
          detail));
    } catch (RuntimeException e) {
      LOG.error("AUDIT FAILURE: {} {} /api/v1/{} -> {} could not be recorded: {}", actor, request.getMethod(),
          relative, status, e.toString());
      throw e;
    }
  }

  /** @return {@code "; request <id>"}, which ties the audit row to the log lines of the same request */
  private static String requestNote(ContainerRequestContext request) {
    String id = RequestIds.of(request);
    return id.isEmpty() ? "" : "; request " + id;
  }

  private long count(String source) {
    if (anonymousRefusals.size() > MAX_SOURCES) {
      anonymousRefusals.clear();
    }
    return anonymousRefusals.computeIfAbsent(source, s -> new AtomicLong()).incrementAndGet();
  }
}
