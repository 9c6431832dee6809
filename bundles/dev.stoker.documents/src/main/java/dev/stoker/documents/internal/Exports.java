package dev.stoker.documents.internal;

import dev.stoker.api.common.InvalidInputException;
import dev.stoker.api.common.NotFoundException;
import dev.stoker.api.docs.Document;
import dev.stoker.api.docs.Export;
import dev.stoker.api.docs.Provenance;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Markdown, HTML and PDF of a document, each ending with the provenance and signature block. A manual's dependency
 * diagram is drawn from its facts at export and placed between the two (the signed text is not changed).
 */
final class Exports {
  static final String DIAGRAM_TITLE = "Dependency diagram";

  private Exports() {
  }

  static Export export(Document d, String format) {
    String f = format == null ? "md" : format.toLowerCase(Locale.ROOT);
    String base = d.project() + "-" + d.kind().id() + "-v" + d.version();
    if (!List.of("md", "markdown", "html", "pdf", "svg", "png").contains(f)) {
      throw new InvalidInputException("format", "md, html, pdf, or svg or png for a manual's diagram, not '"
          + format + "'");
    }
    Optional<Diagram> diagram = Diagram.of(d.facts());
    if (f.equals("svg") || f.equals("png")) {
      Diagram drawn = diagram.orElseThrow(() -> new NotFoundException("document '" + d.id()
          + "' has no dependency diagram (only project manuals of projects whose resources refer to each other)"));
      return f.equals("svg")
          ? new Export(drawn.svg().getBytes(StandardCharsets.UTF_8), "image/svg+xml", base + "-diagram.svg")
          : new Export(drawn.png(), "image/png", base + "-diagram.png");
    }
    String text = d.content().stripTrailing();
    String block = block(d);
    return switch (f) {
      case "html" -> new Export(html(d, text, diagram, block).getBytes(StandardCharsets.UTF_8), "text/html",
          base + ".html");
      case "pdf" -> new Export(PdfExport.render(d.title(), text, diagram.map(x -> new PdfExport.Picture(
          DIAGRAM_TITLE, x.caption(), x.png())).orElse(null), block), "application/pdf", base + ".pdf");
      default -> new Export((text + diagram.map(Exports::markdownImage).orElse("") + block)
          .getBytes(StandardCharsets.UTF_8), "text/markdown", base + ".md");
    };
  }

  /** The drawing after the text (which keeps its Mermaid block): a PNG as a data URI, so the file stands alone. */
  private static String markdownImage(Diagram diagram) {
    return "\n\n## " + DIAGRAM_TITLE + "\n\n" + diagram.caption() + "\n\n![" + DIAGRAM_TITLE
        + "](data:image/png;base64," + Base64.getEncoder().encodeToString(diagram.png()) + ")";
  }

  /** The block an auditor reads: where the text came from and who signed what. */
  private static String block(Document d) {
    Provenance p = d.provenance();
    StringBuilder out = new StringBuilder("\n\n---\n\n## Provenance\n\n");
    out.append("- Document: ").append(d.id()).append(", version ").append(d.version()).append(", status ")
        .append(d.status()).append('\n');
    out.append("- Writer: ").append(p.writer()).append(" (provider ").append(p.provider()).append(", model ")
        .append(p.model()).append(", template ").append(p.templateVersion()).append(")\n");
    out.append("- Generated: ").append(p.generated()).append(", tokens in ").append(p.inputTokens())
        .append(", out ").append(p.outputTokens()).append('\n');
    out.append("- Prompt SHA-256: ").append(p.promptSha256()).append('\n');
    out.append("- Facts SHA-256: ").append(p.factsSha256()).append(" (").append(d.facts().facts().size())
        .append(" facts)\n");
    out.append("- Input revisions: ").append(String.join(", ", p.revisions())).append('\n');
    out.append("- Reviewers: ").append(p.reviewers().isEmpty() ? "none" : String.join(", ", p.reviewers()))
        .append('\n');
    long accepted = d.findings().stream().filter(x -> !x.open()).count();
    out.append("- Grounding: ").append(d.openFindings().size()).append(" open finding(s), ").append(accepted)
        .append(" accepted\n");
    out.append("\n## Signature\n\n");
    if (d.signature() == null) {
      out.append("Not signed.\n");
    } else {
      out.append("- Signed by: ").append(d.signature().signer()).append('\n');
      out.append("- Signed at: ").append(d.signature().at()).append('\n');
      out.append("- SHA-256 of content and facts: ").append(d.signature().sha256()).append('\n');
    }
    return out.toString();
  }

  /**
   * The text and the block through commonmark (HTML in the text escaped); between them the drawing as inline SVG,
   * written by {@link Diagram} itself (labels escaped, no script, no external reference).
   */
  private static String html(Document d, String text, Optional<Diagram> diagram, String block) {
    String body = render(text) + diagram.map(x -> "<h2>" + DIAGRAM_TITLE + "</h2>\n<figure>" + x.svg()
        + "<figcaption>" + escape(x.caption()) + "</figcaption></figure>\n").orElse("") + render(block);
    return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + escape(d.title())
        + "</title><style>body{font-family:sans-serif;max-width:50em;margin:2em auto;line-height:1.45}"
        + "code{background:#f3f3f3;padding:0 .2em}figure{margin:1em 0}figure svg{max-width:100%;height:auto}"
        + "</style></head><body>\n" + body + "</body></html>\n";
  }

  private static String render(String markdown) {
    return HtmlRenderer.builder().escapeHtml(true).build().render(Parser.builder().build().parse(markdown));
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
