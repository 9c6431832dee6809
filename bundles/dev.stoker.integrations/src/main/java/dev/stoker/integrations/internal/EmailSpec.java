package dev.stoker.integrations.internal;

import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * One validated e-mail notification.
 *
 * @param id stable name, used in route ids and logs
 * @param host SMTP host
 * @param port SMTP port
 * @param security {@code none}, {@code starttls} or {@code ssl}
 * @param username SMTP user, or null
 * @param password SMTP password (from the environment), or null
 * @param from sender
 * @param to recipients
 * @param topics which event topics to send
 * @param queueSize events waiting beyond which new ones are dropped
 */
record EmailSpec(String id, String host, int port, String security, String username, String password, String from,
    List<String> to, TopicGlob topics, int queueSize) {
  private static final Pattern ADDRESS = Pattern.compile("[^@\\s,<>\"]+@[^@\\s,<>\"]+");
  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.-]{1,253}|\\[[0-9a-fA-F:.]+]");
  static final List<String> SECURITY = List.of("none", "starttls", "ssl");

  @Override
  public String toString() { // never the password
    return "EmailSpec[" + id + " " + host + ":" + port + " " + security + " from " + from + " to " + to + "]";
  }

  /**
   * Validates a configuration.
   *
   * @param env looks up environment variables (System::getenv outside tests)
   * @throws IllegalArgumentException naming the bad field
   */
  static EmailSpec from(String id, EmailConfig config, UnaryOperator<String> env) {
    String name = config.name().isBlank() ? id : config.name().trim();
    String host = config.host() == null ? "" : config.host().trim();
    if (!HOST.matcher(host).matches()) {
      throw new IllegalArgumentException("host: a host name or address is required, not '" + host + "'");
    }
    if (config.port() < 1 || config.port() > 65535) {
      throw new IllegalArgumentException("port: 1 to 65535");
    }
    String security = config.security().trim().toLowerCase(java.util.Locale.ROOT);
    if (!SECURITY.contains(security)) {
      throw new IllegalArgumentException("security: one of none, starttls, ssl");
    }
    String password = null;
    if (!config.passwordEnv().isBlank()) {
      password = env.apply(config.passwordEnv().trim());
      if (password == null || password.isEmpty()) {
        throw new IllegalArgumentException("passwordEnv: environment variable " + config.passwordEnv().trim()
            + " is not set");
      }
    }
    String from = config.from() == null ? "" : config.from().trim();
    if (!ADDRESS.matcher(from).matches()) {
      throw new IllegalArgumentException("from: an e-mail address is required, not '" + from + "'");
    }
    List<String> to = config.to() == null ? List.of() : List.of(config.to()).stream().map(String::trim).toList();
    if (to.isEmpty() || !to.stream().allMatch(a -> ADDRESS.matcher(a).matches())) {
      throw new IllegalArgumentException("to: one or more e-mail addresses are required, not " + to);
    }
    if (config.queueSize() < 1) {
      throw new IllegalArgumentException("queueSize: at least 1");
    }
    return new EmailSpec(name.replaceAll("[^A-Za-z0-9_.-]", "_"), host, config.port(), security,
        config.username().isBlank() ? null : config.username().trim(), password, from, to,
        TopicGlob.of(config.topics()), config.queueSize());
  }
}
