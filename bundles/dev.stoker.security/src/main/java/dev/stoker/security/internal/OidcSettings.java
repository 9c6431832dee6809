package dev.stoker.security.internal;

import dev.stoker.api.common.InvalidInputException;
import dev.stoker.api.security.Role;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@link OidcProviderConfig} checked: a typo (an unknown role, a plain-HTTP issuer off this host) fails the
 * configuration rather than opening a way in.
 *
 * @param roles group to role
 * @param defaultRole role of users whose groups map to none, or {@code null} to refuse them
 * @param clientSecret the client secret, or {@code null} for a public client
 */
record OidcSettings(String name, String displayName, URI issuer, String clientId, String clientSecret,
    String audience, String usernameClaim, String groupsClaim, Map<String, Role> roles, Role defaultRole,
    String scopes, Duration keyRefresh) {
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");

  static OidcSettings of(OidcProviderConfig c) {
    if (c.name() == null || !NAME.matcher(c.name()).matches()) {
      throw new InvalidInputException("name: 1-32 lower-case letters, digits or '-'");
    }
    URI issuer = issuer(c.issuer());
    if (c.clientId() == null || c.clientId().isBlank()) {
      throw new InvalidInputException("clientId: required");
    }
    Map<String, Role> roles = new LinkedHashMap<>();
    for (String mapping : list(c.roles())) {
      int eq = mapping.lastIndexOf('=');
      if (eq <= 0) {
        throw new InvalidInputException("roles: '" + mapping + "' is not 'group=role'");
      }
      roles.put(mapping.substring(0, eq).trim(), Role.fromId(mapping.substring(eq + 1).trim()));
    }
    Role defaultRole = c.defaultRole().isBlank() ? null : Role.fromId(c.defaultRole().trim());
    return new OidcSettings(c.name(), c.displayName().isBlank() ? c.name() : c.displayName(), issuer,
        c.clientId().trim(), secret(c.clientSecretFile()), c.audience().isBlank() ? c.clientId().trim()
        : c.audience().trim(), c.usernameClaim(), c.groupsClaim(), Map.copyOf(roles), defaultRole, c.scopes(),
        Duration.ofSeconds(Math.max(0, c.keyRefreshSeconds())));
  }

  /**
   * @return the values of a list setting, also when a {@code .cfg} file gives them as one comma-separated
   *     string (as {@code etc/} files usually do)
   */
  static java.util.List<String> list(String[] values) {
    return java.util.Arrays.stream(values == null ? new String[0] : values).flatMap(v -> java.util.Arrays.stream(
        v.split(","))).map(String::trim).filter(v -> !v.isEmpty()).toList();
  }

  private static URI issuer(String value) {
    URI uri;
    try {
      uri = URI.create(value == null ? "" : value.trim());
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("issuer: not a URL");
    }
    boolean loopback = "localhost".equals(uri.getHost()) || "127.0.0.1".equals(uri.getHost());
    if (!"https".equals(uri.getScheme()) && !("http".equals(uri.getScheme()) && loopback)) {
      throw new InvalidInputException("issuer: an https URL (http only on this host)");
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new InvalidInputException("issuer: no query or fragment");
    }
    return uri;
  }

  private static String secret(String file) {
    if (file == null || file.isBlank()) {
      return null;
    }
    try {
      return Files.readString(Path.of(file), StandardCharsets.UTF_8).lines().findFirst().orElse("").trim();
    } catch (IOException e) {
      throw new InvalidInputException("clientSecretFile: cannot read " + file + ": " + e.getMessage());
    }
  }

  /** @return the endpoint for the discovery document, as OpenID Connect Discovery 1.0 forms it */
  URI discoveryUri() {
    String base = issuer.toString();
    return URI.create((base.endsWith("/") ? base : base + "/") + ".well-known/openid-configuration");
  }

  @Override
  public String toString() {
    return "OidcSettings[" + name + ", issuer " + issuer + ", client " + clientId + "]"; // never the secret
  }
}
