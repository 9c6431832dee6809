package dev.stoker.rest.internal;

import dev.stoker.api.docs.ProjectSearch;
import dev.stoker.api.docs.SearchResult;
import dev.stoker.api.security.Role;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Semantic search over a project's resources: {@code GET /projects/{p}/search?q=&limit=} (viewer). The search
 * comes with the feature {@code stoker-search} (not booted); without it the answer is 503 naming the feature.
 * See {@code docs/documents.md}.
 */
@Component(service = RestResource.class)
@Path("projects/{p}/search")
@Produces(MediaType.APPLICATION_JSON)
public class ProjectSearchResource implements RestResource {
  static final int DEFAULT_LIMIT = 10;

  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  private volatile ProjectSearch search;

  public ProjectSearchResource() {
  }

  ProjectSearchResource(ProjectSearch search) {
    this.search = search;
  }

  @GET
  @Allow(Role.VIEWER)
  public SearchResult search(@PathParam("p") String project, @QueryParam("q") String q,
      @QueryParam("limit") Integer limit) {
    ProjectSearch s = search;
    if (s == null) {
      throw ProblemException.unavailable("semantic search is not installed: feature:install stoker-search");
    }
    return s.search(project, q, limit == null ? DEFAULT_LIMIT : limit);
  }
}
