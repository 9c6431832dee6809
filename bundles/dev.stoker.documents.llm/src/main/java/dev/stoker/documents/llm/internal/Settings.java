package dev.stoker.documents.llm.internal;

import dev.stoker.api.common.InvalidInputException;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/** A writer's checked configuration. */
record Settings(String id, String provider, String baseUrl, String model, String apiKeySecret, Duration timeout,
    int maxTokens, double temperature) {
  static final Map<String, String> DEFAULT_URLS = Map.of("openai", "https://api.openai.com/v1", "anthropic",
      "https://api.anthropic.com/v1", "ollama", "http://127.0.0.1:11434/v1");

  static Settings of(WriterConfig c) {
    String provider = c.provider() == null ? "" : c.provider().trim().toLowerCase(Locale.ROOT);
    if (!DEFAULT_URLS.containsKey(provider)) {
      throw new InvalidInputException("provider", "openai, anthropic or ollama, not '" + c.provider() + "'");
    }
    if (c.id() == null || !c.id().matches("[a-z0-9][a-z0-9-]{0,39}") || c.id().equals("template")) {
      throw new InvalidInputException("id", "lower-case letters, digits and '-', not 'template': '" + c.id() + "'");
    }
    if (c.model() == null || c.model().isBlank()) {
      throw new InvalidInputException("model", "required");
    }
    String url = c.baseUrl() == null || c.baseUrl().isBlank() ? DEFAULT_URLS.get(provider) : c.baseUrl().trim();
    URI uri = URI.create(url);
    if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
      throw new InvalidInputException("baseUrl", "an http(s) URL, not '" + url + "'");
    }
    return new Settings(c.id(), provider, url, c.model().trim(), c.apiKeySecret() == null ? ""
        : c.apiKeySecret().trim(), Duration.ofSeconds(Math.max(1, c.timeoutSeconds())), Math.max(1, c.maxTokens()),
        c.temperature());
  }
}
