package dev.stoker.rest.internal;

import dev.stoker.api.common.Nullable;
import dev.stoker.api.pipeline.PipelineError;
import dev.stoker.api.pipeline.PipelineFile;
import dev.stoker.api.pipeline.PipelineService;
import dev.stoker.api.security.Role;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.QueryParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * A project's pipeline file: {@code GET/PUT /projects/{p}/pipeline} (each save is a commit),
 * and {@code POST /projects/{p}/pipeline/validate} (every error with field and line, for editors). See
 * {@code docs/pipelines.md}.
 */
@Component(service = RestResource.class)
@Path("projects/{p}/pipeline")
@Produces(MediaType.APPLICATION_JSON)
public class PipelineResource implements RestResource {
  private final PipelineService pipelines;

  @Activate
  public PipelineResource(@Reference PipelineService pipelines) {
    this.pipelines = pipelines;
  }

  /** A pipeline file to save. */
  public record PipelineBody(String yaml, @Nullable String branch, @Nullable String expectedHead) {
  }

  /** A pipeline file to check. */
  public record PipelineText(String yaml) {
  }

  /** Every error of a pipeline file; none when valid. */
  public record Validation(boolean valid, List<PipelineError> errors) {
  }

  @GET
  @Allow(Role.VIEWER)
  public PipelineFile get(@PathParam("p") String project, @QueryParam("rev") String rev) {
    return pipelines.pipeline(project, rev);
  }

  @PUT
  @Consumes(MediaType.APPLICATION_JSON)
  @Allow(value = Role.ENGINEER, scope = "write")
  public PipelineFile save(@PathParam("p") String project, PipelineBody body, @Context SecurityContext security) {
    if (body == null || body.yaml() == null) {
      throw ProblemException.badRequest("yaml", "required: the pipeline file's text");
    }
    return pipelines.save(project, body.branch(), body.yaml(), body.expectedHead(),
        Principals.of(security).username());
  }

  @POST
  @Path("validate")
  @Consumes(MediaType.APPLICATION_JSON)
  @Allow(Role.VIEWER)
  public Validation validate(@PathParam("p") String project, PipelineText body) {
    if (body == null || body.yaml() == null) {
      throw ProblemException.badRequest("yaml", "required: the pipeline file's text");
    }
    List<PipelineError> errors = pipelines.problems(body.yaml());
    return new Validation(errors.isEmpty(), errors);
  }
}
