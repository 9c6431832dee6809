package dev.stoker.rest.internal;

import dev.stoker.api.common.Nullable;
import dev.stoker.api.common.Page;
import dev.stoker.api.docs.Document;
import dev.stoker.api.docs.DocumentKind;
import dev.stoker.api.docs.DocumentRequest;
import dev.stoker.api.docs.DocumentService;
import dev.stoker.api.docs.DocumentSummary;
import dev.stoker.api.security.Role;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * A project's documents: {@code GET /projects/{p}/documents} (newest first) and {@code POST} to generate one.
 * See {@code docs/documents.md}.
 */
@Component(service = RestResource.class)
@Path("projects/{p}/documents")
@Produces(MediaType.APPLICATION_JSON)
public class ProjectDocumentResource implements RestResource {
  private final DocumentService documents;

  @Activate
  public ProjectDocumentResource(@Reference DocumentService documents) {
    this.documents = documents;
  }

  /**
   * What to write: {@code kind} (change-summary, release-notes, compliance-report, project-manual) and its
   * inputs; times are ISO-8601 instants.
   */
  public record NewDocument(String kind, @Nullable String from, @Nullable String to, @Nullable String release,
      @Nullable String periodFrom, @Nullable String periodTo, @Nullable String run, @Nullable String writer) {
  }

  @GET
  @Allow(Role.VIEWER)
  public Page<DocumentSummary> list(@PathParam("p") String project, @QueryParam("offset") Integer offset,
      @QueryParam("limit") Integer limit) {
    return documents.list(project, Paging.of(offset, limit));
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Allow(value = Role.ENGINEER, scope = "write")
  public Response generate(@PathParam("p") String project, NewDocument body, @Context SecurityContext security) {
    if (body == null || body.kind() == null || body.kind().isBlank()) {
      throw ProblemException.badRequest("kind", "required: change-summary, release-notes, compliance-report or "
          + "project-manual");
    }
    DocumentRequest request = new DocumentRequest(DocumentKind.fromId(body.kind()), blank(body.from()),
        blank(body.to()), blank(body.release()), instant("periodFrom", body.periodFrom()),
        instant("periodTo", body.periodTo()), blank(body.run()), blank(body.writer()));
    Document d = documents.generate(project, request, Principals.of(security).username());
    return Response.created(URI.create("/api/v1/documents/" + d.id())).entity(d).build();
  }

  private static Instant instant(String field, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw ProblemException.badRequest(field, "an ISO-8601 instant such as 2026-11-02T08:00:00Z, not '" + value
          + "'");
    }
  }

  private static String blank(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
