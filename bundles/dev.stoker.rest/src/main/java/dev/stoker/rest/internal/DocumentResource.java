package dev.stoker.rest.internal;

import dev.stoker.api.common.Nullable;
import dev.stoker.api.common.Page;
import dev.stoker.api.docs.Document;
import dev.stoker.api.docs.DocumentService;
import dev.stoker.api.docs.DocumentSummary;
import dev.stoker.api.docs.Export;
import dev.stoker.api.security.Role;
import java.net.URI;
import java.util.List;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
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
 * Documents: read, export (md, html, pdf), edit, review, accept findings, sign, start a new version. The service checks the roles
 * again (engineers edit and submit, leads approve, accept and sign). See {@code docs/documents.md}.
 */
@Component(service = RestResource.class)
@Path("documents")
@Produces(MediaType.APPLICATION_JSON)
public class DocumentResource implements RestResource {
  private final DocumentService documents;
  private final ProjectScopes scopes;

  @Activate
  public DocumentResource(@Reference DocumentService documents, @Reference ProjectScopes scopes) {
    this.documents = documents;
    this.scopes = scopes;
  }

  /** A reviewer's edit: the whole new text. */
  public record Content(String content) {
  }

  /** A review step: {@code submit}, {@code comment}, {@code approve} or {@code request-changes}. */
  public record ReviewStep(String action, @Nullable String comment) {
  }

  /** Why a finding is acceptable as it stands. */
  public record Acceptance(String note) {
  }

  /** The writers present now. */
  public record Writers(List<String> writers) {
  }

  @GET
  @Allow(Role.VIEWER)
  public Page<DocumentSummary> list(@QueryParam("project") String project, @QueryParam("offset") Integer offset,
      @QueryParam("limit") Integer limit, @Context SecurityContext security) {
    return scopes.visibleOnly(documents.list(project, Paging.of(offset, limit)), Principals.of(security),
        DocumentSummary::project);
  }

  @GET
  @Path("writers")
  @Allow(Role.VIEWER)
  public Writers writers() {
    return new Writers(documents.writers());
  }

  @GET
  @Path("{id}")
  @Allow(Role.VIEWER)
  public Document get(@PathParam("id") String id) {
    return documents.get(id).orElseThrow(() -> ProblemException.notFound("document '" + id + "' not found"));
  }

  @GET
  @Path("{id}/export")
  @Produces({"text/markdown", "text/html", "application/pdf", "image/svg+xml", "image/png",
      MediaType.APPLICATION_JSON})
  @Allow(Role.VIEWER)
  public Response export(@PathParam("id") String id, @QueryParam("format") String format) {
    Export file = documents.export(id, format == null || format.isBlank() ? "md" : format);
    // an HTML or SVG file opened from here runs nothing and loads nothing: it is a document, not a page
    return Response.ok(file.bytes(), file.mediaType()).header("Content-Disposition", "attachment; filename=\""
        + file.fileName().replaceAll("[^A-Za-z0-9._-]", "_") + "\"")
        .header("Content-Security-Policy", "default-src 'none'; img-src data:; style-src 'unsafe-inline'; sandbox")
        .build();
  }

  @PUT
  @Path("{id}/content")
  @Consumes(MediaType.APPLICATION_JSON)
  @Allow(value = Role.ENGINEER, scope = "write")
  public Document edit(@PathParam("id") String id, Content body, @Context SecurityContext security) {
    if (body == null || body.content() == null) {
      throw ProblemException.badRequest("content", "required: the document's new text");
    }
    return documents.edit(id, body.content(), Principals.of(security).username());
  }

  @POST
  @Path("{id}/reviews")
  @Consumes(MediaType.APPLICATION_JSON)
  @Allow(value = Role.ENGINEER, scope = "write")
  public Document review(@PathParam("id") String id, ReviewStep body, @Context SecurityContext security) {
    if (body == null || body.action() == null) {
      throw ProblemException.badRequest("action", "required: submit, comment, approve or request-changes");
    }
    return documents.review(id, body.action(), body.comment(), Principals.of(security).username());
  }

  @POST
  @Path("{id}/findings/{finding}/accept")
  @Consumes(MediaType.APPLICATION_JSON)
  @Allow(value = Role.LEAD, scope = "write")
  public Document accept(@PathParam("id") String id, @PathParam("finding") String finding, Acceptance body,
      @Context SecurityContext security) {
    if (body == null || body.note() == null) {
      throw ProblemException.badRequest("note", "required: why the finding is acceptable");
    }
    return documents.accept(id, finding, body.note(), Principals.of(security).username());
  }

  @POST
  @Path("{id}/sign")
  @Allow(value = Role.LEAD, scope = "write")
  public Document sign(@PathParam("id") String id, @Context SecurityContext security) {
    return documents.sign(id, Principals.of(security).username());
  }

  @POST
  @Path("{id}/versions")
  @Allow(value = Role.ENGINEER, scope = "write")
  public Response supersede(@PathParam("id") String id, @Context SecurityContext security) {
    Document next = documents.supersede(id, Principals.of(security).username());
    return Response.created(URI.create("/api/v1/documents/" + next.id())).entity(next).build();
  }
}
