package dev.stoker.rest.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stoker.api.common.Nullable;
import dev.stoker.api.common.Page;
import dev.stoker.api.pipeline.Approval;
import dev.stoker.api.pipeline.PipelineService;
import dev.stoker.api.pipeline.Run;
import dev.stoker.api.security.Role;
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
import javax.ws.rs.core.StreamingOutput;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Pipeline runs: the list across projects, a run, its live events (SSE), step logs, approvals, cancel and
 * retry. See {@code docs/pipelines.md}.
 */
@Component(service = RestResource.class)
@Path("runs")
@Produces(MediaType.APPLICATION_JSON)
public class RunResource implements RestResource {
  private static final long POLL_MS = 1000;
  private static final long KEEPALIVE_MS = 15_000;
  private final PipelineService pipelines;
  private final ProjectScopes scopes;
  private final ObjectMapper json = ApiServer.objectMapper();

  @Activate
  public RunResource(@Reference PipelineService pipelines, @Reference ProjectScopes scopes) {
    this.pipelines = pipelines;
    this.scopes = scopes;
  }

  /** A decision on the stage a run waits on. */
  public record Decision(@Nullable String stage, String decision, @Nullable String comment,
      @Nullable Boolean breakGlass) {
  }

  @GET
  @Allow(Role.VIEWER)
  public Page<Run> list(@QueryParam("project") String project, @QueryParam("offset") Integer offset,
      @QueryParam("limit") Integer limit, @Context SecurityContext security) {
    return scopes.visibleOnly(pipelines.runs(blankToNull(project), Paging.of(offset, limit)), Principals.of(security),
        Run::project);
  }

  @GET
  @Path("{id}")
  @Allow(Role.VIEWER)
  public Run get(@PathParam("id") String id) {
    return find(id);
  }

  private Run find(String id) {
    return pipelines.run(id).orElseThrow(() -> ProblemException.notFound("run '" + id + "' not found"));
  }

  @GET
  @Path("{id}/steps/{step}/log")
  @Produces(MediaType.TEXT_PLAIN)
  @Allow(Role.VIEWER)
  public String log(@PathParam("id") String id, @PathParam("step") String step,
      @QueryParam("maxBytes") Integer maxBytes) {
    int max = maxBytes == null ? 256 * 1024 : maxBytes;
    if (max < 1) {
      throw ProblemException.badRequest("maxBytes", "must be at least 1");
    }
    return pipelines.log(id, step, max);
  }

  @POST
  @Path("{id}/approvals")
  @Consumes(MediaType.APPLICATION_JSON)
  @Allow(value = Role.ENGINEER, scope = "write")
  public Run decide(@PathParam("id") String id, Decision body, @Context SecurityContext security) {
    if (body == null || body.decision() == null) {
      throw ProblemException.badRequest("decision", "required: approve or reject");
    }
    Approval.Decision decision = switch (body.decision().toLowerCase(Locale.ROOT)) {
      case "approve" -> Approval.Decision.APPROVE;
      case "reject" -> Approval.Decision.REJECT;
      case "override_window" -> Approval.Decision.OVERRIDE_WINDOW;
      default -> throw ProblemException.badRequest("decision", "approve, reject or override_window (admins)");
    };
    return pipelines.decide(id, body.stage(), decision, body.comment(), Boolean.TRUE.equals(body.breakGlass()),
        Principals.of(security).username());
  }

  @POST
  @Path("{id}/cancel")
  @Allow(value = Role.ENGINEER, scope = "write")
  public Run cancel(@PathParam("id") String id, @Context SecurityContext security) {
    return pipelines.cancel(id, Principals.of(security).username());
  }

  @POST
  @Path("{id}/retry")
  @Allow(value = Role.ENGINEER, scope = "write")
  public Run retry(@PathParam("id") String id, @Context SecurityContext security) {
    return pipelines.retry(id, Principals.of(security).username());
  }

  @GET
  @Path("{id}/events")
  @Produces("text/event-stream")
  @Allow(Role.VIEWER)
  public Response events(@PathParam("id") String id, @Context SecurityContext security) {
    find(id); // 404 before the stream starts
    Streams.Permit permit = Streams.SHARED.open(Principals.of(security).username());
    StreamingOutput stream = out -> {
      try (permit) {
        stream(id, out);
      }
    };
    return Response.ok(stream, "text/event-stream").header("Cache-Control", "no-cache")
        .header("X-Accel-Buffering", "no").build();
  }

  /** Writes the run whenever it changes until it ends (event {@code done}) or the stream's time is up. */
  private void stream(String id, OutputStream out) throws java.io.IOException {
    Run last = null;
    long start = System.currentTimeMillis();
    long lastWrite = start;
    long max = Streams.SHARED.maxLifetime().toMillis();
    while (System.currentTimeMillis() - start < max) {
      Run now = pipelines.run(id).orElse(null);
      if (now == null) {
        return;
      }
      if (!Objects.equals(now, last)) {
        String event = now.status().ended() ? "done" : "run";
        out.write(("event: " + event + "\ndata: " + json.writeValueAsString(now) + "\n\n")
            .getBytes(StandardCharsets.UTF_8));
        out.flush();
        lastWrite = System.currentTimeMillis();
        last = now;
        if (now.status().ended()) {
          return;
        }
      } else if (System.currentTimeMillis() - lastWrite > KEEPALIVE_MS) {
        out.write(": keep-alive\n\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
        lastWrite = System.currentTimeMillis();
      }
      try {
        Thread.sleep(POLL_MS); // the run's rows are polled: runs change a few times a minute
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
