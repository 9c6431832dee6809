package dev.stoker.documents.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stoker.api.common.InvalidInputException;
import dev.stoker.api.common.NotFoundException;
import dev.stoker.api.docs.Document;
import dev.stoker.api.docs.DocumentKind;
import dev.stoker.api.docs.DocumentRequest;
import dev.stoker.api.docs.Export;
import dev.stoker.store.internal.Standalone;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.text.PDFTextStripper;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Signed documents exported as Markdown, HTML and PDF (parsed back), a manual with its drawn diagram. */
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
  void aManualCarriesItsDrawnDiagramInEveryFormatAndTheSignatureStaysTheSame() throws Exception {
    Document d = service.generate("plant", new DocumentRequest(DocumentKind.PROJECT_MANUAL, null, "main", null,
        null, null, null, null), "ann");
    service.review(d.id(), "submit", null, "ann");
    service.review(d.id(), "approve", null, "lee");
    Document manual = service.sign(d.id(), "lee");

    String md = new String(service.export(manual.id(), "md").bytes(), StandardCharsets.UTF_8);
    assertTrue(md.startsWith(manual.content().stripTrailing()), "the signed text first, Mermaid block kept");
    assertTrue(md.contains("```mermaid\nflowchart LR\n"), md);
    int image = md.indexOf("![Dependency diagram](data:image/png;base64,");
    assertTrue(image > md.indexOf("```mermaid") && image < md.indexOf("## Provenance"), md);
    String base64 = md.substring(image).replaceFirst("(?s)^[^,]*,([A-Za-z0-9+/=]+)\\).*$", "$1");
    BufferedImage png = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(base64)));
    assertTrue(png.getWidth() > 100 && png.getHeight() > 50, png.getWidth() + "x" + png.getHeight());

    String html = new String(service.export(manual.id(), "html").bytes(), StandardCharsets.UTF_8);
    int svg = html.indexOf("<figure><svg");
    assertTrue(svg > 0 && svg < html.indexOf("<h2>Provenance</h2>"), html);
    String drawing = html.substring(svg, html.indexOf("</svg>", svg));
    for (String name : List.of(">Main<", ">Header<", ">recipes<", ">GetRecipes<")) {
      assertTrue(drawing.contains(name), name + " in " + drawing);
    }
    assertFalse(html.contains("<script"), html);

    try (PDDocument parsed = Loader.loadPDF(service.export(manual.id(), "pdf").bytes())) {
      List<PDImageXObject> images = new ArrayList<>();
      for (PDPage page : parsed.getPages()) {
        for (COSName name : page.getResources().getXObjectNames()) {
          if (page.getResources().getXObject(name) instanceof PDImageXObject i) {
            images.add(i);
          }
        }
      }
      assertEquals(1, images.size(), "the diagram as an image");
      assertTrue(images.get(0).getWidth() > 100, "width " + images.get(0).getWidth());
      String text = new PDFTextStripper().getText(parsed);
      assertTrue(text.contains("Dependency diagram") && text.contains("Dependencies: 4 resources, 2 links"), text);
    }

    // the drawing alone, as the console shows it: the same SVG as in the HTML, and its PNG
    var alone = service.export(manual.id(), "svg");
    assertEquals("image/svg+xml", alone.mediaType());
    String aloneSvg = new String(alone.bytes(), StandardCharsets.UTF_8);
    assertTrue(aloneSvg.startsWith("<svg") && aloneSvg.stripTrailing().endsWith("</svg>"), aloneSvg);
    for (String name : List.of(">Main<", ">Header<", ">recipes<", ">GetRecipes<")) {
      assertTrue(aloneSvg.contains(name), name + " in " + aloneSvg);
    }
    var picture = service.export(manual.id(), "png");
    assertEquals("image/png", picture.mediaType());
    assertTrue(ImageIO.read(new ByteArrayInputStream(picture.bytes())).getWidth() > 100);

    Document after = service.get(manual.id()).orElseThrow();
    assertEquals(manual.content(), after.content());
    assertEquals(manual.signature(), after.signature());
    assertEquals(sha256(manual.content() + "\n" + manual.facts().sha256()), after.signature().sha256(),
        "the signature covers the text and the facts, not the drawing");
  }

  private static String sha256(String s) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void documentsWithoutDependenciesHaveNoDiagram() {
    String md = new String(service.export(signed.id(), "md").bytes(), StandardCharsets.UTF_8);
    assertFalse(md.contains("Dependency diagram"), md);
    assertFalse(new String(service.export(signed.id(), "html").bytes(), StandardCharsets.UTF_8).contains("<svg"));
    assertTrue(assertThrows(NotFoundException.class, () -> service.export(signed.id(), "svg")).getMessage()
        .contains("no dependency diagram"));
    assertThrows(NotFoundException.class, () -> service.export(signed.id(), "png"));
  }

  @Test
  void unknownFormatsAndDocumentsAreRefused() {
    assertEquals("format", assertThrows(InvalidInputException.class, () -> service.export(signed.id(), "docx"))
        .field());
    assertThrows(NotFoundException.class, () -> service.export("nope", "md"));
  }
}
