package dev.stoker.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.stoker.api.docs.ProjectSearch;
import dev.stoker.api.docs.SearchHit;
import dev.stoker.api.docs.SearchResult;
import dev.stoker.api.security.Role;
import dev.stoker.testing.Fakes;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The search endpoint: for viewers, 10 hits unless asked, 503 naming the feature while it is not installed. */
class ProjectSearchResourceTest {
  @Test
  void passesTheQueryOnWithTenHitsByDefault() {
    AtomicReference<Object[]> asked = new AtomicReference<>();
    SearchResult answer = new SearchResult("plant", "abc1234", "alarms", 1, "all-MiniLM-L6-v2",
        List.of(new SearchHit("com.inductiveautomation.perspective/views/Alarms", "view", 0.8, "view Alarms.")));
    ProjectSearch search = Fakes.of(ProjectSearch.class, Map.of("search", a -> {
      asked.set(a);
      return answer;
    }));
    ProjectSearchResource resource = new ProjectSearchResource(search);
    assertEquals(answer, resource.search("plant", "alarms", null));
    assertEquals(List.of("plant", "alarms", 10), List.of(asked.get()));
    resource.search("plant", "alarms", 3);
    assertEquals(3, asked.get()[2]);
  }

  @Test
  void answers503NamingTheFeatureWithoutTheSearch() {
    ProblemException e = assertThrows(ProblemException.class,
        () -> new ProjectSearchResource().search("plant", "alarms", null));
    assertEquals(503, e.getResponse().getStatus());
    assertEquals(true, e.getMessage().contains("feature:install stoker-search"), e.getMessage());
  }

  @Test
  void isForViewers() throws Exception {
    assertEquals(Role.VIEWER, ProjectSearchResource.class.getMethod("search", String.class, String.class,
        Integer.class).getAnnotation(Allow.class).value());
  }
}
