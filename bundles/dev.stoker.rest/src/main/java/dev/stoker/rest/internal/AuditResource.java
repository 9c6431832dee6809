package dev.stoker.rest.internal;

import dev.stoker.api.common.Page;
import dev.stoker.api.security.AuditEntry;
import dev.stoker.api.security.AuditLog;
import dev.stoker.api.security.AuditOutcome;
import dev.stoker.api.security.AuditQuery;
import dev.stoker.api.security.ChainVerification;
import dev.stoker.api.security.Role;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The audit log: filtered reading for leads and admins, chain verification for admins. */
@Component(service = RestResource.class)
@Path("audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource implements RestResource {
  private final AuditLog audit;

  @Activate
  public AuditResource(@Reference AuditLog audit) {
    this.audit = audit;
  }

  @GET
  @Allow(Role.LEAD)
  public Page<AuditEntry> find(@QueryParam("actor") String actor, @QueryParam("action") String action,
      @QueryParam("target") String target, @QueryParam("outcome") String outcome, @QueryParam("from") String from,
      @QueryParam("to") String to, @QueryParam("offset") Integer offset, @QueryParam("limit") Integer limit) {
    AuditQuery query = new AuditQuery(blankToNull(actor), blankToNull(action), blankToNull(target),
        outcome(outcome), instant("from", from), instant("to", to));
    return audit.find(query, Paging.of(offset, limit));
  }

  @GET
  @Path("verify")
  @Allow(value = Role.ADMIN, scope = "admin")
  public ChainVerification verify() {
    return audit.verify();
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  private static AuditOutcome outcome(String value) {
    if (blankToNull(value) == null) {
      return null;
    }
    try {
      return AuditOutcome.valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ProblemException.badRequest("outcome", "one of success, denied, failed");
    }
  }

  private static Instant instant(String field, String value) {
    if (blankToNull(value) == null) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw ProblemException.badRequest(field, "an ISO-8601 instant such as 2026-01-31T12:00:00Z");
    }
  }
}
