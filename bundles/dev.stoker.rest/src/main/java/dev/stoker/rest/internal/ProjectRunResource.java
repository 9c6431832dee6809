package dev.stoker.rest.internal;

import dev.stoker.api.common.Nullable;
import dev.stoker.api.common.Page;
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
import java.net.URI;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** A project's pipeline runs: {@code GET /projects/{p}/runs} (newest first) and {@code POST} to start one. */
@Component(service = RestResource.class)
@Path("projects/{p}/runs")
@Produces(MediaType.APPLICATION_JSON)
public class ProjectRunResource implements RestResource {
  private final PipelineService pipelines;

  @Activate
  public ProjectRunResource(@Reference PipelineService pipelines) {
    this.pipelines = pipelines;
  }

  /** A run to start: the revision (branch, tag or commit; default branch when absent) and why. */
  public record NewRun(@Nullable String rev, @Nullable String reason) {
  }

  @GET
  @Allow(Role.VIEWER)
  public Page<Run> runs(@PathParam("p") String project, @QueryParam("offset") Integer offset,
      @QueryParam("limit") Integer limit) {
    pipelines.pipeline(project, null); // 404 for an unknown project
    return pipelines.runs(project, Paging.of(offset, limit));
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Allow(value = Role.ENGINEER, scope = "write")
  public Response start(@PathParam("p") String project, @OpenApiBuilder.OptionalBody @OpenApiBuilder.Example("""
      {"rev": "main", "reason": "release 1.4 to QA"}""") NewRun body,
      @Context SecurityContext security) {
    Run run = pipelines.start(project, body == null ? null : body.rev(), body == null ? null : body.reason(),
        Principals.of(security).username());
    return Response.created(URI.create("/api/v1/runs/" + run.id())).entity(run).build();
  }
}
