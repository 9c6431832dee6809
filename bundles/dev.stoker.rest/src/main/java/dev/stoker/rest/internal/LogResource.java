package dev.stoker.rest.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stoker.api.common.Page;
import dev.stoker.api.security.Role;
import dev.stoker.api.telemetry.LogEntry;
import dev.stoker.api.telemetry.LogService;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
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

/**
 * Collected gateway logs: search per environment and across ({@code ?q=&environment=&level=&since=&offset=&limit=},
 * newest first) and the live tail as server-sent events ({@code tail}: one {@code log} event per matching line as
 * JSON, a comment every 15 s, an {@code end} event when the stream reaches its longest time). A tail that cannot
 * keep up drops lines and says how many in a {@code dropped} event.
 */
@Component(service = RestResource.class)
@Path("logs")
@Produces(MediaType.APPLICATION_JSON)
public class LogResource implements RestResource {
  private static final long KEEPALIVE_MS = 15_000;
  private static final ObjectMapper JSON = ApiServer.objectMapper();
  private final LogService logs;

  @Activate
  public LogResource(@Reference LogService logs) {
    this.logs = logs;
  }

  @GET
  @Allow(Role.VIEWER)
  public Page<LogEntry> search(@QueryParam("q") String q, @QueryParam("environment") String environment,
      @QueryParam("level") String level, @QueryParam("since") String since, @QueryParam("offset") Integer offset,
      @QueryParam("limit") Integer limit) {
    return logs.search(q, environment, level, instant(since), Paging.of(offset, limit));
  }

  private static Instant instant(String since) {
    return since == null || since.isBlank() ? null : MetricsHistoryResource.instant("since", since);
  }

  @GET
  @Path("tail")
  @Produces("text/event-stream")
  @Allow(Role.VIEWER)
  public Response tail(@QueryParam("q") String q, @QueryParam("environment") String environment,
      @QueryParam("level") String level, @Context SecurityContext security) throws Exception {
    BlockingQueue<LogEntry> lines = new ArrayBlockingQueue<>(1024);
    AtomicLong dropped = new AtomicLong();
    AutoCloseable follow = logs.follow(q, environment, level, e -> {
      if (!lines.offer(e)) {
        dropped.incrementAndGet();
      }
    }); // bad filters are problems before the stream starts
    Streams.Permit permit;
    try {
      permit = Streams.SHARED.open(Principals.of(security).username());
    } catch (RuntimeException e) {
      follow.close();
      throw e;
    }
    StreamingOutput stream = out -> {
      try (permit) {
        pump(lines, dropped, out, System.currentTimeMillis() + Streams.SHARED.maxLifetime().toMillis());
      } finally {
        try {
          follow.close();
        } catch (Exception e) {
          // the subscription only leaves a list
        }
      }
    };
    return Response.ok(stream, "text/event-stream").header("Cache-Control", "no-cache")
        .header("X-Accel-Buffering", "no").build();
  }

  static void pump(BlockingQueue<LogEntry> lines, AtomicLong dropped, OutputStream out, long end) throws IOException {
    write(out, ": following\n\n");
    while (true) {
      LogEntry next;
      try {
        next = lines.poll(Math.max(1, Math.min(KEEPALIVE_MS, end - System.currentTimeMillis())),
            TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      long lost = dropped.getAndSet(0);
      if (lost > 0) {
        write(out, "event: dropped\ndata: {\"lines\":" + lost + "}\n\n");
      }
      if (next != null) {
        write(out, "event: log\ndata: " + JSON.writeValueAsString(next) + "\n\n");
      }
      if (System.currentTimeMillis() > end) {
        write(out, "event: end\ndata: {\"reason\":\"the stream reached its longest time; reconnect to go on\"}\n\n");
        return;
      }
      if (next == null) {
        write(out, ": keep-alive\n\n");
      }
    }
  }

  private static void write(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }
}
