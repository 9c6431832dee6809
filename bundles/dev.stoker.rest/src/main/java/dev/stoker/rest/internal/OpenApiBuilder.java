package dev.stoker.rest.internal;

import dev.stoker.api.common.Nullable;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.ws.rs.HttpMethod;
import javax.ws.rs.PathParam;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.Response;

/**
 * Builds the OpenAPI 3.1 document from the resource classes themselves (JAX-RS annotations, record types,
 * {@link Allow}/{@link Public}, {@link Example}), so that it cannot drift from what the server serves.
 */
final class OpenApiBuilder {
  private final Map<String, Object> schemas = new TreeMap<>();

  Map<String, Object> build(String version, Collection<Class<?>> resources) {
    Map<String, Object> paths = new TreeMap<>();
    for (Class<?> resource : resources) {
      String base = path(resource.getAnnotation(javax.ws.rs.Path.class));
      List<Method> methods = List.of(resource.getMethods()).stream()
          .sorted(Comparator.comparing(Method::getName)).toList();
      for (Method m : methods) {
        String http = httpMethod(m);
        if (http == null || m.isAnnotationPresent(Hidden.class)) {
          continue;
        }
        String full = "/api/v1" + base + path(m.getAnnotation(javax.ws.rs.Path.class));
        @SuppressWarnings("unchecked")
        Map<String, Object> item = (Map<String, Object>) paths.computeIfAbsent(full, k -> new TreeMap<>());
        item.put(http.toLowerCase(java.util.Locale.ROOT), operation(resource, m));
      }
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("openapi", "3.1.0");
    doc.put("info", Map.of("title", "Stoker API", "version", version,
        "description", "DevOps control plane for SCADA delivery. Errors are application/problem+json (RFC 9457)."));
    doc.put("servers", List.of(Map.of("url", "/")));
    doc.put("paths", paths);
    Map<String, Object> components = new LinkedHashMap<>();
    components.put("securitySchemes", Map.of("bearer", Map.of("type", "http", "scheme", "bearer",
        "description", "A session JWT from POST /api/v1/auth/token, or an API token (stk_...)")));
    schemas.put("Problem", objectSchema(Problem.class));
    components.put("schemas", schemas);
    doc.put("components", components);
    return doc;
  }

  /** Marks a resource method that the document leaves out (the document itself). */
  @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
  @java.lang.annotation.Target(java.lang.annotation.ElementType.METHOD)
  @interface Hidden {
  }

  /** Marks a request body the method also takes when it is missing (it reads {@code null} as "the defaults"). */
  @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
  @java.lang.annotation.Target(java.lang.annotation.ElementType.PARAMETER)
  @interface OptionalBody {
  }

  /**
   * An example request body (JSON text), shown in the document as the body's {@code example} and pre-filled by
   * the API explorer; {@code OpenApiDocumentTest} checks it against the body's schema.
   */
  @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
  @java.lang.annotation.Target(java.lang.annotation.ElementType.PARAMETER)
  @interface Example {
    String value();
  }

  private Map<String, Object> operation(Class<?> resource, Method m) {
    Map<String, Object> op = new LinkedHashMap<>();
    op.put("operationId", Character.toLowerCase(resource.getSimpleName().charAt(0))
        + resource.getSimpleName().substring(1).replace("Resource", "") + "." + m.getName());
    op.put("tags", List.of(resource.getSimpleName().replace("Resource", "")));
    List<Object> params = new java.util.ArrayList<>();
    for (Parameter p : m.getParameters()) {
      PathParam pp = p.getAnnotation(PathParam.class);
      QueryParam qp = p.getAnnotation(QueryParam.class);
      javax.ws.rs.HeaderParam hp = p.getAnnotation(javax.ws.rs.HeaderParam.class);
      if (hp != null) {
        params.add(Map.of("name", hp.value(), "in", "header", "required", false, "schema", schema(p.getType())));
      } else if (pp != null) {
        params.add(Map.of("name", pp.value(), "in", "path", "required", true, "schema", schema(p.getType())));
      } else if (qp != null) {
        params.add(Map.of("name", qp.value(), "in", "query", "required", false, "schema", schema(p.getType())));
      } else if (!p.isAnnotationPresent(Context.class)) {
        Map<String, Object> media = new LinkedHashMap<>();
        media.put("schema", schema(p.getParameterizedType()));
        Example example = p.getAnnotation(Example.class);
        if (example != null) {
          media.put("example", json(example.value(), m));
        }
        op.put("requestBody", Map.of("required", !p.isAnnotationPresent(OptionalBody.class), "content",
            Map.of("application/json", media)));
      }
    }
    if (!params.isEmpty()) {
      op.put("parameters", params);
    }
    Map<String, Object> responses = new TreeMap<>();
    Map<String, Object> problem = Map.of("application/problem+json",
        Map.of("schema", Map.of("$ref", "#/components/schemas/Problem")));
    if (m.getReturnType() == Response.class) {
      responses.put("2XX", Map.of("description", "success (201 with the created object, 204 without body)"));
    } else {
      responses.put("200", Map.of("description", "success", "content",
          Map.of("application/json", Map.of("schema", schema(m.getGenericReturnType())))));
    }
    responses.put("4XX", Map.of("description", "invalid request, see detail and field", "content", problem));
    Allow allow = m.getAnnotation(Allow.class);
    if (allow != null) {
      op.put("security", List.of(Map.of("bearer", List.of())));
      op.put("x-stoker-role", allow.value().id());
      op.put("x-stoker-scope", allow.scope());
      responses.put("401", Map.of("description", "not authenticated", "content", problem));
      responses.put("403", Map.of("description", "role '" + allow.value().id() + "' or scope '" + allow.scope()
          + "' missing", "content", problem));
    } else {
      op.put("security", List.of());
    }
    op.put("responses", responses);
    return op;
  }

  private Object schema(Type type) {
    if (type instanceof ParameterizedType pt) {
      Class<?> raw = (Class<?>) pt.getRawType();
      if (Collection.class.isAssignableFrom(raw)) {
        return Map.of("type", "array", "items", schema(pt.getActualTypeArguments()[0]));
      }
      if (Map.class.isAssignableFrom(raw)) {
        return Map.of("type", "object", "additionalProperties", schema(pt.getActualTypeArguments()[1]));
      }
      if (raw == dev.stoker.api.common.Page.class) {
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("type", "object");
        page.put("properties", Map.of("items", Map.of("type", "array", "items", schema(pt.getActualTypeArguments()[0])),
            "offset", Map.of("type", "integer"), "limit", Map.of("type", "integer"), "total", Map.of("type", "integer")));
        page.put("required", List.of("items", "limit", "offset", "total"));
        return page;
      }
      return schema(raw);
    }
    Class<?> c = (Class<?>) type;
    if (c == String.class || c == char[].class) {
      return Map.of("type", "string");
    }
    if (c == Instant.class) {
      return Map.of("type", "string", "format", "date-time");
    }
    if (c == java.time.Duration.class) {
      return Map.of("type", "string", "format", "duration"); // ISO-8601, e.g. PT30M (as Jackson writes it)
    }
    if (c == java.net.URI.class) {
      return Map.of("type", "string", "format", "uri");
    }
    if (c == Object.class) {
      return Map.of(); // any JSON value (e.g. a pipeline step's settings)
    }
    if (c == boolean.class || c == Boolean.class) {
      return Map.of("type", "boolean");
    }
    if (c == int.class || c == Integer.class || c == long.class || c == Long.class) {
      return Map.of("type", "integer");
    }
    if (c == double.class || c == Double.class) {
      return Map.of("type", "number");
    }
    if (c.isEnum()) {
      return Map.of("type", "string", "enum", List.of(c.getEnumConstants()).stream().map(Object::toString).toList());
    }
    if (c.isRecord()) {
      String name = c.getSimpleName();
      if (!schemas.containsKey(name)) {
        schemas.put(name, Map.of()); // placeholder against recursion
        schemas.put(name, objectSchema(c));
      }
      return Map.of("$ref", "#/components/schemas/" + name);
    }
    return Map.of("type", "object");
  }

  /**
   * A record: every component is a property; those not marked {@link Nullable} are required (Jackson writes
   * them all, and they are never {@code null}), the marked ones are {@code nullable} and may be left out of a
   * request.
   */
  private Map<String, Object> objectSchema(Class<?> record) {
    Map<String, Object> props = new LinkedHashMap<>();
    List<String> required = new java.util.ArrayList<>();
    for (RecordComponent rc : record.getRecordComponents()) {
      Object schema = schema(rc.getGenericType());
      if (rc.isAnnotationPresent(Nullable.class)) {
        props.put(rc.getName(), nullable(schema));
      } else {
        props.put(rc.getName(), schema);
        required.add(rc.getName());
      }
    }
    Map<String, Object> object = new LinkedHashMap<>();
    object.put("type", "object");
    object.put("properties", props);
    if (!required.isEmpty()) {
      object.put("required", required);
    }
    return object;
  }

  /**
   * The schema or JSON null (OpenAPI 3.1 is JSON Schema 2020-12): {@code "null"} added to the type (and to an
   * enum's values), or a reference as one of two alternatives.
   */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> nullable(Object schema) {
    Map<String, Object> s = (Map<String, Object>) schema;
    if (s.containsKey("$ref")) {
      return Map.of("anyOf", List.of(s, Map.of("type", "null")));
    }
    if (s.isEmpty()) {
      return s; // any JSON value, null included
    }
    Map<String, Object> out = new LinkedHashMap<>(s);
    out.put("type", List.of(s.get("type"), "null"));
    if (s.get("enum") instanceof List<?> values) {
      List<Object> withNull = new java.util.ArrayList<>(values);
      withNull.add(null);
      out.put("enum", withNull);
    }
    return out;
  }

  private static Object json(String text, Method m) {
    try {
      return ApiServer.objectMapper().readValue(text, Object.class);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("the @Example of " + m + " is not JSON: " + e.getMessage(), e);
    }
  }

  private static String httpMethod(Method m) {
    for (Annotation a : m.getAnnotations()) {
      HttpMethod hm = a.annotationType().getAnnotation(HttpMethod.class);
      if (hm != null) {
        return hm.value();
      }
    }
    return null;
  }

  private static String path(javax.ws.rs.Path p) {
    if (p == null || p.value().isEmpty()) {
      return "";
    }
    String v = p.value();
    return v.startsWith("/") ? v : "/" + v;
  }
}
