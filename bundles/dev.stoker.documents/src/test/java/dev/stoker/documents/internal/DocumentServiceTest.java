package dev.stoker.documents.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stoker.api.common.ConflictException;
import dev.stoker.api.common.ForbiddenException;
import dev.stoker.api.common.InvalidInputException;
import dev.stoker.api.common.NotFoundException;
import dev.stoker.api.common.PageRequest;
import dev.stoker.api.common.UnavailableException;
import dev.stoker.api.docs.Document;
import dev.stoker.api.docs.DocumentKind;
import dev.stoker.api.docs.DocumentRequest;
import dev.stoker.api.docs.DocumentStatus;
import dev.stoker.api.docs.Finding;
import dev.stoker.api.store.Persistence;
import dev.stoker.store.internal.Standalone;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The service on H2 with the real facts, template writer, grounding check, review rules and rows. */
class DocumentServiceTest {
  private final World world = new World();
  private Persistence persistence;
  private DocumentServiceImpl service;

  @BeforeEach
  void setUp() {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    persistence = Standalone.open(ds);
    service = open();
  }

  private DocumentServiceImpl open() {
    DocumentServiceImpl s = new DocumentServiceImpl(persistence);
    s.repository = world.repository();
    s.pipelines = world.pipelines();
    s.users = world.users();
    s.audit = world.auditLog();
    return s;
  }

  @AfterEach
  void tearDown() {
    service.close();
  }

  private static DocumentRequest request(DocumentKind kind) {
    return switch (kind) {
      case CHANGE_SUMMARY -> DocumentRequest.changes(World.C1, "main");
      case RELEASE_NOTES -> new DocumentRequest(kind, null, null, "v2", null, null, null, null);
      case COMPLIANCE_REPORT -> new DocumentRequest(kind, null, null, null, World.T0, World.T0.plusSeconds(86400),
          null, null);
      case PROJECT_MANUAL -> new DocumentRequest(kind, null, "main", null, null, null, null, null);
    };
  }

  @Test
  void templateWriterWritesEveryKindOfflineAndGrounded() {
    for (DocumentKind kind : DocumentKind.values()) {
      Document d = service.generate("plant", request(kind), "ann");
      assertEquals(DocumentStatus.DRAFT, d.status(), kind.id());
      assertEquals(List.of(), d.findings(), kind.id() + " must be grounded by construction:\n" + d.content());
      assertEquals("template", d.provenance().writer());
      assertEquals("template", d.provenance().provider());
      assertEquals(TemplateWriter.VERSION, d.provenance().templateVersion());
      assertEquals(64, d.provenance().promptSha256().length());
      assertEquals(d.facts().sha256(), d.provenance().factsSha256());
      assertTrue(d.provenance().revisions().contains(World.C3), kind.id());
      assertEquals(d, service.get(d.id()).orElseThrow(), "stored as generated");
    }
    assertEquals(4, service.list("plant", PageRequest.first()).total());
    assertEquals(4, world.audit.stream().filter(r -> r.action().equals("document.generate")).count());
  }

  @Test
  void changeSummaryCitesTheDiffAndCommitsAndNeverASecretValue() {
    Document d = service.generate("plant", request(DocumentKind.CHANGE_SUMMARY), "ann");
    assertTrue(d.content().contains("modified `" + World.MAIN + "`"), d.content());
    assertTrue(d.content().contains("added `" + World.SCRIPT + "`"), d.content());
    assertTrue(d.content().contains("`c3d4e5f` by ann: Rename the speed label"), d.content());
    assertFalse(d.content().contains("a1b2c3d` by"), "the from revision itself is not a change: " + d.content());
    assertTrue(d.content().contains("2 resources changed: 1 added, 1 modified"), d.content());
    String facts = Json.write(d.facts());
    assertFalse(facts.contains("hunter2") || facts.contains("correct-horse"), facts);
    assertTrue(facts.contains("/params/dbPassword: [redacted]"), facts);
    // citations point at real facts
    assertTrue(d.facts().fact("d1").isPresent() && d.content().contains("[d1]"));
  }

  @Test
  void complianceReportOfARunNamesItsApproversAndTestResults() {
    Document d = service.generate("plant", new DocumentRequest(DocumentKind.COMPLIANCE_REPORT, null, null, null,
        null, null, World.RUN, null), "ann");
    String c = d.content();
    assertTrue(c.contains("prod: approve by lee"), c);
    assertTrue(c.contains("test / validate (validate): succeeded — 14 scripts compiled"), c);
    assertTrue(c.contains("test / smoke (http-check): succeeded"), c);
    assertTrue(c.contains("prod-1 (prod) succeeded, deployed by ann"), c);
    assertTrue(c.contains("approved by lee"), c);
    assertTrue(c.contains("Intact: 42 entries checked"), c);
    assertEquals(List.of(), d.findings());
  }

  @Test
  void complianceReportOfAPeriodListsRotationsByNameOnly() {
    Document d = service.generate("plant", request(DocumentKind.COMPLIANCE_REPORT), "ann");
    assertTrue(d.content().contains("`project:plant/db/password` by lee"), d.content());
    assertTrue(d.content().contains("`b2c3d4e` by bob: Add the recipe script"), d.content());
  }

  @Test
  void projectManualHasTheInventoryAndTheDependencyGraph() {
    Document d = service.generate("plant", request(DocumentKind.PROJECT_MANUAL), "ann");
    String c = d.content();
    assertTrue(c.contains("Views: 2, scripts: 1, named queries: 1"), c);
    assertTrue(c.contains("`" + World.MAIN + "` embeds `" + World.HEADER + "`"), c);
    assertTrue(c.contains("`" + World.SCRIPT + "` calls `" + World.QUERY + "`"), c);
    assertTrue(c.contains("```mermaid\nflowchart LR\n"), c);
    assertTrue(c.contains("`Motor` UdtType") && c.contains("`Line3/M1` UdtInstance of Motor"), c);
  }

  @Test
  void reviewedApprovedAndSignedDocumentIsImmutableAndANewVersionSupersedesIt() {
    Document d = service.generate("plant", request(DocumentKind.RELEASE_NOTES), "ann");
    d = service.edit(d.id(), d.content() + "\nReviewed with operations.\n", "ann");
    d = service.review(d.id(), "submit", null, "ann");
    assertEquals(DocumentStatus.IN_REVIEW, d.status());
    d = service.review(d.id(), "comment", "fine by me", "ann");
    d = service.review(d.id(), "approve", null, "lee");
    assertEquals(DocumentStatus.APPROVED, d.status());
    Document signed = service.sign(d.id(), "lee");
    assertEquals(DocumentStatus.SIGNED, signed.status());
    assertEquals("lee", signed.signature().signer());
    assertEquals(Json.sha256(signed.content() + "\n" + signed.facts().sha256()), signed.signature().sha256());
    assertEquals("lee", signed.provenance().signer());
    assertEquals(List.of("lee"), signed.provenance().reviewers());
    assertEquals(signed, service.get(d.id()).orElseThrow());

    String id = d.id();
    assertThrows(ConflictException.class, () -> service.edit(id, "changed", "ada"));
    assertThrows(ConflictException.class, () -> service.review(id, "request-changes", null, "ada"));
    assertThrows(ConflictException.class, () -> service.sign(id, "ada"));

    Document next = service.supersede(id, "ann");
    assertEquals(2, next.version());
    assertEquals(DocumentStatus.DRAFT, next.status());
    assertEquals(id, next.supersedes());
    assertNull(next.signature());
    assertEquals(next.id(), service.get(id).orElseThrow().supersededBy());
    assertEquals(signed.content(), service.get(id).orElseThrow().content());
    assertThrows(ConflictException.class, () -> service.supersede(id, "ann"), "one successor only");
    assertTrue(world.audit.stream().anyMatch(r -> r.action().equals("document.sign") && r.actor().equals("lee")
        && r.detail().contains(signed.signature().sha256())));
  }

  @Test
  void lowerRolesCannotCrossTheirBoundaries() {
    assertThrows(ForbiddenException.class, () -> service.generate("plant", request(DocumentKind.CHANGE_SUMMARY),
        "vic"));
    Document d = service.generate("plant", request(DocumentKind.CHANGE_SUMMARY), "ann");
    String id = d.id();
    assertThrows(ForbiddenException.class, () -> service.edit(id, "x", "vic"));
    assertThrows(ForbiddenException.class, () -> service.review(id, "submit", null, "vic"));
    assertThrows(ForbiddenException.class, () -> service.review(id, "comment", "hi", "nobody"));
    service.review(id, "submit", null, "ann");
    assertThrows(ForbiddenException.class, () -> service.review(id, "approve", null, "ann"));
    service.review(id, "approve", null, "lee");
    assertThrows(ForbiddenException.class, () -> service.sign(id, "ann"));
    assertThrows(ForbiddenException.class, () -> service.sign(id, "vic"));
    assertEquals(DocumentStatus.APPROVED, service.get(id).orElseThrow().status());
    assertEquals(DocumentStatus.SIGNED, service.sign(id, "ada").status());
    // Karaf console users administer the machine (as the stage policy treats them)
    assertEquals("shell:karaf", service.generate("plant", request(DocumentKind.CHANGE_SUMMARY), "shell:karaf")
        .createdBy());
  }

  @Test
  void anInventedPathIsFlaggedAndBlocksSigningUntilEditedOrAccepted() {
    Document d = service.generate("plant", request(DocumentKind.CHANGE_SUMMARY), "ann");
    String invented = d.content() + "\nAlso `com.inductiveautomation.perspective/views/Alarms` was added by "
        + "carol in 9 places.\n";
    d = service.edit(d.id(), invented, "ann");
    List<String> flagged = d.openFindings().stream().map(f -> f.kind() + ":" + f.text()).toList();
    assertEquals(List.of("path:com.inductiveautomation.perspective/views/Alarms", "person:carol", "number:9"),
        flagged);
    String id = d.id();
    service.review(id, "submit", null, "ann");
    service.review(id, "approve", null, "lee");
    ConflictException blocked = assertThrows(ConflictException.class, () -> service.sign(id, "lee"));
    assertTrue(blocked.getMessage().startsWith("findings: 3 open finding(s)"), blocked.getMessage());

    // an edit takes the path out; the reviewer edit sends the approved document back to review
    d = service.edit(id, invented.replace("`com.inductiveautomation.perspective/views/Alarms` was added",
        "nothing else changed"), "lee");
    assertEquals(DocumentStatus.IN_REVIEW, d.status());
    assertEquals(2, d.openFindings().size());
    Finding person = d.openFindings().get(0);
    assertThrows(ForbiddenException.class, () -> service.accept(id, person.id(), "known", "ann"));
    assertThrows(InvalidInputException.class, () -> service.accept(id, person.id(), " ", "lee"));
    assertThrows(NotFoundException.class, () -> service.accept(id, "g000", "known", "lee"));
    for (Finding f : d.openFindings()) {
      d = service.accept(id, f.id(), "carol counted them on site", "lee");
    }
    assertTrue(d.openFindings().isEmpty());
    // accepted findings stay accepted through a later edit that keeps their text
    d = service.edit(id, d.content() + "\nChecked.\n", "lee");
    assertTrue(d.openFindings().isEmpty(), d.findings().toString());
    service.review(id, "approve", null, "lee");
    assertEquals(DocumentStatus.SIGNED, service.sign(id, "lee").status());
  }

  @Test
  void badInputIsRefusedByFieldAndLeavesNothingBehind() {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> DocumentKind.fromId("novel"));
    assertEquals("kind", e.field());
    assertEquals("field", assertThrows(InvalidInputException.class, () -> service.generate("plant",
        new DocumentRequest(null, null, null, null, null, null, null, null), "ann")).field().replace("kind",
        "field"));
    assertEquals("from", assertThrows(InvalidInputException.class, () -> service.generate("plant",
        DocumentRequest.changes(null, "main"), "ann")).field());
    assertEquals("from", assertThrows(InvalidInputException.class, () -> service.generate("plant",
        DocumentRequest.changes("nope", "main"), "ann")).field());
    assertEquals("writer", assertThrows(InvalidInputException.class, () -> service.generate("plant",
        DocumentRequest.changes(World.C1, "main").withWriter("gpt-99"), "ann")).field());
    assertEquals("periodFrom", assertThrows(InvalidInputException.class, () -> service.generate("plant",
        new DocumentRequest(DocumentKind.COMPLIANCE_REPORT, null, null, null, Instant.MAX.minusSeconds(1),
            World.T0, null, null), "ann")).field());
    assertThrows(NotFoundException.class, () -> service.generate("nope", request(DocumentKind.CHANGE_SUMMARY),
        "ann"));
    assertThrows(NotFoundException.class, () -> service.generate("plant", new DocumentRequest(
        DocumentKind.RELEASE_NOTES, null, null, "v9", null, null, null, null), "ann"));
    Document d = service.generate("plant", request(DocumentKind.CHANGE_SUMMARY), "ann");
    assertEquals("content", assertThrows(InvalidInputException.class, () -> service.edit(d.id(), " ", "ann"))
        .field());
    assertEquals("action", assertThrows(InvalidInputException.class, () -> service.review(d.id(), "bless", null,
        "lee")).field());
    assertThrows(ConflictException.class, () -> service.review(d.id(), "approve", null, "lee"), "not submitted");
    assertThrows(ConflictException.class, () -> service.sign(d.id(), "lee"), "not approved");
    assertEquals(d, service.get(d.id()).orElseThrow());
    assertEquals(1, service.list(null, PageRequest.first()).total());
  }

  @Test
  void withoutTheAuditLogNothingIsWritten() {
    Document d = service.generate("plant", request(DocumentKind.CHANGE_SUMMARY), "ann");
    world.auditDown = true;
    assertThrows(UnavailableException.class, () -> service.generate("plant", request(DocumentKind.PROJECT_MANUAL),
        "ann"));
    assertThrows(UnavailableException.class, () -> service.edit(d.id(), "new text", "ann"));
    assertEquals(d, service.get(d.id()).orElseThrow());
    assertEquals(1, service.list("plant", PageRequest.first()).total());
  }

  @Test
  void aMovedDefaultBranchRewritesUntouchedDraftsAndMarksTheRestStale() {
    Document manual = service.generate("plant", request(DocumentKind.PROJECT_MANUAL), "ann");
    Document edited = service.generate("plant", request(DocumentKind.CHANGE_SUMMARY), "ann");
    service.edit(edited.id(), edited.content() + "\nChecked.\n", "ann");
    Document notes = service.generate("plant", request(DocumentKind.RELEASE_NOTES), "ann");
    Document pinned = service.generate("plant", DocumentRequest.changes(World.C1, World.C2), "ann");
    assertEquals(0, service.refresh("plant", "feature", "bob"), "only the default branch counts");
    assertEquals(2, service.refresh("plant", "main", "bob"));

    Document rewritten = service.get(manual.id()).orElseThrow();
    assertEquals(List.of("generate", "refresh"), rewritten.reviews().stream().map(r -> r.action()).toList());
    assertFalse(rewritten.stale());
    assertEquals(manual.facts(), rewritten.facts());
    assertTrue(service.get(edited.id()).orElseThrow().stale(), "an edited draft keeps its text and is marked");
    assertFalse(service.get(notes.id()).orElseThrow().stale());
    assertFalse(service.get(pinned.id()).orElseThrow().stale());
    assertTrue(service.list("plant", PageRequest.first()).items().stream()
        .anyMatch(x -> x.id().equals(edited.id()) && x.stale()));
    assertEquals(1, service.refresh("plant", "main", "bob"), "marked once; the untouched draft again");
    assertTrue(world.audit.stream().anyMatch(r -> r.action().equals("document.stale") && r.actor().equals("bob")));
  }

  @Test
  void documentsOutliveTheService() {
    Document d = service.generate("plant", request(DocumentKind.PROJECT_MANUAL), "ann");
    service.close();
    service = open();
    Document again = service.get(d.id()).orElseThrow();
    assertEquals(d, again);
    assertNotNull(again.facts().fact("res1").orElseThrow());
  }
}
