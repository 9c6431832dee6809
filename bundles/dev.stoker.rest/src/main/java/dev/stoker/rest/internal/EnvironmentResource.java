package dev.stoker.rest.internal;

import dev.stoker.api.common.Nullable;
import dev.stoker.api.common.Operation;
import dev.stoker.api.common.Page;
import dev.stoker.api.environment.ArtifactRef;
import dev.stoker.api.environment.Environment;
import dev.stoker.api.environment.EnvironmentBackup;
import dev.stoker.api.environment.EnvironmentService;
import dev.stoker.api.environment.EnvironmentSpec;
import dev.stoker.api.environment.LifecycleAction;
import dev.stoker.api.environment.Orphan;
import dev.stoker.api.environment.ResourceLimits;
import dev.stoker.api.environment.Stage;
import dev.stoker.api.security.Role;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
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
import javax.ws.rs.core.StreamingOutput;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Environments: gateway sandboxes and deployed gateways. Long work answers 202 with an operation. */
@Component(service = RestResource.class)
@Path("environments")
@Produces(MediaType.APPLICATION_JSON)
public class EnvironmentResource implements RestResource {
  private static final int MAX_TAIL = 5000;
  private final EnvironmentService environments;
  private final ProjectScopes scopes;

  @Activate
  public EnvironmentResource(@Reference EnvironmentService environments, @Reference ProjectScopes scopes) {
    this.environments = environments;
    this.scopes = scopes;
  }

  /** What an engineer asks for. Secrets map a platform variable to a secret path; values never travel here. */
  public record EnvironmentRequest(String name, String platform, @Nullable String version, @Nullable String image,
      String stage, @Nullable List<ArtifactRef> modules, @Nullable List<ArtifactRef> jdbcDrivers,
      @Nullable Map<String, String> secrets, @Nullable ArtifactRef restoreBackup,
      @Nullable Map<String, Integer> ports, @Nullable Long memoryMb, @Nullable Double cpus, @Nullable Long ttlMinutes,
      @Nullable Long idleTimeoutMinutes, @Nullable Map<String, String> labels, @Nullable String host) {
  }

  /** An accepted request: the environment as recorded and the operation that provisions it. */
  public record Accepted(Environment environment, Operation operation) {
  }

  /** Orphan list. */
  public record Orphans(List<Orphan> items) {
  }

  /** A backup request; without a key reference the configured default is used. */
  public record BackupRequest(@Nullable String apiKeySecret) {
  }

  /** Which backup: a backup id of the environment, or the sha256 of an uploaded backup artifact. */
  public record BackupChoice(String backup) {
  }

  /** What to upgrade to: a version, or an image. */
  public record UpgradeRequest(@Nullable String version, @Nullable String image) {
  }

  @GET
  @Allow(Role.VIEWER)
  public Page<Environment> list(@QueryParam("offset") Integer offset, @QueryParam("limit") Integer limit,
      @Context SecurityContext security) {
    return scopes.visibleOnly(environments.list(Paging.of(offset, limit)), Principals.of(security),
        e -> e.spec().labels().get(ProjectScopes.PROJECT_LABEL));
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Allow(value = Role.ENGINEER, scope = "write")
  public Response create(@OpenApiBuilder.Example("""
      {"name": "plant-dev", "platform": "ignition", "version": "8.3.4", "stage": "dev", "ttlMinutes": 480,
       "secrets": {"GATEWAY_ADMIN_PASSWORD": "ignition/gateway-admin-password"}}""") EnvironmentRequest body, @Context SecurityContext security) {
    if (body == null) {
      throw ProblemException.badRequest("body", "a JSON object with name, platform, version and stage is required");
    }
    Operation op = environments.create(toSpec(body), Principals.of(security).username());
    Environment env = environments.get(op.target()).orElseThrow();
    return Response.accepted(new Accepted(env, op)).header("Location", "/api/v1/operations/" + op.id()).build();
  }

  static EnvironmentSpec toSpec(EnvironmentRequest r) {
    Stage stage;
    try {
      stage = r.stage() == null ? null : Stage.valueOf(r.stage().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ProblemException.badRequest("stage", "one of dev, test, staging, qa, prod");
    }
    if (r.memoryMb() != null && (r.memoryMb() < 256 || r.memoryMb() > 1_048_576)) {
      throw ProblemException.badRequest("memoryMb", "between 256 and 1048576");
    }
    if (r.cpus() != null && (r.cpus() <= 0 || r.cpus() > 256)) {
      throw ProblemException.badRequest("cpus", "between 0 and 256");
    }
    if (r.ttlMinutes() != null && r.ttlMinutes() < 1) {
      throw ProblemException.badRequest("ttlMinutes", "at least 1");
    }
    if (r.idleTimeoutMinutes() != null && r.idleTimeoutMinutes() < 1) {
      throw ProblemException.badRequest("idleTimeoutMinutes", "at least 1");
    }
    return new EnvironmentSpec(r.name(), r.platform(), r.version(), r.image(), stage, orEmpty(r.modules()),
        orEmpty(r.jdbcDrivers()), r.secrets() == null ? Map.of() : r.secrets(), r.restoreBackup(),
        r.ports() == null ? Map.of() : r.ports(),
        new ResourceLimits(r.memoryMb() == null ? 0 : r.memoryMb() * 1024 * 1024, r.cpus() == null ? 0 : r.cpus()),
        r.ttlMinutes() == null ? null : Duration.ofMinutes(r.ttlMinutes()),
        r.idleTimeoutMinutes() == null ? null : Duration.ofMinutes(r.idleTimeoutMinutes()),
        r.labels() == null ? Map.of() : r.labels(), r.host() == null || r.host().isBlank() ? null : r.host().strip());
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }

  @GET
  @Path("orphans")
  @Allow(value = Role.ADMIN, scope = "admin")
  public Orphans orphans() {
    return new Orphans(environments.orphans());
  }

  @DELETE
  @Path("orphans/{host}/{container}")
  @Allow(value = Role.ADMIN, scope = "admin")
  public Response removeOrphan(@PathParam("host") String host, @PathParam("container") String container,
      @Context SecurityContext security) {
    if (!environments.removeOrphan(host, container, Principals.of(security).username())) {
      throw ProblemException.notFound("no orphan container '" + container + "' on '" + host + "'");
    }
    return Response.noContent().build();
  }

  @GET
  @Path("{id}")
  @Allow(Role.VIEWER)
  public Environment get(@PathParam("id") String id) {
    return environments.get(id).orElseThrow(() -> ProblemException.notFound("environment '" + id + "' not found"));
  }

  @POST
  @Path("{id}/start")
  @Allow(value = Role.ENGINEER, scope = "write")
  public Response start(@PathParam("id") String id, @Context SecurityContext security) {
    return act(id, LifecycleAction.START, security);
  }

  @POST
  @Path("{id}/stop")
  @Allow(value = Role.ENGINEER, scope = "write")
  public Response stop(@PathParam("id") String id, @Context SecurityContext security) {
    return act(id, LifecycleAction.STOP, security);
  }

  @POST
  @Path("{id}/restart")
  @Allow(value = Role.ENGINEER, scope = "write")
  public Response restart(@PathParam("id") String id, @Context SecurityContext security) {
    return act(id, LifecycleAction.RESTART, security);
  }

  private Response act(String id, LifecycleAction action, SecurityContext security) {
    Operation op = environments.change(id, action, Principals.of(security).username());
    if (action != LifecycleAction.DESTROY && action != LifecycleAction.DESTROY_WITH_VOLUME) {
      environments.recordActivity(id);
    }
    return accepted(op);
  }

  private static Response accepted(Operation op) {
    return Response.accepted(op).header("Location", "/api/v1/operations/" + op.id()).build();
  }

  @POST
  @Path("{id}/backups")
  @Consumes(MediaType.APPLICATION_JSON)
  @Allow(value = Role.ENGINEER, scope = "write")
  public Response backup(@PathParam("id") String id, @OpenApiBuilder.OptionalBody BackupRequest body,
      @Context SecurityContext security) {
    Operation op = environments.backup(id, body == null ? null : body.apiKeySecret(),
        Principals.of(security).username());
    environments.recordActivity(id);
    return accepted(op);
  }

  @GET
  @Path("{id}/backups")
  @Allow(Role.VIEWER)
  public Page<EnvironmentBackup> backups(@PathParam("id") String id, @QueryParam("offset") Integer offset,
      @QueryParam("limit") Integer limit) {
    return environments.backups(id, Paging.of(offset, limit));
  }

  @POST
  @Path("{id}/restore")
  @Consumes(MediaType.APPLICATION_JSON)
  @Allow(value = Role.ENGINEER, scope = "write")
  public Response restore(@PathParam("id") String id, BackupChoice body, @Context SecurityContext security) {
    Operation op = environments.restore(id, body == null ? null : body.backup(),
        Principals.of(security).username());
    environments.recordActivity(id);
    return accepted(op);
  }

  @POST
  @Path("{id}/rollback")
  @Consumes(MediaType.APPLICATION_JSON)
  @Allow(value = Role.ENGINEER, scope = "write")
  public Response rollback(@PathParam("id") String id, BackupChoice body, @Context SecurityContext security) {
    Operation op = environments.rollback(id, body == null ? null : body.backup(),
        Principals.of(security).username());
    environments.recordActivity(id);
    return accepted(op);
  }

  @POST
  @Path("{id}/upgrade")
  @Consumes(MediaType.APPLICATION_JSON)
  @Allow(value = Role.ENGINEER, scope = "write")
  public Response upgrade(@PathParam("id") String id, UpgradeRequest body, @Context SecurityContext security) {
    if (body == null) {
      throw ProblemException.badRequest("version", "a JSON object with version or image is required");
    }
    Operation op = environments.upgrade(id, body.version(), body.image(), Principals.of(security).username());
    environments.recordActivity(id);
    return accepted(op);
  }

  /** Keeps an environment with an idle timeout alive, e.g. from a test job that uses the gateway directly. */
  @POST
  @Path("{id}/activity")
  @Allow(value = Role.ENGINEER, scope = "write")
  public Response activity(@PathParam("id") String id) {
    get(id);
    environments.recordActivity(id);
    return Response.noContent().build();
  }

  @DELETE
  @Path("{id}")
  @Allow(value = Role.ENGINEER, scope = "write")
  public Response destroy(@PathParam("id") String id, @QueryParam("volume") String volume,
      @Context SecurityContext security) {
    LifecycleAction action;
    if (volume == null || volume.equals("keep")) {
      action = LifecycleAction.DESTROY;
    } else if (volume.equals("delete")) {
      action = LifecycleAction.DESTROY_WITH_VOLUME;
    } else {
      throw ProblemException.badRequest("volume", "keep (default) or delete");
    }
    return act(id, action, security);
  }

  @GET
  @Path("{id}/logs")
  @Produces({MediaType.TEXT_PLAIN, "text/event-stream"})
  @Allow(Role.VIEWER)
  public Response logs(@PathParam("id") String id, @QueryParam("tail") Integer tail,
      @QueryParam("follow") Boolean follow, @Context SecurityContext security) throws IOException {
    int lines = tail == null ? 200 : tail;
    if (lines < 0 || lines > MAX_TAIL) {
      throw ProblemException.badRequest("tail", "between 0 and " + MAX_TAIL);
    }
    get(id);
    environments.recordActivity(id);
    if (!Boolean.TRUE.equals(follow)) {
      return Response.ok(environments.logs(id, Math.max(1, lines)), MediaType.TEXT_PLAIN_TYPE).build();
    }
    Streams.Permit permit = Streams.SHARED.open(Principals.of(security).username());
    InputStream output;
    try {
      output = environments.followLogs(id, lines); // failures before the stream starts are problems
    } catch (IOException | RuntimeException e) {
      permit.close();
      throw e;
    }
    StreamingOutput stream = out -> {
      try (permit) {
        LogEvents.pump(output, out, Streams.SHARED.maxLifetime());
      }
    };
    return Response.ok(stream, "text/event-stream").header("Cache-Control", "no-cache")
        .header("X-Accel-Buffering", "no").build();
  }
}
