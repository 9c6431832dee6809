package dev.stoker.documents.internal;

import java.awt.geom.AffineTransform;
import java.awt.geom.GeneralPath;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.GlyphData;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;

/**
 * The font diagrams are measured and drawn in: Liberation Sans, shipped inside PDFBox (metric-compatible with
 * Arial and Helvetica, the fonts SVG viewers fall back to), read with FontBox. Text is measured from the font's
 * advance widths and drawn as glyph outlines, so Java2D's font system (which needs fontconfig and fonts installed
 * on the machine; the container image has neither) is never used.
 */
final class DiagramFont {
  static final String FAMILY = "Liberation Sans, Arial, Helvetica, sans-serif";
  private static final String TTF = "/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf";
  private static final DiagramFont INSTANCE = new DiagramFont();
  private final TrueTypeFont font;
  private final CmapLookup cmap;
  private final float unitsPerEm;
  /** glyph outlines by glyph id, in font units (y up); guarded by this */
  private final Map<Integer, GeneralPath> outlines = new HashMap<>();

  private DiagramFont() {
    try (InputStream in = org.apache.pdfbox.pdmodel.PDDocument.class.getResourceAsStream(TTF)) {
      if (in == null) {
        throw new IllegalStateException("PDFBox's " + TTF + " is missing");
      }
      font = new TTFParser().parse(new RandomAccessReadBuffer(in));
      cmap = font.getUnicodeCmapLookup();
      unitsPerEm = font.getUnitsPerEm();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the diagram font", e);
    }
  }

  static DiagramFont get() {
    return INSTANCE;
  }

  /** @return the width of the text at this size */
  synchronized double width(String text, float size) {
    try {
      double units = 0;
      for (int i = 0; i < text.length(); ) {
        int cp = text.codePointAt(i);
        units += font.getAdvanceWidth(cmap.getGlyphId(cp));
        i += Character.charCount(cp);
      }
      return units * size / unitsPerEm;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot measure with the diagram font", e);
    }
  }

  /** @return the outline of the text with its baseline starting at x, y (y down, as Java2D draws) */
  synchronized GeneralPath outline(String text, double x, double y, float size) {
    GeneralPath out = new GeneralPath();
    double scale = size / unitsPerEm;
    double pen = x;
    try {
      for (int i = 0; i < text.length(); ) {
        int cp = text.codePointAt(i);
        int gid = cmap.getGlyphId(cp);
        GeneralPath glyph = outlines.get(gid);
        if (glyph == null) {
          GlyphData data = font.getGlyph().getGlyph(gid);
          glyph = data == null ? new GeneralPath() : data.getPath();
          outlines.put(gid, glyph);
        }
        AffineTransform at = new AffineTransform(scale, 0, 0, -scale, pen, y);
        out.append(glyph.getPathIterator(at), false);
        pen += font.getAdvanceWidth(gid) * scale;
        i += Character.charCount(cp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot draw with the diagram font", e);
    }
    return out;
  }
}
