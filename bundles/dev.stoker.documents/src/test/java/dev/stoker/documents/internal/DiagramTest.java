package dev.stoker.documents.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stoker.api.docs.Fact;
import dev.stoker.api.docs.FactSet;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** The dependency diagram drawn on the server: laid out by ELK, written as SVG and PNG, bounded and inert. */
class DiagramTest {
  private static final String VIEWS = "com.inductiveautomation.perspective/views/";

  private static Fact dependency(int i, String from, String to, String relation) {
    return new Fact("dp" + i, "dependency", from, Map.of("from", from, "to", to, "relation", relation));
  }

  private static Diagram draw(Fact... dependencies) {
    return Diagram.of(new FactSet(List.of(dependencies), List.of(), "x")).orElseThrow();
  }

  /** @return the texts of the SVG's {@code <text>} elements, as an XML parser reads them (entities decoded) */
  private static List<String> texts(String svg) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    Document doc = f.newDocumentBuilder().parse(new InputSource(new StringReader(svg)));
    NodeList nodes = doc.getElementsByTagNameNS("*", "text");
    List<String> out = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      out.add(nodes.item(i).getTextContent());
    }
    return out;
  }

  @Test
  void svgNamesEveryResourceAndEachLinkIsRoutedBetweenTheBoxes() throws Exception {
    Diagram d = draw(dependency(1, VIEWS + "Main", VIEWS + "Header", "embeds"),
        dependency(2, VIEWS + "Main", VIEWS + "Footer", "embeds"),
        dependency(3, "ignition/script-python/recipes", "ignition/named-query/GetRecipes", "calls"));
    String svg = d.svg();
    assertTrue(svg.startsWith("<svg"), svg);
    List<String> texts = texts(svg);
    for (String label : List.of("Main", "Header", "Footer", "recipes", "GetRecipes", "embeds", "calls")) {
      assertTrue(texts.contains(label), label + " in " + texts);
    }
    assertEquals("Dependencies: 5 resources, 3 links", d.caption());
    DiagramLayout.Placed placed = DiagramLayout.place(DependencyGraph.of(
        new FactSet(List.of(dependency(1, VIEWS + "Main", VIEWS + "Header", "embeds")), List.of(), "x")));
    DiagramLayout.Box main = placed.boxes().get(0);
    DiagramLayout.Box header = placed.boxes().get(1);
    assertTrue(main.x() + main.width() <= header.x(), "the dependency points right: " + placed);
    var points = placed.routes().get(0).points();
    assertEquals(main.x() + main.width(), points.get(0).getX(), 0.5, "starts at Main's right side");
    assertEquals(header.x(), points.get(points.size() - 1).getX(), 0.5, "ends at Header's left side");
  }

  @Test
  void hostileLabelsStayText() throws Exception {
    String hostile = VIEWS + "<script>alert(1)</script>\"onload='x'";
    Diagram d = draw(dependency(1, VIEWS + "Main", hostile, "embeds"),
        dependency(2, VIEWS + "Main", VIEWS + "a&b<img src=x onerror=alert(2)>", "embeds"),
        dependency(3, VIEWS + "Main", VIEWS + "bell\u0007", "embeds"));
    String svg = d.svg();
    assertFalse(svg.contains("<script"), svg);
    assertFalse(svg.contains("<img"), svg);
    assertFalse(Pattern.compile("\\son\\w+\\s*=", Pattern.CASE_INSENSITIVE).matcher(svg.replace("&quot;", "\""))
        .results().anyMatch(m -> !inText(svg, m.start())), "no event attribute outside text: " + svg);
    assertTrue(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), svg);
    List<String> texts = texts(svg);
    assertTrue(texts.contains("<script>alert(1)</script>\"onload='x'"), texts.toString());
    assertTrue(texts.contains("a&b<img src=x onerror=alert(2)>"), texts.toString());
    assertTrue(texts.contains("bell?"), "a character XML cannot hold: " + texts);
  }

  /** @return whether the index is inside the character data of a {@code <text>} element */
  private static boolean inText(String svg, int index) {
    int open = svg.lastIndexOf("<text", index);
    int close = svg.lastIndexOf("</text>", index);
    int tagEnd = open < 0 ? -1 : svg.indexOf('>', open);
    return open > close && tagEnd >= 0 && tagEnd < index;
  }

  @Test
  void aLargeGraphIsCappedAndSaysSo() throws Exception {
    List<Fact> deps = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      deps.add(dependency(i, VIEWS + "Area" + (i % 40), VIEWS + "Machine" + i, "embeds"));
    }
    Diagram d = Diagram.of(new FactSet(deps, List.of(), "x")).orElseThrow();
    assertEquals("Drawn: the 60 most linked of 440 resources, 20 of 400 links (the Mermaid text has all)",
        d.caption());
    String svg = d.svg();
    Matcher size = Pattern.compile("width=['\"]([0-9.]+)['\"] height=['\"]([0-9.]+)['\"]").matcher(svg);
    assertTrue(size.find(), svg.substring(0, 200));
    assertTrue(Double.parseDouble(size.group(1)) < 10_000 && Double.parseDouble(size.group(2)) < 10_000,
        size.group());
    assertEquals(60 + 2 + 1, texts(svg).size(), "60 boxes, the legend and the caption");
    BufferedImage png = ImageIO.read(new ByteArrayInputStream(d.png()));
    assertTrue(png.getWidth() <= Diagram.MAX_PNG_SIDE && png.getHeight() <= Diagram.MAX_PNG_SIDE,
        png.getWidth() + "x" + png.getHeight());
    assertTrue(png.getWidth() > 100 && png.getHeight() > 100);
  }

  @Test
  void noDependenciesNoDrawing() {
    assertTrue(Diagram.of(new FactSet(List.of(new Fact("c1", "commit", "x", Map.of())), List.of(), "x"))
        .isEmpty());
  }
}
