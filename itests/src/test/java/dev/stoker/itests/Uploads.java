package dev.stoker.itests;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Project exports and multipart uploads for the repository tests. */
final class Uploads {
  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private Uploads() {
  }

  /** A small Ignition project export: one view whose label shows {@code text} in {@code color}, one script. */
  static byte[] project(String text, String color, String code) throws IOException {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("project.json", "{\"title\":\"Plant\",\"description\":\"\",\"enabled\":true,\"inheritable\":false,\"parent\":\"\"}");
    String view = "com.inductiveautomation.perspective/views/Overview/";
    files.put(view + "resource.json", "{\"scope\":\"G\",\"version\":1,\"restricted\":false,\"overridable\":true,"
        + "\"files\":[\"view.json\"],\"attributes\":{\"lastModificationSignature\":\"00\","
        + "\"lastModification\":{\"actor\":\"admin\",\"timestamp\":\"2024-01-01T00:00:00Z\"}}}");
    files.put(view + "view.json", "{\"root\":{\"type\":\"ia.container.flex\",\"children\":[{\"type\":\"ia.display.label\","
        + "\"props\":{\"text\":\"" + text + "\",\"style\":{\"color\":\"" + color + "\"}}}]}}");
    files.put("ignition/script-python/util/resource.json", "{\"scope\":\"A\",\"version\":1,\"restricted\":false,"
        + "\"overridable\":true,\"files\":[\"code.py\"],\"attributes\":{}}");
    files.put("ignition/script-python/util/code.py", code);
    return zip(files);
  }

  static byte[] zip(Map<String, String> files) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      for (Map.Entry<String, String> f : files.entrySet()) {
        zip.putNextEntry(new ZipEntry(f.getKey()));
        zip.write(f.getValue().getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
    }
    return out.toByteArray();
  }

  static String tags(int speed) {
    return "{\"name\":\"\",\"tagType\":\"Provider\",\"tags\":[{\"name\":\"Line1\",\"tagType\":\"Folder\",\"tags\":["
        + "{\"name\":\"MotorSpeed\",\"tagType\":\"AtomicTag\",\"valueSource\":\"memory\",\"dataType\":\"Int4\","
        + "\"value\":" + speed + "}]}]}";
  }

  /** POSTs a multipart form with the given parts (name → bytes) and answers status and JSON body. */
  static Http.Answer multipart(int port, String path, String token, Map<String, byte[]> parts)
      throws IOException, InterruptedException {
    String boundary = "stoker-it-" + System.nanoTime();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (Map.Entry<String, byte[]> p : parts.entrySet()) {
      String type = p.getKey().equals("project") ? "application/zip" : "application/json";
      body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + p.getKey() + "\"; filename=\""
          + p.getKey() + "\"\r\nContent-Type: " + type + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
      body.write(p.getValue());
      body.write("\r\n".getBytes(StandardCharsets.UTF_8));
    }
    body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + token)
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
    HttpResponse<String> r = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    JsonNode json = null;
    try {
      json = r.body().isEmpty() ? null : Http.JSON.readTree(r.body());
    } catch (IOException notJson) {
      // leave null
    }
    return new Http.Answer(r.statusCode(), json, r.headers().firstValue("Content-Type").orElse(""), r.headers());
  }

  /** GETs raw bytes. */
  static HttpResponse<byte[]> bytes(String url, String header, String value) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).GET();
    if (header != null) {
      b.header(header, value);
    }
    return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  /** POSTs raw bytes. */
  static HttpResponse<String> postBytes(String url, String contentType, byte[] body, String header, String value)
      throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
        .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (header != null) {
      b.header(header, value);
    }
    return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
