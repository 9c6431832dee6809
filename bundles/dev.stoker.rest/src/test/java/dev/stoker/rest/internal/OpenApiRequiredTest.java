package dev.stoker.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the OpenAPI document says is required: record components unless marked {@code @Nullable}, request
 * bodies unless the method takes a missing one, path parameters always.
 */
class OpenApiRequiredTest {
  private static Map<String, Object> doc;

  @BeforeAll
  static void build() {
    doc = new OpenApiBuilder().build("test", List.of(EnvironmentResource.class, UserResource.class,
        OperationResource.class, DeploymentResource.class));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    return (Map<String, Object>) o;
  }

  private static Map<String, Object> schema(String name) {
    return map(map(map(doc.get("components")).get("schemas")).get(name));
  }

  private static Map<String, Object> operation(String path, String method) {
    return map(map(map(doc.get("paths")).get(path)).get(method));
  }

  @Test
  void recordComponentsAreRequiredUnlessNullable() {
    assertEquals(List.of("id", "spec", "state", "endpoints", "createdBy", "created", "updated"),
        schema("Environment").get("required"));
    assertEquals(List.of("name", "platform", "stage", "modules", "jdbcDrivers", "secrets", "ports", "labels"),
        schema("EnvironmentSpec").get("required"));
    assertEquals(List.of("id", "kind", "target", "status", "percent", "startedBy", "started"),
        schema("Operation").get("required"));
    assertEquals(List.of("username", "role", "password"), schema("NewUser").get("required"));
    assertEquals(List.of("type", "title", "status", "detail"), schema("Problem").get("required"));
  }

  @Test
  void nullableComponentsSaySo() {
    Map<String, Object> spec = map(schema("EnvironmentSpec").get("properties"));
    assertEquals(Map.of("type", List.of("string", "null")), spec.get("version"));
    assertEquals(Map.of("type", "string"), spec.get("name"));
    // a nullable record: its reference or null (OpenAPI 3.1 is JSON Schema 2020-12)
    assertEquals(Map.of("anyOf", List.of(Map.of("$ref", "#/components/schemas/ArtifactRef"), Map.of("type", "null"))),
        spec.get("restoreBackup"));
    assertEquals(Map.of("type", List.of("string", "null"), "format", "date-time"),
        map(schema("Operation").get("properties")).get("finished"));
  }

  @Test
  void aRecordWithOnlyNullableComponentsHasNoRequiredList() {
    assertNull(schema("UserChange").get("required"));
    assertNull(schema("UpgradeRequest").get("required"));
  }

  @Test
  void pagesRequireTheirFields() {
    Map<String, Object> page = map(map(map(map(map(operation("/api/v1/environments", "get").get("responses"))
        .get("200")).get("content")).get("application/json")).get("schema"));
    assertEquals(List.of("items", "limit", "offset", "total"), page.get("required"));
  }

  @Test
  void bodiesAreRequiredUnlessTheMethodTakesNone() {
    assertEquals(true, map(operation("/api/v1/environments", "post").get("requestBody")).get("required"));
    assertEquals(true, map(operation("/api/v1/users", "post").get("requestBody")).get("required"));
    assertEquals(false, map(operation("/api/v1/environments/{id}/backups", "post").get("requestBody"))
        .get("required"));
    assertEquals(false, map(operation("/api/v1/deployments/{id}/rollback", "post").get("requestBody"))
        .get("required"));
  }

  @Test
  void pathParametersAreRequiredAndQueryParametersAreNot() {
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> params = (List<Map<String, Object>>) operation("/api/v1/environments/{id}", "delete")
        .get("parameters");
    Map<String, Object> id = params.stream().filter(p -> p.get("name").equals("id")).findFirst().orElseThrow();
    assertEquals("path", id.get("in"));
    assertTrue((Boolean) id.get("required"));
    Map<String, Object> volume = params.stream().filter(p -> p.get("name").equals("volume")).findFirst()
        .orElseThrow();
    assertFalse((Boolean) volume.get("required"));
  }
}
