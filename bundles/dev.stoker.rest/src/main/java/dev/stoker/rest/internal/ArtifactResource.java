package dev.stoker.rest.internal;

import dev.stoker.api.common.Nullable;
import dev.stoker.api.common.Page;
import dev.stoker.api.environment.Artifact;
import dev.stoker.api.environment.ArtifactService;
import dev.stoker.api.repository.RepositoryService;
import dev.stoker.api.security.Role;
import dev.stoker.api.security.StokerPrincipal;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
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
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Files environments use: modules ({@code .modl}), JDBC drivers ({@code .jar}) and gateway backups
 * ({@code .gwbk}), kept in the blob store by content. Environments reference them by sha256. An upload may be
 * for a project ({@code ?project=}): its entry is then listed and shown only to those who see the project, and
 * uploading it needs {@code engineer} there (a global viewer bound engineer uploads for that project); uploads
 * without a project follow the global roles.
 */
@Component(service = RestResource.class)
@Path("artifacts")
@Produces(MediaType.APPLICATION_JSON)
public class ArtifactResource implements RestResource {
  private final ArtifactService artifacts;
  private final ProjectScopes scopes;
  private final Supplier<RepositoryService> repository;

  @Activate
  public ArtifactResource(@Reference ArtifactService artifacts, @Reference ProjectScopes scopes) {
    this(artifacts, scopes, null);
  }

  ArtifactResource(ArtifactService artifacts, ProjectScopes scopes, Supplier<RepositoryService> repository) {
    this.artifacts = artifacts;
    this.scopes = scopes;
    this.repository = repository == null ? () -> projects : repository;
  }

  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  private volatile RepositoryService projects;

  /**
   * An artifact as the API shows it ({@code kind} is {@code module}, {@code jdbc} or {@code backup};
   * {@code project} the project it was uploaded for, {@code null} for everyone).
   */
  public record ArtifactView(String sha256, long size, String fileName, String kind, Map<String, String> attributes,
      String createdBy, Instant created, @Nullable String project) {
    static ArtifactView of(Artifact a) {
      return new ArtifactView(a.sha256(), a.size(), a.fileName(), a.kind().id(), a.attributes(), a.createdBy(),
          a.created(), a.project());
    }
  }

  @POST
  @Consumes(MediaType.MULTIPART_FORM_DATA)
  @Allow(value = Role.ENGINEER, scope = "write", byProject = true)
  public Response uploadForm(MultipartBody form, @QueryParam("fileName") String fileName,
      @QueryParam("project") String project, @Context SecurityContext security) throws IOException {
    String forProject = mayUploadFor(project, security);
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
      return created(in, name, forProject, security);
    }
  }

  @POST
  @Consumes({MediaType.APPLICATION_OCTET_STREAM, "application/zip"})
  @Allow(value = Role.ENGINEER, scope = "write", byProject = true)
  public Response uploadBody(InputStream body, @QueryParam("fileName") String fileName,
      @QueryParam("project") String project, @Context SecurityContext security) throws IOException {
    String forProject = mayUploadFor(project, security);
    if (fileName == null || fileName.isBlank()) {
      throw ProblemException.badRequest("fileName", "required with an octet-stream body, e.g. ?fileName=my.modl");
    }
    return created(body, fileName, forProject, security);
  }

  /**
   * Checks the project an upload names before anything is read: it exists and the caller sees it (one answer for
   * both, so a restricted project's name is not confirmed to non-members) and is engineer there; without a
   * project the global role counts.
   *
   * @return the project, or {@code null} for an upload for everyone
   */
  private String mayUploadFor(String project, SecurityContext security) {
    StokerPrincipal caller = Principals.of(security);
    if (project == null || project.isBlank()) {
      scopes.require(caller, Optional.empty(), Role.ENGINEER, null);
      return null;
    }
    String name = project.strip();
    RepositoryService repo = repository.get();
    if (repo == null) {
      throw ProblemException.unavailable("the project repository is not available; upload without a project");
    }
    ProjectScopes.Scope scope = new ProjectScopes.Scope(name, List.of());
    Optional<Role> role = repo.get(name).isPresent() ? scopes.roleIn(caller, scope) : Optional.empty();
    if (role.isEmpty()) {
      throw ProblemException.badRequest("project", "no project '" + name + "'");
    }
    if (!role.get().includes(Role.ENGINEER)) {
      throw new ProblemException(Response.Status.FORBIDDEN, "project: uploading for project '" + name
          + "' needs role 'engineer' or higher there; you are '" + role.get().id() + "'", "project");
    }
    return name;
  }

  /** Any other body type: a clear 415 (after authentication, like every other call). */
  @POST
  @Consumes(MediaType.WILDCARD)
  @Allow(value = Role.ENGINEER, scope = "write")
  public Response uploadOther() {
    throw new ProblemException(Response.Status.UNSUPPORTED_MEDIA_TYPE, "send the file as multipart/form-data (part "
        + "'file') or as an application/octet-stream body with ?fileName=", "Content-Type");
  }

  private Response created(InputStream in, String fileName, String project, SecurityContext security)
      throws IOException {
    Artifact a = artifacts.upload(in, fileName.strip(), project, Principals.of(security).username());
    return Response.status(Response.Status.CREATED).entity(ArtifactView.of(a))
        .header("Location", "/api/v1/artifacts/" + a.sha256()).build();
  }

  @GET
  @Allow(Role.VIEWER)
  public Page<ArtifactView> list(@QueryParam("offset") Integer offset, @QueryParam("limit") Integer limit,
      @Context SecurityContext security) {
    Page<Artifact> page = scopes.visibleOnly(artifacts.list(Paging.of(offset, limit)), Principals.of(security),
        Artifact::project);
    return new Page<>(page.items().stream().map(ArtifactView::of).toList(), page.offset(), page.limit(), page.total());
  }

  /** The entry of the content for everyone, else the first of a project the caller sees. */
  @GET
  @Path("{sha256}")
  @Allow(Role.VIEWER)
  public ArtifactView get(@PathParam("sha256") String sha256, @Context SecurityContext security) {
    StokerPrincipal caller = Principals.of(security);
    return artifacts.entries(sha256).stream().filter(a -> scopes.visible(caller, a.project())).findFirst()
        .map(ArtifactView::of).orElseThrow(() -> ProblemException.notFound("artifact '" + sha256 + "' not found"));
  }
}
