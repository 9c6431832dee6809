package dev.stoker.shell.internal;

import dev.stoker.api.common.InvalidInputException;

import dev.stoker.api.common.Page;
import dev.stoker.api.common.PageRequest;
import dev.stoker.api.secrets.SecretLease;
import dev.stoker.api.secrets.SecretMetadata;
import dev.stoker.api.secrets.SecretScope;
import dev.stoker.api.secrets.SecretType;
import dev.stoker.api.secrets.Scopes;
import dev.stoker.api.secrets.SecretService;
import dev.stoker.api.secrets.SecretWrite;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.apache.karaf.shell.support.table.ShellTable;

/**
 * Shell commands for the secret service. Values go in (argument, masked prompt or file); only
 * {@code secret-reveal}, a privileged call the service audits, prints one. Every other command prints
 * metadata only (lease listings show secret paths and file names, never values). The service audits every
 * call with actor {@code shell:<USER>}.
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

  static void notFound(SecretScope scope, String path) {
    System.err.println("Error: secret '" + Scopes.reference(scope, path) + "' not found");
  }

  /** @return whether the value is UTF-8 text without control characters other than tab and line breaks */
  static boolean isText(byte[] value) {
    CharBuffer chars;
    try {
      chars = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(value));
    } catch (CharacterCodingException e) {
      return false;
    }
    try {
      for (int i = 0; i < chars.limit(); i++) {
        char c = chars.get(i);
        if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') {
          return false;
        }
      }
      return true;
    } finally {
      if (chars.hasArray()) {
        Arrays.fill(chars.array(), '\0');
      }
    }
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
          throw new InvalidInputException("value: give a value or --file, not both");
        }
        if (file != null) {
          try {
            bytes = Files.readAllBytes(Path.of(file));
          } catch (IOException e) {
            throw new InvalidInputException("file: cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
          }
        } else if (value != null) {
          bytes = value.getBytes(StandardCharsets.UTF_8);
        } else {
          String typed = session.readLine("Value for " + Scopes.reference(s, path) + ": ", '*');
          if (typed == null || typed.isEmpty()) {
            throw new InvalidInputException("value: required");
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
        throw new InvalidInputException("expires: not a date (2026-12-31) or an instant (2026-12-31T00:00:00Z)");
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

  /** {@code stoker:secret-reveal}. */
  @Service
  @Command(scope = "stoker", name = "secret-reveal",
      description = "Prints the value of a secret (privileged: the service audits every reveal)")
  public static class Reveal implements Action {
    @Reference
    SecretService secrets;

    @Reference
    Session session;

    @Option(name = "--scope", description = "workspace (default), project:<id>, stage:<id> or environment:<id>")
    String scope = "workspace";

    @Option(name = "--version", description = "version to reveal (default: the latest)")
    int version;

    @Option(name = "--base64", description = "print the value as base64 (required for binary values)")
    boolean base64;

    @Argument(index = 0, name = "path", required = true, description = "secret path")
    @Completion(PathCompleter.class)
    String path;

    @Override
    public Object execute() {
      byte[] value = null;
      try {
        SecretScope s = Scopes.parse(scope);
        String actor = actor(session);
        value = secrets.reveal(s, Scopes.checkPath(path), version, actor);
        int actual = version != 0 ? version : secrets.metadata(s, path, 0).map(SecretMetadata::version).orElse(0);
        String what = Scopes.reference(s, path) + " version " + actual;
        String audited = "audited as secret.reveal by " + actor;
        if (base64) {
          System.out.println(Base64.getEncoder().encodeToString(value));
        } else if (isText(value)) {
          String text = new String(value, StandardCharsets.UTF_8);
          System.out.print(text.endsWith("\n") ? text : text + System.lineSeparator());
        } else {
          System.err.println("Error: value: " + what + " is binary; add --base64 to print it as base64 (the reveal "
              + "was " + audited + ")");
          return null;
        }
        System.err.println("Warning: reveal of " + what + " " + audited);
      } catch (RuntimeException e) {
        error(e);
      } finally {
        if (value != null) {
          Arrays.fill(value, (byte) 0);
        }
      }
      return null;
    }
  }

  /** {@code stoker:secret-rollback}. */
  @Service
  @Command(scope = "stoker", name = "secret-rollback",
      description = "Goes back to an older version: writes a new version with that version's value")
  public static class Rollback implements Action {
    @Reference
    SecretService secrets;

    @Reference
    Session session;

    @Option(name = "--scope", description = "workspace (default), project:<id>, stage:<id> or environment:<id>")
    String scope = "workspace";

    @Argument(index = 0, name = "path", required = true, description = "secret path")
    @Completion(PathCompleter.class)
    String path;

    @Argument(index = 1, name = "version", required = true, description = "the version to go back to")
    int version;

    @Override
    public Object execute() {
      try {
        SecretMetadata m = secrets.rollback(Scopes.parse(scope), Scopes.checkPath(path), version, actor(session));
        System.out.println("Rolled back " + Scopes.reference(m.scope(), m.path()) + " to version " + version
            + ": now version " + m.version());
        ShellTable table = metadataTable(true);
        addRow(table, m, true);
        table.print(System.out);
      } catch (RuntimeException e) {
        error(e);
      }
      return null;
    }
  }

  /** {@code stoker:secret-delete}. */
  @Service
  @Command(scope = "stoker", name = "secret-delete",
      description = "Deletes a secret with all its versions (asks for confirmation unless --force)")
  public static class Delete implements Action {
    @Reference
    SecretService secrets;

    @Reference
    Session session;

    @Option(name = "--scope", description = "workspace (default), project:<id>, stage:<id> or environment:<id>")
    String scope = "workspace";

    @Option(name = "--force", description = "do not ask for confirmation")
    boolean force;

    @Argument(index = 0, name = "path", required = true, description = "secret path")
    @Completion(PathCompleter.class)
    String path;

    @Override
    public Object execute() throws Exception {
      try {
        SecretScope s = Scopes.parse(scope);
        Scopes.checkPath(path);
        String ref = Scopes.reference(s, path);
        if (!force) {
          SecretMetadata latest = secrets.metadata(s, path, 0).orElse(null);
          if (latest == null) {
            notFound(s, path);
            return null;
          }
          String answer = session.readLine("Delete " + ref + " and all its versions (latest: " + latest.version()
              + ")? Leases already granted keep their files. [y/N] ", null);
          String a = answer == null ? "" : answer.trim().toLowerCase(Locale.ROOT);
          if (!a.equals("y") && !a.equals("yes")) {
            System.out.println("Not deleted: " + ref);
            return null;
          }
        }
        if (secrets.delete(s, path, actor(session))) {
          System.out.println("Deleted " + ref + " with all its versions");
        } else {
          notFound(s, path);
        }
      } catch (RuntimeException e) {
        error(e);
      }
      return null;
    }
  }

  /** {@code stoker:secret-schedule}. */
  @Service
  @Command(scope = "stoker", name = "secret-schedule",
      description = "Sets the rotation schedule of a password or API token (0 days turns it off)")
  public static class Schedule implements Action {
    @Reference
    SecretService secrets;

    @Reference
    Session session;

    @Option(name = "--scope", description = "workspace (default), project:<id>, stage:<id> or environment:<id>")
    String scope = "workspace";

    @Argument(index = 0, name = "path", required = true, description = "secret path")
    @Completion(PathCompleter.class)
    String path;

    @Argument(index = 1, name = "days", required = true, description = "days between rotations, 0 = off")
    int days;

    @Override
    public Object execute() {
      try {
        SecretMetadata m = secrets.schedule(Scopes.parse(scope), Scopes.checkPath(path), days, actor(session));
        String ref = Scopes.reference(m.scope(), m.path());
        System.out.println(days == 0 ? "Scheduled rotation of " + ref + " is off"
            : ref + " now rotates every " + days + " days");
      } catch (RuntimeException e) {
        error(e);
      }
      return null;
    }
  }

  /** {@code stoker:secret-leases}. */
  @Service
  @Command(scope = "stoker", name = "secret-leases",
      description = "Lists the leases in force: id, expiry and the secrets or files they hold (never values)")
  public static class Leases implements Action {
    @Reference
    SecretService secrets;

    @Override
    public Object execute() {
      try {
        ShellTable table = new ShellTable();
        table.column("Id");
        table.column("Expires");
        table.column("Files");
        table.emptyTableText("No leases in force");
        secrets.leases().stream()
            .sorted(Comparator.comparing(SecretLease::expires, Comparator.nullsLast(Comparator.naturalOrder())))
            .forEach(l -> table.addRow().addContent(l.id(), l.expires() == null ? "" : l.expires().toString(),
                String.join(", ", new TreeMap<>(l.files()).keySet())));
        table.print(System.out);
      } catch (RuntimeException e) {
        error(e);
      }
      return null;
    }
  }

  /** {@code stoker:secret-release}. */
  @Service
  @Command(scope = "stoker", name = "secret-release", description = "Ends a lease now and removes its files")
  public static class Release implements Action {
    @Reference
    SecretService secrets;

    @Reference
    Session session;

    @Argument(index = 0, name = "leaseId", required = true, description = "lease id (stoker:secret-leases)")
    @Completion(LeaseIdCompleter.class)
    String leaseId;

    @Override
    public Object execute() {
      try {
        if (secrets.release(leaseId, actor(session))) {
          System.out.println("Released lease " + leaseId + "; its files are removed");
        } else {
          System.err.println("Error: lease '" + leaseId + "' not found");
        }
      } catch (RuntimeException e) {
        error(e);
      }
      return null;
    }
  }

  /** {@code stoker:secret-master-rotate}. */
  @Service
  @Command(scope = "stoker", name = "secret-master-rotate",
      description = "Replaces the master key and re-wraps every data key")
  public static class MasterRotate implements Action {
    @Reference
    SecretService secrets;

    @Reference
    Session session;

    @Override
    public Object execute() {
      try {
        String old = secrets.masterKeyId();
        String id = secrets.rotateMasterKey(actor(session));
        System.out.println("Rotated the master key: " + old + " -> " + id);
      } catch (RuntimeException e) {
        error(e);
      }
      return null;
    }
  }

  /** Completes the secret paths of the scope given with {@code --scope} (default: the workspace). */
  @Service
  public static class PathCompleter implements Completer {
    @Reference
    SecretService secrets;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
      List<String> paths;
      try {
        paths = secrets.list(Scopes.parse(scopeOf(commandLine.getArguments())),
            new PageRequest(0, PageRequest.MAX_LIMIT)).items().stream().map(SecretMetadata::path).toList();
      } catch (RuntimeException e) {
        return -1;
      }
      return new StringsCompleter(paths).complete(session, commandLine, candidates);
    }

    static String scopeOf(String[] arguments) {
      for (int i = 0; arguments != null && i < arguments.length; i++) {
        if (arguments[i].equals("--scope") && i + 1 < arguments.length) {
          return arguments[i + 1];
        }
        if (arguments[i].startsWith("--scope=")) {
          return arguments[i].substring("--scope=".length());
        }
      }
      return "workspace";
    }
  }

  /** Completes the ids of the leases in force. */
  @Service
  public static class LeaseIdCompleter implements Completer {
    @Reference
    SecretService secrets;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
      List<String> ids;
      try {
        ids = secrets.leases().stream().map(SecretLease::id).toList();
      } catch (RuntimeException e) {
        return -1;
      }
      return new StringsCompleter(ids).complete(session, commandLine, candidates);
    }
  }
}
