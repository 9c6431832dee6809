package dev.stoker.documents.internal;

import java.awt.Font;
import java.awt.FontFormatException;
import java.io.IOException;
import java.io.InputStream;

/**
 * The font diagrams are measured and drawn in: Liberation Sans, shipped inside PDFBox (metric-compatible with
 * Arial and Helvetica, the fonts SVG viewers fall back to), so no font of the machine is needed.
 */
final class DiagramFont {
  private static final String TTF = "/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf";
  private static final Font BASE = load();

  private DiagramFont() {
  }

  static Font regular(float size) {
    return BASE.deriveFont(Font.PLAIN, size);
  }

  private static Font load() {
    try (InputStream in = org.apache.pdfbox.pdmodel.PDDocument.class.getResourceAsStream(TTF)) {
      if (in == null) {
        return new Font(Font.SANS_SERIF, Font.PLAIN, 12);
      }
      return Font.createFont(Font.TRUETYPE_FONT, in);
    } catch (IOException | FontFormatException e) {
      return new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    }
  }
}
