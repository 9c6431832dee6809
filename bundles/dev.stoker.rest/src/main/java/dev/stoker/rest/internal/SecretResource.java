package dev.stoker.rest.internal;

import dev.stoker.api.common.Nullable;
import dev.stoker.api.security.StagePolicy;
import dev.stoker.api.common.Page;
import dev.stoker.api.secrets.ScopeChain;
import dev.stoker.api.secrets.Scopes;
import dev.stoker.api.secrets.SecretLease;
import dev.stoker.api.secrets.SecretMetadata;
import dev.stoker.api.secrets.SecretScope;
import dev.stoker.api.secrets.SecretService;
import dev.stoker.api.secrets.SecretType;
import dev.stoker.api.secrets.SecretWrite;
import dev.stoker.api.security.Role;
import dev.stoker.api.security.StokerPrincipal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.CacheControl;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import javax.ws.rs.core.UriInfo;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Secrets: metadata, write-only values, versions, rollback, rotation, leases and the privileged reveal.
 * A secret is addressed by {@code scope} ({@code workspace}, {@code project:<id>}, {@code stage:<id>},
 * {@code environment:<id>}) and {@code path} (e.g. {@code db/main/password}), given as query
 * parameters or body fields because paths contain slashes.
 */
@Component(service = RestResource.class)
@Path("secrets")
@Produces(MediaType.APPLICATION_JSON)
public class SecretResource implements RestResource {
  private static final long MAX_TTL_SECONDS = 7 * 24 * 3600;
  private final SecretService secrets;
  private final SecretGuard guard;

  @Activate
  public SecretResource(@Reference SecretService secrets, @Reference StagePolicy stages,
      @Reference ProjectScopes scopes) {
    this.secrets = secrets;
    this.guard = new SecretGuard(scopes, stages);
  }

  /** The scope, once the caller may act on it with {@code needed} ({@link SecretGuard}). */
  private SecretScope scope(String text, SecurityContext security, Role needed, boolean use) {
    return guard.scope(text, Principals.of(security), needed, use);
  }

  /**
   * A new version. Give the value as text ({@code value}) or, for binary PKCS#12 files, as base64
   * ({@code valueBase64}); {@code importPassword} opens a PKCS#12 file or an encrypted PEM key.
   */
  public record NewSecret(String scope, String path, String type, @Nullable String value,
      @Nullable String valueBase64, @Nullable String importPassword, @Nullable Instant expires,
      @Nullable Integer rotationDays) {
    @Override
    public String toString() {
      return "NewSecret[scope=" + scope + ", path=" + path + ", type=" + type + ", value=***]";
    }
  }

  /** Names one version of one secret; {@code version} 0 or absent means the latest. */
  public record VersionRef(String scope, String path, @Nullable Integer version) {
  }

  /** Rotation schedule; 0 turns it off. */
  public record Schedule(String scope, String path, Integer rotationDays) {
  }

  /** A revealed value. Never logged. */
  public record Revealed(String scope, String path, int version, String value) {
    @Override
    public String toString() {
      return "Revealed[scope=" + scope + ", path=" + path + ", version=" + version + ", value=***]";
    }
  }

  /** Where the consumer sits, for inheritance (environment over stage over project over workspace). */
  public record LeaseRequest(String project, String stage, String environment, List<String> paths,
      Long ttlSeconds) {
  }

  /** An env-file template rendered into a lease file. */
  public record RenderRequest(String project, String stage, String environment, String template, String fileName,
      Long ttlSeconds) {
  }

  /** A lease as the API shows it: ids and file locations, never values. */
  public record LeaseView(String id, Instant expires, Map<String, String> files) {
    static LeaseView of(SecretLease lease) {
      return new LeaseView(lease.id(), lease.expires(), lease.files().entrySet().stream()
          .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> e.getValue().toString())));
    }
  }

  /** The master key id after a rotation. */
  public record MasterKey(String id) {
  }

  // ---- metadata (engineers and above; values never included)

  @GET
  @Allow(value = Role.ENGINEER, byProject = true)
  public Page<SecretMetadata> list(@QueryParam("scope") String scope, @QueryParam("offset") Integer offset,
      @QueryParam("limit") Integer limit, @Context SecurityContext security) {
    return secrets.list(scope(scope == null ? "workspace" : scope, security, Role.ENGINEER, false),
        Paging.of(offset, limit));
  }

  @GET
  @Path("metadata")
  @Allow(value = Role.ENGINEER, byProject = true)
  public SecretMetadata metadata(@QueryParam("scope") String scope, @QueryParam("path") String path,
      @QueryParam("version") Integer version, @Context SecurityContext security) {
    SecretScope s = scope(scope, security, Role.ENGINEER, false);
    return secrets.metadata(s, required("path", path), version == null ? 0 : version)
        .orElseThrow(() -> ProblemException.notFound("secret '" + Scopes.reference(s, path) + "'"
            + (version == null || version == 0 ? "" : " version " + version) + " not found"));
  }

  @GET
  @Path("versions")
  @Allow(value = Role.ENGINEER, byProject = true)
  public List<SecretMetadata> versions(@QueryParam("scope") String scope, @QueryParam("path") String path,
      @Context SecurityContext security) {
    SecretScope s = scope(scope, security, Role.ENGINEER, false);
    List<SecretMetadata> versions = secrets.versions(s, required("path", path));
    if (versions.isEmpty()) {
      throw ProblemException.notFound("secret '" + Scopes.reference(s, path) + "' not found");
    }
    return versions;
  }

  @GET
  @Path("resolve")
  @Allow(value = Role.ENGINEER, byProject = true)
  public SecretMetadata resolve(@QueryParam("project") String project, @QueryParam("stage") String stage,
      @QueryParam("environment") String environment, @QueryParam("path") String path,
      @Context SecurityContext security) {
    ScopeChain chain = guard.chain(project, stage, environment, Principals.of(security), Role.ENGINEER, false);
    return secrets.resolve(chain, required("path", path))
        .orElseThrow(() -> ProblemException.notFound("no scope of the chain has secret '" + path + "'"));
  }

  // ---- writes (leads and above)

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Allow(value = Role.LEAD, scope = "write", byProject = true)
  public Response write(@OpenApiBuilder.Example("""
      {"scope": "project:plant", "path": "db/historian", "type": "password", "value": "s3cret-Passw0rd",
       "rotationDays": 90}""") NewSecret body, @Context SecurityContext security, @Context UriInfo uri) {
    SecretScope scope = scope(body == null ? null : body.scope(), security, Role.LEAD, true);
    if (body == null) {
      throw ProblemException.badRequest("body", "a JSON object with scope, path, type and value is required");
    }
    if (body.value() != null && body.valueBase64() != null) {
      throw ProblemException.badRequest("value", "give value or valueBase64, not both");
    }
    byte[] value;
    if (body.valueBase64() != null) {
      try {
        value = Base64.getDecoder().decode(body.valueBase64());
      } catch (IllegalArgumentException e) {
        throw ProblemException.badRequest("valueBase64", "not valid base64");
      }
    } else if (body.value() != null) {
      value = body.value().getBytes(StandardCharsets.UTF_8);
    } else {
      throw ProblemException.badRequest("value", "required (or valueBase64)");
    }
    SecretType type = type(body.type());
    SecretWrite write = new SecretWrite(body.path(), scope, type, value,
        body.importPassword() == null ? null : body.importPassword().toCharArray(), body.expires(),
        body.rotationDays());
    SecretMetadata m = secrets.write(write, Principals.of(security).username());
    URI location = uri.getBaseUriBuilder().path("secrets").path("metadata")
        .queryParam("scope", Scopes.format(m.scope())).queryParam("path", m.path())
        .queryParam("version", m.version()).build();
    return Response.created(location).entity(m).build();
  }

  @POST
  @Path("rollback")
  @Consumes(MediaType.APPLICATION_JSON)
  @Allow(value = Role.LEAD, scope = "write", byProject = true)
  public SecretMetadata rollback(VersionRef body, @Context SecurityContext security) {
    SecretScope scope = scope(body == null ? null : body.scope(), security, Role.LEAD, true);
    if (body.version() == null) {
      throw ProblemException.badRequest("version", "required: the version to go back to");
    }
    return secrets.rollback(scope, required("path", body.path()), body.version(),
        Principals.of(security).username());
  }

  @POST
  @Path("rotate")
  @Consumes(MediaType.APPLICATION_JSON)
  @Allow(value = Role.LEAD, scope = "write", byProject = true)
  public SecretMetadata rotate(VersionRef body, @Context SecurityContext security) {
    SecretScope scope = scope(body == null ? null : body.scope(), security, Role.LEAD, true);
    return secrets.rotate(scope, required("path", body.path()),
        Principals.of(security).username());
  }

  @PUT
  @Path("schedule")
  @Consumes(MediaType.APPLICATION_JSON)
  @Allow(value = Role.LEAD, scope = "write", byProject = true)
  public SecretMetadata schedule(Schedule body, @Context SecurityContext security) {
    SecretScope scope = scope(body == null ? null : body.scope(), security, Role.LEAD, true);
    if (body.rotationDays() == null) {
      throw ProblemException.badRequest("rotationDays", "required (0 turns scheduled rotation off)");
    }
    return secrets.schedule(scope, required("path", body.path()), body.rotationDays(),
        Principals.of(security).username());
  }

  @DELETE
  @Allow(value = Role.LEAD, scope = "write", byProject = true)
  public Response delete(@QueryParam("scope") String scope, @QueryParam("path") String path,
      @Context SecurityContext security) {
    SecretScope s = scope(scope, security, Role.LEAD, true);
    if (!secrets.delete(s, required("path", path), Principals.of(security).username())) {
      throw ProblemException.notFound("secret '" + Scopes.reference(s, path) + "' not found");
    }
    return Response.noContent().build();
  }

  // ---- reveal: privileged, audited, never cached

  @POST
  @Path("reveal")
  @Consumes(MediaType.APPLICATION_JSON)
  @Allow(value = Role.LEAD, scope = "admin", byProject = true)
  public Response reveal(VersionRef body, @Context SecurityContext security) {
    SecretScope s = scope(body == null ? null : body.scope(), security, Role.LEAD, true);
    String path = required("path", body.path());
    int version = body.version() == null ? 0 : body.version();
    StokerPrincipal caller = Principals.of(security);
    byte[] value = secrets.reveal(s, path, version, caller.username());
    try {
      int actual = version != 0 ? version
          : secrets.metadata(s, path, 0).map(SecretMetadata::version).orElse(0);
      CacheControl noStore = new CacheControl();
      noStore.setNoStore(true);
      noStore.setPrivate(true);
      return Response.ok(new Revealed(Scopes.format(s), path, actual, new String(value, StandardCharsets.UTF_8)))
          .cacheControl(noStore).header("Pragma", "no-cache").build();
    } finally {
      Arrays.fill(value, (byte) 0);
    }
  }

  // ---- leases and templates (leads and above: the files land on the Stoker host)

  @POST
  @Path("leases")
  @Consumes(MediaType.APPLICATION_JSON)
  @Allow(value = Role.LEAD, scope = "write", byProject = true)
  public LeaseView lease(LeaseRequest body, @Context SecurityContext security) {
    ScopeChain chain = body == null ? guard.chain(null, null, null, Principals.of(security), Role.LEAD, true)
        : guard.chain(body.project(), body.stage(), body.environment(), Principals.of(security), Role.LEAD, true);
    if (body == null || body.paths() == null || body.paths().isEmpty()) {
      throw ProblemException.badRequest("paths", "at least one secret path is required");
    }
    return LeaseView.of(secrets.lease(chain,
        body.paths(), ttl(body.ttlSeconds()), Principals.of(security).username()));
  }

  @POST
  @Path("leases/render")
  @Consumes(MediaType.APPLICATION_JSON)
  @Allow(value = Role.LEAD, scope = "write", byProject = true)
  public LeaseView render(RenderRequest body, @Context SecurityContext security) {
    ScopeChain chain = body == null ? guard.chain(null, null, null, Principals.of(security), Role.LEAD, true)
        : guard.chain(body.project(), body.stage(), body.environment(), Principals.of(security), Role.LEAD, true);
    if (body == null) {
      throw ProblemException.badRequest("template", "required");
    }
    return LeaseView.of(secrets.render(chain,
        body.template(), body.fileName() == null ? "secrets.env" : body.fileName(), ttl(body.ttlSeconds()),
        Principals.of(security).username()));
  }

  @GET
  @Path("leases")
  @Allow(value = Role.LEAD)
  public List<LeaseView> leases() {
    return secrets.leases().stream().map(LeaseView::of).toList();
  }

  @DELETE
  @Path("leases/{id}")
  @Allow(value = Role.LEAD, scope = "write")
  public Response release(@PathParam("id") String id, @Context SecurityContext security) {
    if (!secrets.release(id, Principals.of(security).username())) {
      throw ProblemException.notFound("lease '" + id + "' not found");
    }
    return Response.noContent().build();
  }

  // ---- master key (admins)

  @POST
  @Path("master-key/rotate")
  @Allow(value = Role.ADMIN, scope = "admin")
  public MasterKey rotateMasterKey(@Context SecurityContext security) {
    return new MasterKey(secrets.rotateMasterKey(Principals.of(security).username()));
  }

  // ---- helpers: the service checks again; these give the field name for HTTP-only problems

  private static SecretType type(String text) {
    try {
      return Scopes.parseType(text);
    } catch (IllegalArgumentException e) {
      throw ProblemException.badRequest("type", e.getMessage().substring("type: ".length()));
    }
  }

  private static String required(String field, String value) {
    if (value == null || value.isBlank()) {
      throw ProblemException.badRequest(field, "required");
    }
    return value;
  }

  private static Duration ttl(Long seconds) {
    long s = seconds == null ? 900 : seconds;
    if (s < 1 || s > MAX_TTL_SECONDS) {
      throw ProblemException.badRequest("ttlSeconds", "must be between 1 and " + MAX_TTL_SECONDS);
    }
    return Duration.ofSeconds(s);
  }
}
