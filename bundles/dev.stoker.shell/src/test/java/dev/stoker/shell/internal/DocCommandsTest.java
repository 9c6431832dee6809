package dev.stoker.shell.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stoker.api.common.ConflictException;
import dev.stoker.api.docs.Document;
import dev.stoker.api.docs.DocumentKind;
import dev.stoker.api.docs.DocumentRequest;
import dev.stoker.api.docs.DocumentService;
import dev.stoker.api.docs.DocumentStatus;
import dev.stoker.api.docs.Export;
import dev.stoker.api.docs.Fact;
import dev.stoker.api.docs.FactSet;
import dev.stoker.api.docs.Finding;
import dev.stoker.api.docs.Provenance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.karaf.shell.support.CommandException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code stoker:doc-*} commands hand their options to the document service and print what it answers. */
class DocCommandsTest extends ShellTestSupport {
  private final AtomicReference<Object[]> asked = new AtomicReference<>();
  private final Document doc = new Document("d1", "plant", DocumentKind.COMPLIANCE_REPORT,
      new DocumentRequest(DocumentKind.COMPLIANCE_REPORT, null, null, null, null, null, "run-1", null),
      "Compliance report of plant, run run-1", 1, DocumentStatus.APPROVED, "# Report\n- approve by lee [a1]\n",
      new FactSet(List.of(new Fact("a1", "approval", "lee", Map.of("user", "lee"))), List.of(), "f".repeat(64)),
      new Provenance("template", "template", "template-1", "template-1", "p".repeat(64), "f".repeat(64),
          List.of(), Instant.EPOCH, 0, 0, List.of(), null),
      List.of(new Finding("g1", "person", "mallory", 2, Finding.OPEN, null, null)), List.of(), null, null, null, false,
      "ann", Instant.EPOCH, Instant.EPOCH);
  private final DocumentService documents = stub(DocumentService.class, Map.of(
      "generate", a -> {
        asked.set(a);
        return doc;
      },
      "get", a -> "d1".equals(a[0]) ? Optional.of(doc) : Optional.empty(),
      "sign", a -> {
        throw new ConflictException("findings: 1 open finding(s) block signing");
      },
      "accept", a -> {
        asked.set(a);
        return doc;
      },
      "export", a -> new Export("%PDF-1.7".getBytes(UTF_8), "application/pdf", "x.pdf")));

  @Test
  void generatePassesTheRequestAndTheConsoleUser() throws Exception {
    DocCommands.Generate g = new DocCommands.Generate();
    g.documents = documents;
    g.session = new FakeSession("alice");
    g.project = "plant";
    g.kind = "compliance-report";
    g.periodFrom = "2026-11-01T00:00:00Z";
    g.execute();
    assertEquals("plant", asked.get()[0]);
    assertEquals(new DocumentRequest(DocumentKind.COMPLIANCE_REPORT, null, null, null,
        Instant.parse("2026-11-01T00:00:00Z"), null, null, null), asked.get()[1]);
    assertEquals("shell:alice", asked.get()[2]);
    assertTrue(out.toString(UTF_8).contains("Wrote document d1"), out.toString(UTF_8));

    g.periodFrom = "yesterday";
    CommandException e = assertThrows(CommandException.class, g::execute);
    assertTrue(e.getNiceHelp().contains("--period-from"), e.getNiceHelp());
    g.periodFrom = null;
    g.kind = "novel";
    assertTrue(assertThrows(CommandException.class, g::execute).getNiceHelp().contains("kind"));
  }

  @Test
  void showPrintsTextFindingsAndFacts() throws Exception {
    DocCommands.Show show = new DocCommands.Show();
    show.documents = documents;
    show.id = "d1";
    show.facts = true;
    show.execute();
    String text = out.toString(UTF_8);
    assertTrue(text.contains("- approve by lee [a1]"), text);
    assertTrue(text.contains("finding g1 open: person 'mallory' line 2"), text);
    assertTrue(text.contains("[a1] approval lee {user=lee}"), text);
    show.id = "nope";
    assertThrows(CommandException.class, show::execute);
  }

  @Test
  void signFailuresAreErrorsAndAcceptNeedsItsNote(@TempDir Path dir) throws Exception {
    DocCommands.Sign sign = new DocCommands.Sign();
    sign.documents = documents;
    sign.session = new FakeSession("lee");
    sign.id = "d1";
    assertEquals("Error: findings: 1 open finding(s) block signing",
        assertThrows(CommandException.class, sign::execute).getNiceHelp());

    DocCommands.Accept accept = new DocCommands.Accept();
    accept.documents = documents;
    accept.session = new FakeSession("lee");
    accept.id = "d1";
    accept.finding = "g1";
    accept.note = "the auditor";
    accept.execute();
    assertEquals(List.of("d1", "g1", "the auditor", "shell:lee"), List.of(asked.get()));

    DocCommands.ExportDoc export = new DocCommands.ExportDoc();
    export.documents = documents;
    export.id = "d1";
    export.format = "pdf";
    export.file = dir.resolve("d1.pdf").toString();
    export.execute();
    assertEquals("%PDF-1.7", Files.readString(dir.resolve("d1.pdf")));
  }
}
