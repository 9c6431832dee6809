package dev.stoker.shell.internal;

import dev.stoker.api.common.Page;
import dev.stoker.api.common.PageRequest;
import dev.stoker.api.secrets.SecretMetadata;
import dev.stoker.api.secrets.SecretScope;
import dev.stoker.api.secrets.SecretType;
import dev.stoker.secrets.Scopes;
import dev.stoker.secrets.SecretService;
import dev.stoker.secrets.SecretWrite;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.apache.karaf.shell.support.table.ShellTable;

/**
 * Shell commands for the secret service. Values go in (argument, masked prompt or file), never out: the
 * commands print metadata only. The service audits every call with actor {@code shell:<USER>}.
 */
public final class SecretCommands {
  private SecretCommands() {
  }

  static String actor(Session session) {
    Object user = session == null ? null : session.get("USER");
    return "shell:" + (user == null ? "local" : user);
  }

  static ShellTable metadataTable(boolean withPath) {
    ShellTable table = new ShellTable();
    for (String c : withPath ? new String[] {"Path", "Type", "Version", "Created", "By", "Expires", "Details"}
        : new String[] {"Version", "Type", "Created", "By", "Expires", "Details"}) {
      table.column(c);
    }
    return table;
  }

  static void addRow(ShellTable table, SecretMetadata m, boolean withPath) {
    String created = m.created() == null ? "" : m.created().toString();
    String expires = m.expires() == null ? "" : m.expires().toString();
    String details = details(m.attributes());
    if (withPath) {
      table.addRow().addContent(m.path(), Scopes.typeId(m.type()), m.version(), created, m.createdBy(), expires,
          details);
    } else {
      table.addRow().addContent(m.version(), Scopes.typeId(m.type()), created, m.createdBy(), expires, details);
    }
  }

  /** Parsed, non-secret attributes (metadata never carries values), one {@code key=value} list. */
  private static String details(Map<String, String> attributes) {
    StringBuilder b = new StringBuilder();
    for (Map.Entry<String, String> e : new TreeMap<>(attributes).entrySet()) {
      b.append(b.length() == 0 ? "" : ", ").append(e.getKey()).append('=').append(e.getValue());
    }
    return b.length() <= 80 ? b.toString() : b.substring(0, 79) + "…";
  }

  static void error(RuntimeException e) {
    System.err.println("Error: " + e.getMessage());
  }

  /** {@code stoker:secret-list}. */
  @Service
  @Command(scope = "stoker", name = "secret-list", description = "Lists the secrets of a scope (metadata, never values)")
  public static class ListSecrets implements Action {
    @Reference
    SecretService secrets;

    @Option(name = "--scope", description = "workspace (default), project:<id>, stage:<id> or environment:<id>")
    String scope = "workspace";

    @Override
    public Object execute() {
      try {
        SecretScope s = Scopes.parse(scope);
        ShellTable table = metadataTable(true);
        int offset = 0;
        while (true) {
          Page<SecretMetadata> page = secrets.list(s, new PageRequest(offset, PageRequest.MAX_LIMIT));
          page.items().forEach(m -> addRow(table, m, true));
          offset += page.items().size();
          if (page.items().isEmpty() || offset >= page.total()) {
            break;
          }
        }
        table.print(System.out);
      } catch (RuntimeException e) {
        error(e);
      }
      return null;
    }
  }

  /** {@code stoker:secret-put}. */
  @Service
  @Command(scope = "stoker", name = "secret-put",
      description = "Writes a new version of a secret (the first write creates it)")
  public static class Put implements Action {
    @Reference
    SecretService secrets;

    @Reference
    Session session;

    @Option(name = "--scope", description = "workspace (default), project:<id>, stage:<id> or environment:<id>")
    String scope = "workspace";

    @Option(name = "--type", required = true, description = "password, key-value, api-token, license-key, "
        + "activation-token, certificate or ssh-key")
    @Completion(value = StringsCompleter.class, values = {"password", "key-value", "api-token", "license-key",
        "activation-token", "certificate", "ssh-key"})
    String type;

    @Option(name = "--file", description = "read the value from this file (PEM, PKCS#12, SSH key, JSON)")
    String file;

    @Option(name = "--import-password", description = "ask (masked) for the password of a PKCS#12 file or an "
        + "encrypted PEM key")
    boolean askImportPassword;

    @Option(name = "--expires", description = "expiry for values that do not carry one, e.g. 2026-12-31 or "
        + "2026-12-31T00:00:00Z")
    String expires;

    @Option(name = "--rotation-days", description = "rotate on a schedule every so many days (0 = off)")
    Integer rotationDays;

    @Argument(index = 0, name = "path", required = true, description = "secret path, e.g. db/main/password")
    String path;

    @Argument(index = 1, name = "value", description = "the value; asked for (masked) when omitted and no "
        + "--file is given")
    String value;

    @Override
    public Object execute() throws Exception {
      byte[] bytes = null;
      char[] importPassword = null;
      try {
        SecretScope s = Scopes.parse(scope);
        SecretType t = Scopes.parseType(type);
        Scopes.checkPath(path);
        Instant expiry = expires == null ? null : parseExpiry(expires);
        if (value != null && file != null) {
          throw new IllegalArgumentException("value: give a value or --file, not both");
        }
        if (file != null) {
          try {
            bytes = Files.readAllBytes(Path.of(file));
          } catch (IOException e) {
            throw new IllegalArgumentException("file: cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
          }
        } else if (value != null) {
          bytes = value.getBytes(StandardCharsets.UTF_8);
        } else {
          String typed = session.readLine("Value for " + Scopes.reference(s, path) + ": ", '*');
          if (typed == null || typed.isEmpty()) {
            throw new IllegalArgumentException("value: required");
          }
          bytes = typed.getBytes(StandardCharsets.UTF_8);
        }
        if (askImportPassword) {
          String typed = session.readLine("Import password: ", '*');
          importPassword = typed == null ? new char[0] : typed.toCharArray();
        }
        SecretMetadata m = secrets.write(new SecretWrite(path, s, t, bytes, importPassword, expiry, rotationDays),
            actor(session));
        System.out.println("Wrote " + Scopes.reference(m.scope(), m.path()) + " version " + m.version() + " ("
            + Scopes.typeId(m.type()) + ")");
      } catch (RuntimeException e) {
        error(e);
      } finally {
        if (bytes != null) {
          Arrays.fill(bytes, (byte) 0);
        }
        if (importPassword != null) {
          Arrays.fill(importPassword, '\0');
        }
      }
      return null;
    }

    private static Instant parseExpiry(String text) {
      try {
        return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
            : Instant.parse(text);
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("expires: not a date (2026-12-31) or an instant (2026-12-31T00:00:00Z)");
      }
    }
  }

  /** {@code stoker:secret-rotate}. */
  @Service
  @Command(scope = "stoker", name = "secret-rotate",
      description = "Rotates a password or API token now: writes a new version with a generated value")
  public static class Rotate implements Action {
    @Reference
    SecretService secrets;

    @Reference
    Session session;

    @Option(name = "--scope", description = "workspace (default), project:<id>, stage:<id> or environment:<id>")
    String scope = "workspace";

    @Argument(index = 0, name = "path", required = true, description = "secret path")
    String path;

    @Override
    public Object execute() {
      try {
        SecretMetadata m = secrets.rotate(Scopes.parse(scope), Scopes.checkPath(path), actor(session));
        System.out.println("Rotated " + Scopes.reference(m.scope(), m.path()) + ": now version " + m.version());
      } catch (RuntimeException e) {
        error(e);
      }
      return null;
    }
  }

  /** {@code stoker:secret-versions}. */
  @Service
  @Command(scope = "stoker", name = "secret-versions", description = "Lists every version of a secret, newest first")
  public static class Versions implements Action {
    @Reference
    SecretService secrets;

    @Option(name = "--scope", description = "workspace (default), project:<id>, stage:<id> or environment:<id>")
    String scope = "workspace";

    @Argument(index = 0, name = "path", required = true, description = "secret path")
    String path;

    @Override
    public Object execute() {
      try {
        SecretScope s = Scopes.parse(scope);
        List<SecretMetadata> versions = secrets.versions(s, Scopes.checkPath(path));
        if (versions.isEmpty()) {
          System.err.println("Error: secret '" + Scopes.reference(s, path) + "' not found");
          return null;
        }
        ShellTable table = metadataTable(false);
        versions.forEach(m -> addRow(table, m, false));
        table.print(System.out);
      } catch (RuntimeException e) {
        error(e);
      }
      return null;
    }
  }
}
