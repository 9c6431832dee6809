package dev.stoker.pipelines.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Plain HTTP to an environment's own endpoint for checks: paths only (the host is always the environment's),
 * redirects not followed, bodies read up to a bound.
 */
final class GatewayHttp {
  static final int MAX_BODY = 1 << 20;
  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
      .followRedirects(HttpClient.Redirect.NEVER).build();

  /** The answer: status and (bounded) body. */
  record Answer(int status, byte[] body) {
  }

  private GatewayHttp() {
  }

  static Answer call(URI base, String method, String path) throws IOException, InterruptedException {
    URI uri = URI.create(base.toString().replaceAll("/+$", "") + path);
    if (!uri.getHost().equals(base.getHost()) || uri.getPort() != base.getPort()) {
      throw new IllegalArgumentException("the path leaves the environment");
    }
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20))
        .method(method, HttpRequest.BodyPublishers.noBody()).build();
    HttpResponse<InputStream> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream in = response.body()) {
      return new Answer(response.statusCode(), in.readNBytes(MAX_BODY));
    }
  }
}
