package dev.stoker.search.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.stoker.api.common.ConflictException;
import dev.stoker.api.common.InvalidInputException;
import dev.stoker.api.common.NotFoundException;
import dev.stoker.api.docs.SearchHit;
import dev.stoker.api.docs.SearchResult;
import dev.stoker.api.repository.ProjectInfo;
import dev.stoker.api.repository.RepositoryService;
import dev.stoker.api.repository.ResourceTree;
import java.lang.reflect.Proxy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Semantic search with the real all-MiniLM-L6-v2 model on a generated 2,000-resource project: a behaviour
 * described in other words than the view's own finds that view in the top 3 for most of the test set.
 */
class ProjectSearchTest {
  /** What a person would ask → the view that does it (no query repeats the view's name). */
  static final Map<String, String> QUERIES = new LinkedHashMap<>();
  static final double THRESHOLD = 0.8;

  static {
    QUERIES.put("where operators confirm the alarms they have seen", "Alarms/AlarmAcknowledge");
    QUERIES.put("screen that shows whether the burner flame is lit and runs the purge", "Boiler/BurnerManagement");
    QUERIES.put("download a summary of how much was produced in each shift", "Reports/ShiftReport");
    QUERIES.put("give repair jobs to maintenance people", "Maintenance/WorkOrders");
    QUERIES.put("let a user set a new password", "Login/ChangePassword");
    QUERIES.put("edit the ingredients of a batch and send it to the controller", "Recipes/RecipeEditor");
    QUERIES.put("how much electricity the plant used today and what it cost", "Energy/PowerDashboard");
    QUERIES.put("statistical process control chart with limits", "Quality/SpcChart");
    QUERIES.put("how full the storage tanks are", "Tanks/TankFarm");
    QUERIES.put("history of who changed which value", "Security/AuditTrail");
    QUERIES.put("book loading docks for incoming lorries", "Shipping/TruckScheduling");
    QUERIES.put("heating and air conditioning of the rooms", "Hvac/RoomClimate");
    QUERIES.put("print barcode stickers for the boxes", "Packaging/LabelPrinter");
    QUERIES.put("disinfectant dosing for the drinking water", "Water/ChlorineDosing");
    QUERIES.put("watch live pictures from the site cameras", "Cameras/VideoWall");
    QUERIES.put("which spare parts must be ordered again", "Inventory/SpareParts");
    QUERIES.put("why the line stopped and how long it was down", "Downtime/DowntimeReasons");
    QUERIES.put("the menu to move between screens", "Navigation/MainMenu");
    QUERIES.put("compressed air system pressure and leaks", "Utilities/CompressedAir");
    QUERIES.put("rain and wind outside", "Site/WeatherStation");
  }

  private static final AtomicInteger READS = new AtomicInteger();
  private static final Map<String, ProjectInfo> PROJECTS = new LinkedHashMap<>();
  private static ProjectSearchImpl search;

  @BeforeAll
  static void index() {
    PROJECTS.put("plant", new ProjectInfo("plant", "ignition", null, "main", "a1b2c3d", null));
    PROJECTS.put("empty", new ProjectInfo("empty", "ignition", null, "main", null, null));
    ResourceTree tree = GeneratedProject.tree();
    RepositoryService repo = (RepositoryService) Proxy.newProxyInstance(ProjectSearchTest.class.getClassLoader(),
        new Class<?>[] {RepositoryService.class}, (proxy, method, args) -> switch (method.getName()) {
          case "get" -> Optional.ofNullable(PROJECTS.get((String) args[0]));
          case "read" -> {
            READS.incrementAndGet();
            yield tree;
          }
          default -> throw new UnsupportedOperationException(method.getName());
        });
    search = new ProjectSearchImpl(repo, AllMiniLmL6V2EmbeddingModel::new);
  }

  @Test
  void findsTheDescribedViewInTheTopThree() {
    long started = System.nanoTime();
    SearchResult first = search.search("plant", "alarm", 3);
    System.out.printf("indexed %d resources in %d ms%n", first.indexed(), (System.nanoTime() - started) / 1_000_000);
    assertEquals(GeneratedProject.SIZE, first.indexed());
    assertEquals("a1b2c3d", first.revision());
    int hits = 0;
    for (Map.Entry<String, String> q : QUERIES.entrySet()) {
      List<SearchHit> top = search.search("plant", q.getKey(), 3).hits();
      List<String> paths = top.stream().map(SearchHit::path).toList();
      boolean hit = paths.contains(GeneratedProject.VIEWS + q.getValue());
      hits += hit ? 1 : 0;
      System.out.printf("%s %-70s -> %s%n", hit ? "hit " : "MISS", q.getKey(), paths);
    }
    double rate = (double) hits / QUERIES.size();
    System.out.printf("semantic search hit rate (right view in the top 3): %d of %d = %.2f%n", hits, QUERIES.size(),
        rate);
    assertTrue(rate >= THRESHOLD, "hit rate " + rate + " below " + THRESHOLD);
    assertEquals(1, READS.get(), "the revision's index is built once");
  }

  @Test
  void answersHitsBestFirstWithCategoryAndExcerpt() {
    List<SearchHit> hits = search.search("plant", "acknowledge alarms", 5).hits();
    assertEquals(5, hits.size());
    for (int i = 1; i < hits.size(); i++) {
      assertTrue(hits.get(i - 1).score() >= hits.get(i).score());
    }
    SearchHit best = hits.get(0);
    assertEquals(GeneratedProject.VIEWS + "Alarms/AlarmAcknowledge", best.path());
    assertEquals("view", best.category());
    assertTrue(best.excerpt().startsWith("view Alarms Alarm Acknowledge."), best.excerpt());
  }

  @Test
  void refusesBadInput() {
    assertEquals("q", assertThrows(InvalidInputException.class, () -> search.search("plant", "  ", 3)).field());
    assertEquals("q", assertThrows(InvalidInputException.class, () -> search.search("plant", "x".repeat(501), 3))
        .field());
    assertEquals("limit", assertThrows(InvalidInputException.class, () -> search.search("plant", "pumps", 0))
        .field());
    assertEquals("limit", assertThrows(InvalidInputException.class, () -> search.search("plant", "pumps", 51))
        .field());
    assertThrows(NotFoundException.class, () -> search.search("nope", "pumps", 3));
    assertThrows(ConflictException.class, () -> search.search("empty", "pumps", 3));
  }
}
