package dev.stoker.rest.internal;

import dev.stoker.api.common.Nullable;
import dev.stoker.api.common.Page;
import dev.stoker.api.pipeline.Deployment;
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

/**
 * What is deployed where: the deployment history (by environment and/or project, newest first) and rollback to
 * an earlier deployment, as a run. See {@code docs/pipelines.md}.
 */
@Component(service = RestResource.class)
@Path("deployments")
@Produces(MediaType.APPLICATION_JSON)
public class DeploymentResource implements RestResource {
  private final PipelineService pipelines;

  @Activate
  public DeploymentResource(@Reference PipelineService pipelines) {
    this.pipelines = pipelines;
  }

  /** A rollback request. */
  public record RollbackBody(@Nullable String reason) {
  }

  @GET
  @Allow(Role.VIEWER)
  public Page<Deployment> deployments(@QueryParam("environment") String environment,
      @QueryParam("project") String project, @QueryParam("offset") Integer offset,
      @QueryParam("limit") Integer limit) {
    return pipelines.deployments(blankToNull(environment), blankToNull(project), Paging.of(offset, limit));
  }

  @POST
  @Path("{id}/rollback")
  @Consumes(MediaType.APPLICATION_JSON)
  @Allow(value = Role.ENGINEER, scope = "write")
  public Response rollback(@PathParam("id") String id, @OpenApiBuilder.OptionalBody RollbackBody body,
      @Context SecurityContext security) {
    Run run = pipelines.rollback(id, body == null ? null : body.reason(), Principals.of(security).username());
    return Response.created(URI.create("/api/v1/runs/" + run.id())).entity(run).build();
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
