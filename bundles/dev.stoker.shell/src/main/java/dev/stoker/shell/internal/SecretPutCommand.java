package dev.stoker.shell.internal;

import dev.stoker.api.common.InvalidInputException;
import dev.stoker.api.secrets.Scopes;
import dev.stoker.api.secrets.SecretMetadata;
import dev.stoker.api.secrets.SecretScope;
import dev.stoker.api.secrets.SecretType;
import dev.stoker.api.secrets.SecretWrite;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/** {@code stoker:secret-put}: writes a new version from an argument, a masked prompt or a file. */
@Service
@Command(scope = "stoker", name = "secret-put",
    description = "Writes a new version of a secret (the first write creates it)")
public class SecretPutCommand extends SecretPathCommand {

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

  @Argument(index = 1, name = "value", description = "the value; asked for (masked) when omitted and no "
      + "--file is given")
  String value;

  @Override
  protected Object run() throws Exception {
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
          actor());
      System.out.println("Wrote " + Scopes.reference(m.scope(), m.path()) + " version " + m.version() + " ("
          + Scopes.typeId(m.type()) + ")");
      return null;
    } finally {
      if (bytes != null) {
        Arrays.fill(bytes, (byte) 0);
      }
      if (importPassword != null) {
        Arrays.fill(importPassword, '\0');
      }
    }
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
