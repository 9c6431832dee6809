package dev.stoker.integrations.internal;

import java.net.URI;
import java.util.function.UnaryOperator;

/**
 * One validated webhook configuration.
 *
 * @param id stable name, used in route ids and logs
 * @param url where events are POSTed (http or https)
 * @param topics which event topics to deliver
 * @param secret HMAC key for {@code X-Stoker-Signature}, or null to send unsigned
 * @param maxRetries redeliveries after the first attempt fails (connection error, 5xx, 408, 429)
 * @param retryDelayMillis delay before the first redelivery; doubles on each further one
 * @param maxRetryDelayMillis upper bound of that delay
 * @param queueSize events waiting for this webhook beyond which new ones are dropped
 * @param format the body shape
 */
record WebhookSpec(String id, URI url, TopicGlob topics, String secret, int maxRetries, long retryDelayMillis,
    long maxRetryDelayMillis, int queueSize, ChatFormat format) {

  /**
   * Validates a configuration.
   *
   * @param env looks up environment variables (System::getenv outside tests)
   * @throws IllegalArgumentException naming the bad field
   */
  static WebhookSpec from(String id, WebhookConfig config, UnaryOperator<String> env) {
    String name = config.name().isBlank() ? id : config.name().trim();
    String safeId = name.replaceAll("[^A-Za-z0-9_.-]", "_");
    URI url;
    try {
      url = URI.create(config.url().trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("url: not a URL: " + config.url());
    }
    if (!"http".equalsIgnoreCase(url.getScheme()) && !"https".equalsIgnoreCase(url.getScheme())
        || url.getHost() == null) {
      throw new IllegalArgumentException("url: give an absolute http(s) URL, not '" + config.url() + "'");
    }
    String secret = null;
    if (!config.secretEnv().isBlank()) {
      secret = env.apply(config.secretEnv().trim());
      if (secret == null || secret.isEmpty()) {
        throw new IllegalArgumentException("secretEnv: environment variable " + config.secretEnv().trim()
            + " is not set; refusing to send unsigned events to a webhook meant to be signed");
      }
    }
    if (config.maxRetries() < 0 || config.retryDelayMillis() < 0 || config.queueSize() < 1) {
      throw new IllegalArgumentException("maxRetries and retryDelayMillis must be >= 0, queueSize >= 1");
    }
    return new WebhookSpec(safeId, url, TopicGlob.of(config.topics()), secret, config.maxRetries(),
        config.retryDelayMillis(), Math.max(config.retryDelayMillis(), config.maxRetryDelayMillis()),
        config.queueSize(), ChatFormat.of(config.format()));
  }
}
