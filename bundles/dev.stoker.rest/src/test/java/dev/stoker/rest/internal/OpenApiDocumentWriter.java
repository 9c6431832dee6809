package dev.stoker.rest.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Writes the OpenAPI document the REST bundle serves, offline: the same builder over the same resource classes
 * (every DS component of this bundle that provides {@link RestResource}, read from the component descriptions in
 * the built jar),
 * for refreshing the console's snapshot without starting Stoker:
 * {@code mvn -pl bundles/dev.stoker.rest test -Dtest=OpenApiDocumentWriter -Dstoker.openapi.out=/tmp/openapi.json},
 * then {@code npm --prefix web run api:snapshot -- /tmp/openapi.json}. {@code scripts/e2e.sh} still compares the
 * snapshot with the document a running Stoker serves.
 */
@EnabledIfSystemProperty(named = "stoker.openapi.out", matches = ".+")
class OpenApiDocumentWriter {
  private static final Pattern IMPLEMENTATION = Pattern.compile("<implementation class=\"([^\"]+)\"");

  @Test
  void write() throws Exception {
    List<Class<?>> resources = new ArrayList<>();
    Path jar;
    try (Stream<Path> built = Files.list(Path.of("target"))) {
      jar = built.filter(f -> f.getFileName().toString().matches("dev\\.stoker\\.rest-.*\\.jar")
          && !f.toString().contains("tests")).findFirst().orElseThrow(() -> new IllegalStateException(
          "build the bundle first (mvn install -DskipTests)"));
    }
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      for (ZipEntry e : java.util.Collections.list(zip.entries())) {
        if (!e.getName().startsWith("OSGI-INF/") || !e.getName().endsWith(".xml")) {
          continue;
        }
        String text = new String(zip.getInputStream(e).readAllBytes(), StandardCharsets.UTF_8);
        Matcher m = IMPLEMENTATION.matcher(text);
        if (text.contains("interface=\"" + RestResource.class.getName() + "\"") && m.find()) {
          resources.add(Class.forName(m.group(1)));
        }
      }
    }
    resources.sort(Comparator.comparing(Class::getName));
    Map<String, Object> doc = new OpenApiBuilder().build("0.1.0.SNAPSHOT", resources);
    Files.writeString(Path.of(System.getProperty("stoker.openapi.out")),
        ApiServer.objectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(doc));
    System.out.println("OpenAPI document of " + resources.size() + " resource classes written");
  }
}
