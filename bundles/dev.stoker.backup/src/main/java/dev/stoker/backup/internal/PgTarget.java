package dev.stoker.backup.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Stoker's PostgreSQL database as PostgreSQL's client programs reach it: the JDBC URL of the store's configuration
 * (PID {@code dev.stoker.store}: {@code url}, {@code user}, {@code passwordEnv}, {@code passwordFile}) turned into
 * libpq's environment ({@code PGHOST}, {@code PGPORT}, {@code PGDATABASE}, {@code PGUSER}, {@code PGPASSWORD},
 * {@code PGSSLMODE}), so that no password shows on a command line. The password is found the way the store finds
 * it: the variable named by {@code passwordEnv} (default {@code STOKER_DB_PASSWORD}), else the first line of
 * {@code passwordFile}.
 */
record PgTarget(String url, String host, String port, String database, String user, String password,
    String sslMode) {
  static final String PREFIX = "jdbc:postgresql:";

  /** @return whether the store's configuration names a PostgreSQL database */
  static boolean configured(Map<String, ?> store) {
    return value(store, "url", "").startsWith(PREFIX);
  }

  /**
   * @param store the store's configuration (its {@code url} a PostgreSQL one)
   * @param env the process environment
   * @throws IllegalArgumentException with a message naming the setting, when the URL or the password is unusable
   */
  static PgTarget resolve(Map<String, ?> store, Map<String, String> env) throws IOException {
    String url = value(store, "url", "");
    if (!url.startsWith(PREFIX)) {
      throw new IllegalArgumentException("url: '" + url + "' of dev.stoker.store is not a jdbc:postgresql: URL");
    }
    String rest = url.substring(PREFIX.length());
    String query = "";
    int q = rest.indexOf('?');
    if (q >= 0) {
      query = rest.substring(q + 1);
      rest = rest.substring(0, q);
    }
    String host = "localhost";
    String port = "5432";
    if (rest.startsWith("//")) {
      int slash = rest.indexOf('/', 2);
      String authority = slash < 0 ? rest.substring(2) : rest.substring(2, slash);
      rest = slash < 0 ? "" : rest.substring(slash + 1);
      if (authority.contains(",") || authority.contains("@")) {
        throw new IllegalArgumentException("url: backups need a single host in '" + url + "'");
      }
      int colon = authority.lastIndexOf(':');
      if (colon > 0 && !authority.endsWith("]")) {
        port = authority.substring(colon + 1);
        authority = authority.substring(0, colon);
      }
      host = authority.startsWith("[") ? authority.substring(1, authority.length() - 1) : authority;
    }
    if (rest.isEmpty() || !port.matches("\\d{1,5}") || host.isEmpty()) {
      throw new IllegalArgumentException("url: '" + url + "' names no database (jdbc:postgresql://host:port/db)");
    }
    Map<String, String> params = params(query);
    String user = params.getOrDefault("user", value(store, "user", "stoker"));
    return new PgTarget(url, host, port, decode(rest), user, password(store, env, params),
        params.getOrDefault("sslmode", ""));
  }

  private static String password(Map<String, ?> store, Map<String, String> env, Map<String, String> params)
      throws IOException {
    String variable = value(store, "passwordEnv", "STOKER_DB_PASSWORD");
    String fromEnv = variable.isBlank() ? null : env.get(variable);
    if (fromEnv != null && !fromEnv.isEmpty()) {
      return fromEnv;
    }
    String file = value(store, "passwordFile", "");
    if (!file.isBlank() && Files.isRegularFile(Path.of(file))) {
      return Files.readString(Path.of(file), StandardCharsets.UTF_8).lines().findFirst().orElse("");
    }
    if (params.containsKey("password")) {
      return params.get("password");
    }
    throw new IllegalArgumentException("passwordFile: the database password is in neither $" + variable
        + " nor a passwordFile of dev.stoker.store" + (file.isBlank() ? "" : " (" + file + " does not exist)"));
  }

  private static Map<String, String> params(String query) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        out.put(pair.substring(0, eq), decode(pair.substring(eq + 1)));
      }
    }
    return out;
  }

  private static String decode(String s) {
    return java.net.URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  private static String value(Map<String, ?> config, String key, String fallback) {
    Object v = config.get(key);
    return v == null || v.toString().isBlank() ? fallback : v.toString().trim();
  }

  /** @return libpq's environment for this database */
  Map<String, String> environment() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("PGHOST", host);
    env.put("PGPORT", port);
    env.put("PGDATABASE", database);
    env.put("PGUSER", user);
    env.put("PGPASSWORD", password);
    env.put("PGCONNECT_TIMEOUT", "10");
    env.put("PGAPPNAME", "stoker-backup");
    if (!sslMode.isEmpty()) {
      env.put("PGSSLMODE", sslMode);
    }
    return env;
  }

  /** @return the database for messages, without the password */
  String describe() {
    return "database " + database + " on " + host + ":" + port + " as " + user;
  }

  @Override
  public String toString() {
    return "PgTarget[" + describe() + "]";
  }
}
