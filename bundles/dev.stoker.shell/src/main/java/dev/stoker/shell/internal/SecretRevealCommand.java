package dev.stoker.shell.internal;

import dev.stoker.api.secrets.Scopes;
import dev.stoker.api.secrets.SecretMetadata;
import dev.stoker.api.secrets.SecretScope;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code stoker:secret-reveal}: prints a value; the service audits it, a warning on stderr says so. */
@Service
@Command(scope = "stoker", name = "secret-reveal",
    description = "Prints the value of a secret (privileged: the service audits every reveal)")
public class SecretRevealCommand extends SecretPathCommand {

  @Option(name = "--version", description = "version to reveal (default: the latest)")
  int version;

  @Option(name = "--base64", description = "print the value as base64 (required for binary values)")
  boolean base64;

  @Override
  protected Object run() throws Exception {
    byte[] value = null;
    try {
      SecretScope s = Scopes.parse(scope);
      String actor = actor();
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
        throw failure("value: " + what + " is binary; add --base64 to print it as base64 (the reveal was "
            + audited + ")");
      }
      System.err.println("Warning: reveal of " + what + " " + audited);
      return null;
    } finally {
      if (value != null) {
        Arrays.fill(value, (byte) 0);
      }
    }
  }
}
