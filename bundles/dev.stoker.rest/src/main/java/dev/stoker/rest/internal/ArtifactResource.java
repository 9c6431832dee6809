package dev.stoker.rest.internal;

import dev.stoker.api.common.Page;
import dev.stoker.api.environment.Artifact;
import dev.stoker.api.environment.ArtifactService;
import dev.stoker.api.security.Role;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Map;
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
import org.apache.cxf.jaxrs.ext.multipart.Attachment;
import org.apache.cxf.jaxrs.ext.multipart.MultipartBody;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Files environments use: modules ({@code .modl}), JDBC drivers ({@code .jar}) and gateway backups
 * ({@code .gwbk}), kept in the blob store by content. Environments reference them by sha256.
 */
@Component(service = RestResource.class)
@Path("artifacts")
@Produces(MediaType.APPLICATION_JSON)
public class ArtifactResource implements RestResource {
  private final ArtifactService artifacts;

  @Activate
  public ArtifactResource(@Reference ArtifactService artifacts) {
    this.artifacts = artifacts;
  }

  /** An artifact as the API shows it ({@code kind} is {@code module}, {@code jdbc} or {@code backup}). */
  public record ArtifactView(String sha256, long size, String fileName, String kind, Map<String, String> attributes,
      String createdBy, Instant created) {
    static ArtifactView of(Artifact a) {
      return new ArtifactView(a.sha256(), a.size(), a.fileName(), a.kind().id(), a.attributes(), a.createdBy(),
          a.created());
    }
  }

  @POST
  @Consumes(MediaType.MULTIPART_FORM_DATA)
  @Allow(value = Role.ENGINEER, scope = "write")
  public Response uploadForm(MultipartBody form, @QueryParam("fileName") String fileName,
      @Context SecurityContext security) throws IOException {
    Attachment file = form == null ? null : form.getAttachment("file");
    if (file == null) {
      throw ProblemException.badRequest("file", "a multipart form with a 'file' part is required");
    }
    String name = fileName;
    if (name == null || name.isBlank()) {
      name = file.getContentDisposition() == null ? null : file.getContentDisposition().getParameter("filename");
    }
    if (name == null || name.isBlank()) {
      throw ProblemException.badRequest("fileName", "the 'file' part names no filename; add ?fileName=");
    }
    try (InputStream in = file.getDataHandler().getInputStream()) {
      return created(in, name, security);
    }
  }

  @POST
  @Consumes({MediaType.APPLICATION_OCTET_STREAM, "application/zip"})
  @Allow(value = Role.ENGINEER, scope = "write")
  public Response uploadBody(InputStream body, @QueryParam("fileName") String fileName,
      @Context SecurityContext security) throws IOException {
    if (fileName == null || fileName.isBlank()) {
      throw ProblemException.badRequest("fileName", "required with an octet-stream body, e.g. ?fileName=my.modl");
    }
    return created(body, fileName, security);
  }

  /** Any other body type: a clear 415 (after authentication, like every other call). */
  @POST
  @Consumes(MediaType.WILDCARD)
  @Allow(value = Role.ENGINEER, scope = "write")
  public Response uploadOther() {
    throw new ProblemException(Response.Status.UNSUPPORTED_MEDIA_TYPE, "send the file as multipart/form-data (part "
        + "'file') or as an application/octet-stream body with ?fileName=", "Content-Type");
  }

  private Response created(InputStream in, String fileName, SecurityContext security) throws IOException {
    Artifact a = artifacts.upload(in, fileName.strip(), Principals.of(security).username());
    return Response.status(Response.Status.CREATED).entity(ArtifactView.of(a))
        .header("Location", "/api/v1/artifacts/" + a.sha256()).build();
  }

  @GET
  @Allow(Role.VIEWER)
  public Page<ArtifactView> list(@QueryParam("offset") Integer offset, @QueryParam("limit") Integer limit) {
    Page<Artifact> page = artifacts.list(Paging.of(offset, limit));
    return new Page<>(page.items().stream().map(ArtifactView::of).toList(), page.offset(), page.limit(), page.total());
  }

  @GET
  @Path("{sha256}")
  @Allow(Role.VIEWER)
  public ArtifactView get(@PathParam("sha256") String sha256) {
    return artifacts.get(sha256).map(ArtifactView::of)
        .orElseThrow(() -> ProblemException.notFound("artifact '" + sha256 + "' not found"));
  }
}
