package dev.stoker.rest.internal;

import dev.stoker.api.security.AuditLog;
import dev.stoker.api.security.AuditOutcome;
import dev.stoker.api.security.AuditRecord;
import dev.stoker.api.security.StokerPrincipal;
import java.util.Set;
import java.util.function.Supplier;
import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerResponseContext;
import javax.ws.rs.container.ContainerResponseFilter;
import javax.ws.rs.core.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends every mutating call (whatever its outcome, including refused ones) to the audit log. Logins
 * are audited by the authentication service itself, with more detail.
 */
final class AuditFilter implements ContainerResponseFilter {
  private static final Logger LOG = LoggerFactory.getLogger(AuditFilter.class);
  private static final Set<String> READ_ONLY = Set.of("GET", "HEAD", "OPTIONS");
  private static final String LOGIN_PATH = "auth/token";

  /** The audit log, or {@code null} while it is missing. */
  private final Supplier<AuditLog> audit;
  @Context
  private HttpServletRequest http;

  AuditFilter(Supplier<AuditLog> audit) {
    this.audit = audit;
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    String path = request.getUriInfo().getPath(false);
    String relative = path.startsWith("/") ? path.substring(1) : path;
    if (READ_ONLY.contains(request.getMethod()) || relative.equals(LOGIN_PATH)) {
      return;
    }
    AuditLog audit = this.audit.get();
    if (audit == null) {
      LOG.warn("Audit log unavailable; not recorded: {} {} -> {}", request.getMethod(), path, response.getStatus());
      return;
    }
    Object p = request.getProperty(AuthFilter.PRINCIPAL);
    String actor = p instanceof StokerPrincipal sp ? sp.username() : "anonymous";
    int status = response.getStatus();
    AuditOutcome outcome = status < 400 ? AuditOutcome.SUCCESS
        : status == 401 || status == 403 ? AuditOutcome.DENIED : AuditOutcome.FAILED;
    String detail = "HTTP " + status;
    if (response.getEntity() instanceof Problem problem) {
      detail += ": " + problem.detail();
    }
    audit.append(new AuditRecord(actor, request.getMethod() + " /api/v1/" + relative, relative,
        http == null ? "" : http.getRemoteAddr(), outcome, detail));
  }
}
