package dev.stoker.itests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A tiny JSON client for the API under test. */
final class Http {
  static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;

  Http(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  /** Status, parsed body (or null when the body is not JSON) and headers. */
  record Answer(int status, JsonNode body, String contentType, java.net.http.HttpHeaders headers) {
    /** @return the first value of a header, or {@code null} */
    String header(String name) {
      return headers.firstValue(name).orElse(null);
    }
  }

  Answer send(String method, String path, String token, String json) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
        .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) {
      b.header("Content-Type", "application/json");
    }
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    JsonNode body = null;
    try {
      body = r.body().isEmpty() ? null : JSON.readTree(r.body());
    } catch (IOException notJson) {
      // leave null
    }
    return new Answer(r.statusCode(), body, r.headers().firstValue("Content-Type").orElse(""), r.headers());
  }

  /** A GET whose answer is text, not JSON (e.g. the Prometheus exposition). */
  HttpResponse<String> getText(String path, String token) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).GET();
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  Answer get(String path, String token) throws IOException, InterruptedException {
    return send("GET", path, token, null);
  }

  Answer post(String path, String token, String json) throws IOException, InterruptedException {
    return send("POST", path, token, json);
  }

  String login(String user, String password) throws IOException, InterruptedException {
    Answer a = post("/api/v1/auth/token", null,
        JSON.createObjectNode().put("username", user).put("password", password).toString());
    if (a.status() != 200) {
      throw new AssertionError("login of " + user + " failed: " + a.status() + " " + a.body());
    }
    return a.body().get("access_token").asText();
  }

  /**
   * Waits until the distribution wrote the first admin's generated password and answers health.
   *
   * @return that password
   */
  String awaitInitialAdminPassword(long deadlineMs) throws Exception {
    java.nio.file.Path file = java.nio.file.Path.of(System.getProperty("karaf.data"), "initial-admin-password");
    Await.until("the initial admin password file", deadlineMs, () -> java.nio.file.Files.exists(file));
    String password = java.nio.file.Files.readString(file).trim();
    Await.until("health 200", deadlineMs, () -> get("/api/v1/health", null).status() == 200);
    return password;
  }

  /** Creates a user (or finds them there) with the password {@code <name>-password-1} and signs them in. */
  String user(String adminToken, String name, String role) throws IOException, InterruptedException {
    Answer created = post("/api/v1/users", adminToken, "{\"username\":\"" + name + "\",\"role\":\"" + role
        + "\",\"password\":\"" + name + "-password-1\"}");
    if (created.status() != 201 && created.status() != 409) {
      throw new AssertionError("creating " + name + ": " + created);
    }
    return login(name, name + "-password-1");
  }
}
