package dev.stoker.rest.internal;

import dev.stoker.api.common.Nullable;
import dev.stoker.api.common.Page;
import dev.stoker.api.common.PageRequest;
import dev.stoker.api.repository.BranchInfo;
import dev.stoker.api.repository.ImportResult;
import dev.stoker.api.repository.MergeState;
import dev.stoker.api.repository.ProjectInfo;
import dev.stoker.api.repository.Release;
import dev.stoker.api.repository.RemoteInfo;
import dev.stoker.api.repository.RepositoryService;
import dev.stoker.api.repository.Resolution;
import dev.stoker.api.repository.ResourceDiff;
import dev.stoker.api.repository.Revision;
import dev.stoker.api.repository.TreeListing;
import dev.stoker.api.security.Role;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
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
import javax.ws.rs.core.StreamingOutput;
import org.apache.cxf.jaxrs.ext.multipart.Attachment;
import org.apache.cxf.jaxrs.ext.multipart.MultipartBody;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Projects in Git: CRUD, imports (multipart upload of a project export and/or a tag export), branches,
 * history, browsing, semantic diff, merges with conflict resolution, releases, exports and the mirror
 * remote. See {@code docs/projects-api.md}.
 */
@Component(service = RestResource.class)
@Path("projects")
@Produces(MediaType.APPLICATION_JSON)
public class ProjectResource implements RestResource {
  private final RepositoryService repository;
  private final ProjectScopes scopes;

  @Activate
  public ProjectResource(@Reference RepositoryService repository, @Reference ProjectScopes scopes) {
    this.repository = repository;
    this.scopes = scopes;
  }

  /** A new project. */
  public record NewProject(String name, String platform, @Nullable String description) {
  }

  /** A new branch. */
  public record NewBranch(String name, @Nullable String from) {
  }

  /** A merge request. */
  public record NewMerge(String source, String target, @Nullable String message) {
  }

  /** A release request. */
  public record NewRelease(String name, @Nullable String rev, @Nullable String sourceEnvironment,
      @Nullable String message) {
  }

  /** The mirror remote. */
  public record RemoteBody(String url, @Nullable String secret) {
  }

  /** A live pull from a running environment. */
  public record EnvironmentImport(String environment, @Nullable String project, @Nullable String tagProvider,
      @Nullable String apiKeySecret, @Nullable String branch, @Nullable String message) {
  }

  /** An import of a gateway project folder on the Stoker host. */
  public record FolderImport(String path, @Nullable String branch, @Nullable String message) {
  }

  /** A push or pull. */
  public record BranchRef(@Nullable String branch) {
  }

  /**
   * A diff answer: one page of the changed resources (in path order) that match the filters, with totals.
   *
   * @param total how many resources match the filters
   * @param kinds how many changes of each kind the folder holds (before the kind and runtime filters)
   * @param runtimeOnly how many of the folder's changed resources changed in runtime values only
   */
  public record Diff(String from, String to, List<ResourceDiff> changes, int offset, int limit, long total,
      java.util.Map<dev.stoker.api.repository.ChangeKind, Long> kinds, long runtimeOnly) {
  }

  /** An import answer: the revision and whether it changed anything. */
  public record Imported(String id, String author, String message, java.time.Instant time, boolean changed) {
    static Imported of(ImportResult r) {
      Revision v = r.revision();
      return new Imported(v.id(), v.author(), v.message(), v.time(), r.changed());
    }
  }

  // ---- projects

  @GET
  @Allow(Role.VIEWER)
  public Page<ProjectInfo> list(@QueryParam("offset") Integer offset, @QueryParam("limit") Integer limit,
      @Context SecurityContext security) {
    return scopes.visibleOnly(repository.list(Paging.of(offset, limit)), Principals.of(security), ProjectInfo::name);
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Allow(value = Role.LEAD, scope = "write")
  public Response create(@OpenApiBuilder.Example("""
      {"name": "plant", "platform": "ignition", "description": "Line 3 gateway project"}""") NewProject body, @Context SecurityContext security) {
    if (body == null) {
      throw ProblemException.badRequest("body", "a JSON object with name and platform is required");
    }
    ProjectInfo p = repository.create(body.name(), body.platform(), body.description(), actor(security));
    return Response.created(URI.create("/api/v1/projects/" + p.name())).entity(p).build();
  }

  @GET
  @Path("{p}")
  @Allow(Role.VIEWER)
  public ProjectInfo get(@PathParam("p") String project) {
    return repository.get(project).orElseThrow(() -> notFound(project));
  }

  @DELETE
  @Path("{p}")
  @Allow(value = Role.ADMIN, scope = "admin")
  public Response delete(@PathParam("p") String project, @Context SecurityContext security) {
    if (!repository.delete(project, actor(security))) {
      throw notFound(project);
    }
    return Response.noContent().build();
  }

  // ---- branches

  @GET
  @Path("{p}/branches")
  @Allow(Role.VIEWER)
  public List<BranchInfo> branches(@PathParam("p") String project) {
    return repository.branches(project);
  }

  @POST
  @Path("{p}/branches")
  @Consumes(MediaType.APPLICATION_JSON)
  @Allow(value = Role.ENGINEER, scope = "write")
  public Response createBranch(@PathParam("p") String project, NewBranch body, @Context SecurityContext security) {
    if (body == null) {
      throw ProblemException.badRequest("body", "a JSON object with name (and from) is required");
    }
    BranchInfo b = repository.createBranch(project, body.name(), body.from(), actor(security));
    return Response.created(URI.create("/api/v1/projects/" + project + "/branches/" + b.name())).entity(b).build();
  }

  @DELETE
  @Path("{p}/branches/{b: .+}")
  @Allow(value = Role.ENGINEER, scope = "write")
  public Response deleteBranch(@PathParam("p") String project, @PathParam("b") String branch,
      @Context SecurityContext security) {
    if (!repository.deleteBranch(project, branch, actor(security))) {
      throw ProblemException.notFound("branch '" + branch + "' not found in project " + project);
    }
    return Response.noContent().build();
  }

  // ---- imports

  @POST
  @Path("{p}/imports")
  @Consumes(MediaType.MULTIPART_FORM_DATA)
  @Allow(value = Role.ENGINEER, scope = "write")
  public Response importForm(@PathParam("p") String project, MultipartBody form, @QueryParam("branch") String branch,
      @QueryParam("message") String message, @QueryParam("expectedHead") String expectedHead,
      @Context SecurityContext security) throws IOException {
    if (form == null) {
      throw ProblemException.badRequest("project", "a multipart form with a 'project' and/or a 'tags' part");
    }
    Attachment zip = form.getAttachment("project");
    Attachment tags = form.getAttachment("tags");
    if (zip == null && tags == null) {
      throw ProblemException.badRequest("project", "the form has neither a 'project' (export zip) nor a 'tags' "
          + "(tag export JSON) part");
    }
    String msg = message != null ? message : text(form.getAttachment("message"));
    String br = branch != null ? branch : text(form.getAttachment("branch"));
    try (InputStream z = zip == null ? null : zip.getDataHandler().getInputStream();
        InputStream t = tags == null ? null : tags.getDataHandler().getInputStream()) {
      ImportResult r = repository.importExport(project, br, z, t, expectedHead, actor(security), msg);
      return Response.status(r.changed() ? Response.Status.CREATED : Response.Status.OK).entity(Imported.of(r)).build();
    }
  }

  @POST
  @Path("{p}/imports")
  @Consumes({"application/zip", MediaType.APPLICATION_OCTET_STREAM})
  @Allow(value = Role.ENGINEER, scope = "write")
  public Response importZip(@PathParam("p") String project, InputStream zip, @QueryParam("branch") String branch,
      @QueryParam("message") String message, @QueryParam("expectedHead") String expectedHead,
      @Context SecurityContext security) throws IOException {
    ImportResult r = repository.importExport(project, branch, zip, null, expectedHead, actor(security),
        message);
    return Response.status(r.changed() ? Response.Status.CREATED : Response.Status.OK).entity(Imported.of(r)).build();
  }

  @POST
  @Path("{p}/imports/environment")
  @Consumes(MediaType.APPLICATION_JSON)
  @Allow(value = Role.ENGINEER, scope = "write")
  public Response importEnvironment(@PathParam("p") String project, EnvironmentImport body,
      @Context SecurityContext security) throws IOException {
    if (body == null) {
      throw ProblemException.badRequest("body", "a JSON object with environment and project is required");
    }
    ImportResult r = repository.importFromEnvironment(project, body.branch(), body.environment(),
        body.project(), body.tagProvider(), body.apiKeySecret(), actor(security), body.message());
    return Response.status(r.changed() ? Response.Status.CREATED : Response.Status.OK).entity(Imported.of(r)).build();
  }

  @POST
  @Path("{p}/imports/folder")
  @Consumes(MediaType.APPLICATION_JSON)
  @Allow(value = Role.ADMIN, scope = "admin")
  public Response importFolder(@PathParam("p") String project, FolderImport body, @Context SecurityContext security)
      throws IOException {
    if (body == null || body.path() == null || body.path().isBlank()) {
      throw ProblemException.badRequest("path", "the project folder on the Stoker host is required");
    }
    ImportResult r = repository.importFolder(project, body.branch(), java.nio.file.Path.of(body.path()),
        actor(security), body.message());
    return Response.status(r.changed() ? Response.Status.CREATED : Response.Status.OK).entity(Imported.of(r)).build();
  }

  /** Any other body type: a clear 415 (after authentication, like every other call). */
  @POST
  @Path("{p}/imports")
  @Consumes(MediaType.WILDCARD)
  @Allow(value = Role.ENGINEER, scope = "write")
  public Response importOther(@PathParam("p") String project) {
    throw new ProblemException(Response.Status.UNSUPPORTED_MEDIA_TYPE, "send the project export as multipart/form-data "
        + "(parts 'project' and/or 'tags') or as an application/zip body", "Content-Type");
  }

  private static String text(Attachment part) {
    if (part == null) {
      return null;
    }
    try (InputStream in = part.getDataHandler().getInputStream()) {
      byte[] bytes = in.readNBytes(10_001);
      if (bytes.length > 10_000) {
        throw ProblemException.badRequest("message", "at most 10000 characters");
      }
      return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw ProblemException.badRequest("form", "unreadable part: " + e.getMessage());
    }
  }

  // ---- reading

  @GET
  @Path("{p}/history")
  @Allow(Role.VIEWER)
  public Page<Revision> history(@PathParam("p") String project, @QueryParam("branch") String branch,
      @QueryParam("offset") Integer offset, @QueryParam("limit") Integer limit) {
    return repository.log(project, branch, Paging.of(offset, limit));
  }

  @GET
  @Path("{p}/tree")
  @Allow(Role.VIEWER)
  public TreeListing tree(@PathParam("p") String project, @QueryParam("rev") String rev) {
    return repository.tree(project, rev);
  }

  @GET
  @Path("{p}/file")
  @Produces({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN, MediaType.APPLICATION_OCTET_STREAM})
  @Allow(Role.VIEWER)
  public Response file(@PathParam("p") String project, @QueryParam("rev") String rev, @QueryParam("path") String path)
      throws IOException {
    byte[] content = repository.file(project, rev, path)
        .orElseThrow(() -> ProblemException.notFound("no file '" + path + "' in that revision"));
    String type = path.endsWith(".json") ? MediaType.APPLICATION_JSON
        : isText(content) ? MediaType.TEXT_PLAIN + ";charset=utf-8" : MediaType.APPLICATION_OCTET_STREAM;
    return Response.ok(content, type).build();
  }

  private static boolean isText(byte[] content) {
    for (int i = 0; i < Math.min(content.length, 8000); i++) {
      if (content[i] == 0) {
        return false;
      }
    }
    return true;
  }

  @GET
  @Path("{p}/diff")
  @Allow(Role.VIEWER)
  public Diff diff(@PathParam("p") String project, @QueryParam("from") String from, @QueryParam("to") String to,
      @QueryParam("folder") String folder, @QueryParam("kind") String kind, @QueryParam("runtime") String runtime,
      @QueryParam("offset") Integer offset, @QueryParam("limit") Integer limit) {
    PageRequest page = Paging.of(offset, limit);
    DiffPages.Runtime r = DiffPages.runtime(runtime);
    dev.stoker.api.repository.ChangeKind k = DiffPages.kind(kind);
    return DiffPages.page(from, to, repository.diff(project, from, to), folder, k, r, page);
  }

  // ---- merges

  @POST
  @Path("{p}/merges")
  @Consumes(MediaType.APPLICATION_JSON)
  @Allow(value = Role.ENGINEER, scope = "write")
  public Response merge(@PathParam("p") String project, NewMerge body, @Context SecurityContext security) {
    if (body == null) {
      throw ProblemException.badRequest("body", "a JSON object with source and target is required");
    }
    MergeState m = repository.merge(project, body.source(), body.target(), body.message(), actor(security));
    return Response.created(URI.create("/api/v1/projects/" + project + "/merges/" + m.id())).entity(m).build();
  }

  @GET
  @Path("{p}/merges/{id}")
  @Allow(Role.VIEWER)
  public MergeState mergeState(@PathParam("p") String project, @PathParam("id") String id) {
    return repository.mergeState(project, id);
  }

  @PUT
  @Path("{p}/merges/{id}/resolutions")
  @Consumes(MediaType.APPLICATION_JSON)
  @Allow(value = Role.ENGINEER, scope = "write")
  public MergeState resolve(@PathParam("p") String project, @PathParam("id") String id, List<Resolution> body,
      @Context SecurityContext security) {
    return repository.resolve(project, id, body, actor(security));
  }

  @POST
  @Path("{p}/merges/{id}/commit")
  @Allow(value = Role.ENGINEER, scope = "write")
  public Response commitMerge(@PathParam("p") String project, @PathParam("id") String id,
      @Context SecurityContext security) {
    Revision r = repository.commitMerge(project, id, actor(security));
    return Response.status(Response.Status.CREATED).entity(r).build();
  }

  @DELETE
  @Path("{p}/merges/{id}")
  @Allow(value = Role.ENGINEER, scope = "write")
  public Response abandon(@PathParam("p") String project, @PathParam("id") String id,
      @Context SecurityContext security) {
    if (!repository.abandonMerge(project, id, actor(security))) {
      throw ProblemException.notFound("merge '" + id + "' not found in project " + project);
    }
    return Response.noContent().build();
  }

  // ---- releases and exports

  @GET
  @Path("{p}/releases")
  @Allow(Role.VIEWER)
  public List<Release> releases(@PathParam("p") String project) {
    return repository.releases(project);
  }

  @POST
  @Path("{p}/releases")
  @Consumes(MediaType.APPLICATION_JSON)
  @Allow(value = Role.ENGINEER, scope = "write")
  public Response release(@PathParam("p") String project, NewRelease body, @Context SecurityContext security)
      throws IOException {
    if (body == null) {
      throw ProblemException.badRequest("body", "a JSON object with name (and rev) is required");
    }
    Release r = repository.release(project, body.name(), body.rev(), body.sourceEnvironment(),
        body.message(), actor(security));
    return Response.created(URI.create("/api/v1/projects/" + project + "/releases/" + r.name())).entity(r).build();
  }

  @GET
  @Path("{p}/export")
  @Produces("application/zip")
  @Allow(Role.VIEWER)
  public Response export(@PathParam("p") String project, @QueryParam("rev") String rev) throws IOException {
    // Render first so that errors become problems, not a half-sent zip; into a file, not the heap, so that a
    // large project costs disk while it is sent, not memory. The file goes when the answer is sent.
    java.nio.file.Path spool = java.nio.file.Files.createTempFile("stoker-export-", ".zip");
    try {
      try (java.io.OutputStream out = java.nio.file.Files.newOutputStream(spool)) {
        repository.export(project, rev, out);
      }
    } catch (IOException | RuntimeException e) {
      java.nio.file.Files.deleteIfExists(spool);
      throw e;
    }
    String name = project + (rev == null || rev.isBlank() ? "" : "-" + rev.replaceAll("[^A-Za-z0-9._-]", "_")) + ".zip";
    StreamingOutput body = o -> {
      try {
        java.nio.file.Files.copy(spool, o);
      } finally {
        java.nio.file.Files.deleteIfExists(spool);
      }
    };
    return Response.ok(body, "application/zip").header("Content-Disposition", "attachment; filename=\"" + name + "\"")
        .build();
  }

  @GET
  @Path("{p}/export/tags")
  @Allow(Role.VIEWER)
  public Response exportTags(@PathParam("p") String project, @QueryParam("rev") String rev) {
    byte[] tags = repository.exportTags(project, rev)
        .orElseThrow(() -> ProblemException.notFound("that revision holds no tag export"));
    return Response.ok(tags, MediaType.APPLICATION_JSON).build();
  }

  // ---- mirror

  @GET
  @Path("{p}/remote")
  @Allow(Role.VIEWER)
  public RemoteInfo remote(@PathParam("p") String project) {
    return repository.remote(project)
        .orElseThrow(() -> ProblemException.notFound("project " + project + " has no remote"));
  }

  @PUT
  @Path("{p}/remote")
  @Consumes(MediaType.APPLICATION_JSON)
  @Allow(value = Role.LEAD, scope = "write")
  public RemoteInfo setRemote(@PathParam("p") String project, RemoteBody body, @Context SecurityContext security) {
    if (body == null) {
      throw ProblemException.badRequest("body", "a JSON object with url (and secret) is required");
    }
    return repository.setRemote(project, body.url(), body.secret(), actor(security));
  }

  @POST
  @Path("{p}/remote/push")
  @Consumes(MediaType.APPLICATION_JSON)
  @Allow(value = Role.ENGINEER, scope = "write")
  public BranchInfo push(@PathParam("p") String project, @OpenApiBuilder.OptionalBody BranchRef body,
      @Context SecurityContext security) {
    return repository.push(project, body == null ? null : body.branch(), actor(security));
  }

  @POST
  @Path("{p}/remote/pull")
  @Consumes(MediaType.APPLICATION_JSON)
  @Allow(value = Role.ENGINEER, scope = "write")
  public BranchInfo pull(@PathParam("p") String project, @OpenApiBuilder.OptionalBody BranchRef body,
      @Context SecurityContext security) {
    return repository.pull(project, body == null ? null : body.branch(), actor(security));
  }

  private static String actor(SecurityContext security) {
    return Principals.of(security).username();
  }

  private static ProblemException notFound(String project) {
    return ProblemException.notFound("project '" + project + "' not found");
  }
}
