package dev.stoker.search.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.stoker.api.common.Page;
import dev.stoker.api.common.PageRequest;
import dev.stoker.api.docs.Document;
import dev.stoker.api.docs.DocumentKind;
import dev.stoker.api.docs.DocumentRequest;
import dev.stoker.api.docs.DocumentService;
import dev.stoker.api.docs.DocumentStatus;
import dev.stoker.api.docs.DocumentSummary;
import dev.stoker.api.docs.FactSet;
import dev.stoker.api.docs.Provenance;
import dev.stoker.api.docs.SearchHit;
import dev.stoker.api.docs.SearchResult;
import dev.stoker.api.repository.ProjectInfo;
import dev.stoker.api.repository.RepositoryService;
import dev.stoker.api.repository.Resource;
import dev.stoker.api.repository.ResourceTree;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Documents in the search index, with the real all-MiniLM-L6-v2 model: a question about what a document says finds
 * the document (its current version, whatever its status) ahead of the resources, and the index follows edits and
 * new versions.
 */
class DocumentSearchTest {
  private static final Map<String, Document> DOCS = new ConcurrentHashMap<>();
  private static final AtomicInteger READS = new AtomicInteger();
  private static ProjectSearchImpl search;
  private static AllMiniLmL6V2EmbeddingModel model;

  @BeforeAll
  static void setUp() {
    TreeMap<String, Resource> resources = new TreeMap<>();
    GeneratedProject.view(resources, "Alarms/AlarmAcknowledge", List.of("Acknowledge the selected alarms",
        "Active alarms", "system.alarm.acknowledge(ids, 'notes')"));
    GeneratedProject.view(resources, "Tanks/TankFarm", List.of("Tank level", "Tank farm overview"));
    GeneratedProject.view(resources, "Water/ChlorineDosing", List.of("Chlorine dosing pump", "Free chlorine"));
    ResourceTree tree = new ResourceTree(new byte[0], resources, new byte[0]);
    RepositoryService repo = proxy(RepositoryService.class, (name, args) -> switch (name) {
      case "get" -> Optional.of(new ProjectInfo("plant", "ignition", null, "main", "a1b2c3d", null));
      case "read" -> tree;
      default -> throw new UnsupportedOperationException(name);
    });
    put("d1", DocumentKind.COMPLIANCE_REPORT, "Compliance report of run 3f0c2d9e", DocumentStatus.SIGNED, false,
        "# Compliance report\n\nThe pipeline run [run1] deployed release 2.3 to production.\n\n"
            + "## Approvals\n\n- prod: approve by lee [a1], the change manager signed off the production rollout\n\n"
            + "## Tests\n\n- validate: succeeded, 14 scripts compiled [s1]\n");
    put("d2", DocumentKind.RELEASE_NOTES, "Release notes of 2.3", DocumentStatus.DRAFT, false,
        "# Release 2.3\n\nThe evaporator now shows its steam temperature on the overview [d1].\n");
    put("d3", DocumentKind.PROJECT_MANUAL, "Project manual of plant", DocumentStatus.SIGNED, true,
        "# Manual\n\nThe packaging line prints barcode labels for the cartons.\n");
    put("d4", DocumentKind.PROJECT_MANUAL, "Project manual of plant", DocumentStatus.DRAFT, false,
        "# Manual\n\nThe site has a weather station measuring rain and wind.\n\n```mermaid\nflowchart LR\n"
            + "  n1[\"packaging barcode labels cartons\"]\n```\n");
    DocumentService docs = proxy(DocumentService.class, (name, args) -> switch (name) {
      case "list" -> {
        PageRequest page = (PageRequest) args[1];
        List<DocumentSummary> all = DOCS.values().stream().sorted((a, b) -> a.id().compareTo(b.id()))
            .map(DocumentSearchTest::summary).toList();
        yield new Page<>(all.subList(Math.min(page.offset(), all.size()), Math.min(all.size(), page.offset()
            + page.limit())), page.offset(), page.limit(), all.size());
      }
      case "get" -> {
        READS.incrementAndGet();
        yield Optional.ofNullable(DOCS.get((String) args[0]));
      }
      default -> throw new UnsupportedOperationException(name);
    });
    model = new AllMiniLmL6V2EmbeddingModel();
    search = new ProjectSearchImpl(repo, () -> model);
    search.documents = docs;
  }

  @Test
  void aQuestionAboutWhatADocumentSaysFindsTheDocumentFirst() {
    SearchResult r = search.search("plant", "who signed off the production rollout", 5);
    assertEquals(3, r.documents(), "d1, d2, d4: the superseded manual is left out");
    assertEquals(3, r.indexed());
    SearchHit best = r.hits().get(0);
    assertEquals("document", best.category());
    assertEquals("d1", best.documentId());
    assertEquals(DocumentKind.COMPLIANCE_REPORT, best.kind());
    assertEquals("Compliance report of run 3f0c2d9e", best.title());
    assertEquals(DocumentStatus.SIGNED, best.status());
    assertNull(best.path());
    assertTrue(best.excerpt().contains("signed off the production rollout"), best.excerpt());
    for (int i = 1; i < r.hits().size(); i++) {
      assertTrue(r.hits().get(i - 1).score() >= r.hits().get(i).score(), r.hits().toString());
    }
    assertEquals(1, r.hits().stream().filter(h -> "d1".equals(h.documentId())).count(), "one hit per document");

    SearchHit draft = search.search("plant", "steam temperature of the evaporator", 3).hits().get(0);
    assertEquals("d2", draft.documentId());
    assertEquals(DocumentStatus.DRAFT, draft.status(), "drafts are found, labelled as drafts");

    SearchHit resource = search.search("plant", "acknowledge alarms", 3).hits().get(0);
    assertEquals(GeneratedProject.VIEWS + "Alarms/AlarmAcknowledge", resource.path());
    assertNull(resource.documentId());
  }

  @Test
  void supersededVersionsAndCodeBlocksAreNotIndexed() {
    for (SearchHit h : search.search("plant", "barcode labels for the cartons", 10).hits()) {
      assertFalse("d3".equals(h.documentId()), "superseded: " + h);
      assertFalse(h.excerpt().contains("barcode"), "Mermaid text is not indexed: " + h);
    }
  }

  @Test
  void anEditedDocumentIsIndexedAgainAndOnlyIt() {
    search.search("plant", "pumps", 3);
    int before = READS.get();
    put("d5", DocumentKind.CHANGE_SUMMARY, "Change summary", DocumentStatus.DRAFT, false,
        "# Changes\n\nThe compressor room ventilation fans were renamed.\n");
    SearchHit found = search.search("plant", "ventilation of the compressor room", 3).hits().get(0);
    assertEquals("d5", found.documentId());
    assertEquals(before + 1, READS.get(), "only the new document is read");

    put("d5", DocumentKind.CHANGE_SUMMARY, "Change summary", DocumentStatus.IN_REVIEW, false,
        "# Changes\n\nThe cooling tower water treatment schedule moved to Mondays.\n");
    SearchHit edited = search.search("plant", "cooling tower water treatment schedule", 3).hits().get(0);
    assertEquals("d5", edited.documentId());
    assertEquals(DocumentStatus.IN_REVIEW, edited.status());
    assertTrue(edited.excerpt().contains("Mondays"), edited.excerpt());
    assertTrue(search.search("plant", "ventilation of the compressor room", 10).hits().stream()
        .noneMatch(h -> h.excerpt().contains("ventilation")), "the old text is gone from the index");

    DOCS.remove("d5");
    assertTrue(search.search("plant", "cooling tower water treatment schedule", 10).hits().stream()
        .noneMatch(h -> "d5".equals(h.documentId())));
  }

  @Test
  void withoutTheDocumentServiceOnlyResourcesAreFound() {
    ProjectSearchImpl resourcesOnly = new ProjectSearchImpl(proxy(RepositoryService.class, (name, args) ->
        switch (name) {
          case "get" -> Optional.of(new ProjectInfo("plant", "ignition", null, "main", "a1b2c3d", null));
          case "read" -> new ResourceTree(new byte[0], new TreeMap<>(), new byte[0]);
          default -> throw new UnsupportedOperationException(name);
        }), () -> model);
    SearchResult r = resourcesOnly.search("plant", "who signed off the production rollout", 5);
    assertEquals(0, r.documents());
    assertTrue(r.hits().isEmpty(), r.hits().toString());
  }

  private static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");
  private static final AtomicInteger CLOCK = new AtomicInteger();

  private static void put(String id, DocumentKind kind, String title, DocumentStatus status, boolean superseded,
      String content) {
    Instant updated = T0.plusSeconds(CLOCK.incrementAndGet());
    DOCS.put(id, new Document(id, "plant", kind, new DocumentRequest(kind, null, null, null, null, null, null, null),
        title, 1, status, content, new FactSet(List.of(), List.of(), "f"), new Provenance("template", "template",
        "template-1", "1", "p", "f", List.of(), updated, 0, 0, List.of(), null), List.of(), List.of(), null, null,
        superseded ? "d4" : null, false, "ann", T0, updated));
  }

  private static DocumentSummary summary(Document d) {
    return new DocumentSummary(d.id(), d.project(), d.kind(), d.title(), d.version(), d.status(), 0, "template",
        d.supersededBy() != null, d.stale(), d.updated());
  }

  @SuppressWarnings("unchecked")
  private static <T> T proxy(Class<T> type, java.util.function.BiFunction<String, Object[], Object> answer) {
    return (T) Proxy.newProxyInstance(DocumentSearchTest.class.getClassLoader(), new Class<?>[] {type},
        (p, method, args) -> answer.apply(method.getName(), args));
  }
}
