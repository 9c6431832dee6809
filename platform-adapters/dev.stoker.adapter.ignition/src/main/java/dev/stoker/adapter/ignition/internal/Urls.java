package dev.stoker.adapter.ignition.internal;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Small helpers for gateway addresses. */
final class Urls {

  private Urls() {
  }

  /** Resolves {@code path} (relative, no leading slash) against a base that may lack its trailing slash. */
  static URI resolve(URI base, String path) {
    String text = base.toString();
    return URI.create(text.endsWith("/") ? text + path : text + "/" + path);
  }

  /** Encodes one path segment or query value ({@code %20} for spaces, not {@code +}). */
  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
