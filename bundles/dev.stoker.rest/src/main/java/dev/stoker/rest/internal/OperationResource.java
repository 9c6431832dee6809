package dev.stoker.rest.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stoker.api.common.Operation;
import dev.stoker.api.common.Page;
import dev.stoker.api.environment.EnvironmentService;
import dev.stoker.api.security.Role;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.SecurityContext;
import javax.ws.rs.core.StreamingOutput;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

/**
 * Long-running operations: their state, and their progress as server-sent events (one {@code progress}
 * event per change, a final {@code done} event, a comment every 15 s to keep proxies from closing the
 * stream).
 */
@Component(service = {RestResource.class, EventHandler.class},
    property = EventConstants.EVENT_TOPIC + "=" + OperationSignals.TOPIC)
@Path("operations")
@Produces(MediaType.APPLICATION_JSON)
public class OperationResource implements RestResource, EventHandler {
  /** Longest wait for a change event before the operation is read again anyway. */
  private static final long POLL_MS = 1000;
  private static final long KEEPALIVE_MS = 15_000;
  private static final long MAX_STREAM_MS = 30 * 60_000;
  private final EnvironmentService environments;
  /** Wakes this resource's progress streams on change events (this component is their event handler). */
  private final OperationSignals signals = new OperationSignals();
  private final ObjectMapper json = ApiServer.objectMapper();

  @Activate
  public OperationResource(@Reference EnvironmentService environments) {
    this.environments = environments;
  }

  @Override
  public void handleEvent(Event event) {
    signals.handleEvent(event);
  }

  @GET
  @Allow(Role.VIEWER)
  public Page<Operation> list(@QueryParam("target") String target, @QueryParam("offset") Integer offset,
      @QueryParam("limit") Integer limit) {
    if (target == null || target.isBlank()) {
      throw ProblemException.badRequest("target", "required: the id of the environment the operations work on");
    }
    return environments.operations(target, Paging.of(offset, limit));
  }

  @GET
  @Path("{id}")
  @Allow(Role.VIEWER)
  public Operation get(@PathParam("id") String id) {
    return find(environments, id);
  }

  private static Operation find(EnvironmentService environments, String id) {
    return environments.operation(id).orElseThrow(() -> ProblemException.notFound("operation '" + id + "' not found"));
  }

  @GET
  @Path("{id}/events")
  @Produces("text/event-stream")
  @Allow(Role.VIEWER)
  public Response events(@PathParam("id") String id, @Context SecurityContext security) {
    find(environments, id); // 404 before the stream starts
    Streams.Permit permit = Streams.SHARED.open(Principals.of(security).username());
    StreamingOutput stream = out -> {
      try (permit; OperationSignals.Subscription changes = signals.subscribe(id)) {
        stream(environments, id, out, changes);
      }
    };
    return Response.ok(stream, "text/event-stream").header("Cache-Control", "no-cache")
        .header("X-Accel-Buffering", "no").build();
  }

  /** Writes the operation whenever it changes, woken by its change events, until it is done. */
  private void stream(EnvironmentService environments, String id, OutputStream out,
      OperationSignals.Subscription changes) throws java.io.IOException {
    Operation last = null;
    long start = System.currentTimeMillis();
    long lastWrite = start;
    long max = Math.min(MAX_STREAM_MS, Streams.SHARED.maxLifetime().toMillis());
    while (System.currentTimeMillis() - start < max) {
      Operation now = environments.operation(id).orElse(null);
      if (now == null) {
        return;
      }
      if (!Objects.equals(now, last)) {
        write(out, now.status().isDone() ? "done" : "progress", json.writeValueAsString(now));
        lastWrite = System.currentTimeMillis();
        last = now;
        if (now.status().isDone()) {
          return;
        }
      } else if (System.currentTimeMillis() - lastWrite > KEEPALIVE_MS) {
        out.write(": keep-alive\n\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
        lastWrite = System.currentTimeMillis();
      }
      try {
        changes.await(POLL_MS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static void write(OutputStream out, String event, String data) throws java.io.IOException {
    out.write(("event: " + event + "\ndata: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }
}
