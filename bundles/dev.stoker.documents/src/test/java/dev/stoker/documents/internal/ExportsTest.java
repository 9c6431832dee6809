package dev.stoker.documents.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stoker.api.common.InvalidInputException;
import dev.stoker.api.common.NotFoundException;
import dev.stoker.api.docs.Document;
import dev.stoker.api.docs.DocumentKind;
import dev.stoker.api.docs.DocumentRequest;
import dev.stoker.api.docs.Export;
import dev.stoker.store.internal.Standalone;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A signed compliance report exported as Markdown, HTML and PDF; the PDF is parsed back. */
class ExportsTest {
  private final World world = new World();
  private DocumentServiceImpl service;
  private Document signed;

  @BeforeEach
  void setUp() {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    service = new DocumentServiceImpl(Standalone.open(ds));
    service.repository = world.repository();
    service.pipelines = world.pipelines();
    service.users = world.users();
    service.audit = world.auditLog();
    Document d = service.generate("plant", new DocumentRequest(DocumentKind.COMPLIANCE_REPORT, null, null, null,
        null, null, World.RUN, null), "ann");
    service.review(d.id(), "submit", null, "ann");
    service.review(d.id(), "approve", null, "lee");
    signed = service.sign(d.id(), "lee");
  }

  @AfterEach
  void tearDown() {
    service.close();
  }

  @Test
  void pdfOpensAndCarriesTheReportProvenanceAndSignature() throws Exception {
    Export pdf = service.export(signed.id(), "pdf");
    assertEquals("application/pdf", pdf.mediaType());
    assertEquals("plant-compliance-report-v1.pdf", pdf.fileName());
    try (PDDocument parsed = Loader.loadPDF(pdf.bytes())) {
      String text = new PDFTextStripper().getText(parsed).replaceAll("\\s+", " ");
      assertEquals(signed.title(), parsed.getDocumentInformation().getTitle());
      assertTrue(text.contains("prod: approve by lee"), text);
      assertTrue(text.contains("test / validate (validate): succeeded - 14 scripts compiled"), text);
      assertTrue(text.contains("Signed by: lee"), text);
      assertTrue(text.contains("SHA-256 of content and facts: " + signed.signature().sha256()), text);
      assertTrue(text.contains("Facts SHA-256: " + signed.facts().sha256()), text);
      assertTrue(text.contains("Writer: template (provider template, model template-1"), text);
      assertTrue(text.contains("Reviewers: lee"), text);
    }
  }

  @Test
  void markdownAndHtmlCarryTheSameBlock() {
    String md = new String(service.export(signed.id(), "md").bytes(), StandardCharsets.UTF_8);
    assertTrue(md.startsWith(signed.content().stripTrailing()), md);
    assertTrue(md.contains("- Signed by: lee\n- Signed at: " + signed.signature().at()), md);
    Export html = service.export(signed.id(), "html");
    String page = new String(html.bytes(), StandardCharsets.UTF_8);
    assertEquals("text/html", html.mediaType());
    assertTrue(page.contains("<h2>Signature</h2>") && page.contains("<li>Signed by: lee</li>"), page);
    assertTrue(page.contains("<code>" + World.RUN + "</code>"), page);
  }

  @Test
  void unknownFormatsAndDocumentsAreRefused() {
    assertEquals("format", assertThrows(InvalidInputException.class, () -> service.export(signed.id(), "docx"))
        .field());
    assertThrows(NotFoundException.class, () -> service.export("nope", "md"));
  }
}
