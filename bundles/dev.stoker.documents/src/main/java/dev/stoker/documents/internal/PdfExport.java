package dev.stoker.documents.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * A PDF of the Markdown with PDFBox: headings bold, other lines wrapped to the page, in the standard fonts (no
 * font files to ship). Characters those fonts cannot encode are written as their nearest ASCII. A drawing (a PNG)
 * goes between the text and the block, scaled to the page.
 */
final class PdfExport {
  private static final float MARGIN = 56;
  private static final float SIZE = 10;
  private static final float LEADING = 14;

  private PdfExport() {
  }

  /** A drawing placed between the text and the block, under its heading and caption. */
  record Picture(String title, String caption, byte[] png) {
  }

  static byte[] render(String title, String text, Picture picture, String block) {
    try (PDDocument pdf = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      PDDocumentInformation info = pdf.getDocumentInformation();
      info.setTitle(ascii(title));
      info.setCreator("Stoker");
      Writer w = new Writer(pdf);
      lines(w, text);
      if (picture != null) {
        lines(w, "\n## " + picture.title() + "\n\n" + picture.caption() + "\n");
        w.image(LosslessFactory.createFromImage(pdf, ImageIO.read(new ByteArrayInputStream(picture.png()))));
      }
      lines(w, block);
      w.close();
      pdf.save(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the PDF", e);
    }
  }

  private static void lines(Writer w, String markdown) throws IOException {
    float width = PDRectangle.A4.getWidth() - 2 * MARGIN;
    for (String raw : markdown.split("\n", -1)) {
      String line = ascii(raw.replace("`", ""));
      boolean heading = line.startsWith("#");
      PDType1Font font = heading ? w.bold : w.regular;
      float size = heading ? SIZE + 3 : SIZE;
      String text = heading ? line.replaceFirst("^#+\\s*", "") : line.equals("---") ? "" : line;
      for (String part : wrap(text, font, size, width)) {
        w.line(part, font, size);
      }
    }
  }

  /** Writes lines top to bottom, opening a new page when one is full. */
  private static final class Writer {
    private final PDDocument pdf;
    private final PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    private final PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
    private PDPageContentStream stream;
    private float y;

    Writer(PDDocument pdf) {
      this.pdf = pdf;
    }

    private void room(float height) throws IOException {
      if (stream == null || y - height < MARGIN) {
        close();
        PDPage page = new PDPage(PDRectangle.A4);
        pdf.addPage(page);
        stream = new PDPageContentStream(pdf, page);
        y = PDRectangle.A4.getHeight() - MARGIN;
      }
    }

    /** Draws an image at the page's width at most (the whole page at most), on a new page if it does not fit. */
    void image(PDImageXObject image) throws IOException {
      float maxWidth = PDRectangle.A4.getWidth() - 2 * MARGIN;
      float maxHeight = PDRectangle.A4.getHeight() - 2 * MARGIN;
      // the PNG is drawn at twice its size: half a pixel per point, then smaller if the page needs it
      float scale = Math.min(0.5f, Math.min(maxWidth / image.getWidth(), maxHeight / image.getHeight()));
      float w = image.getWidth() * scale;
      float h = image.getHeight() * scale;
      room(h);
      stream.drawImage(image, MARGIN, y - h, w, h);
      y -= h + LEADING;
    }

    void line(String text, PDType1Font font, float size) throws IOException {
      room(0);
      stream.beginText();
      stream.setFont(font, size);
      stream.newLineAtOffset(MARGIN, y);
      stream.showText(text);
      stream.endText();
      y -= LEADING;
    }

    void close() throws IOException {
      if (stream != null) {
        stream.close();
        stream = null;
      }
    }
  }

  private static List<String> wrap(String text, PDType1Font font, float size, float width) throws IOException {
    List<String> lines = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String word : text.split(" ")) {
      String candidate = current.isEmpty() ? word : current + " " + word;
      if (font.getStringWidth(candidate) / 1000 * size <= width || current.isEmpty()) {
        current.setLength(0);
        current.append(candidate);
        while (font.getStringWidth(current.toString()) / 1000 * size > width && current.length() > 1) {
          int cut = Math.max(1, (int) (current.length() * width / (font.getStringWidth(current.toString())
              / 1000 * size)));
          lines.add(current.substring(0, cut));
          current.delete(0, cut);
        }
      } else {
        lines.add(current.toString());
        current.setLength(0);
        current.append(word);
      }
    }
    lines.add(current.toString());
    return lines;
  }

  /** The standard fonts encode WinAnsi only: arrows, ellipses and the like become ASCII. */
  static String ascii(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '→' -> out.append("->");
        case '—', '–' -> out.append('-');
        case '…' -> out.append("...");
        case '∅' -> out.append("(none)");
        case '\t' -> out.append("    ");
        default -> out.append(c >= 32 && c < 127 ? c : '?');
      }
    }
    return out.toString();
  }
}
