package dev.stoker.shell.internal;

import dev.stoker.api.secrets.Scopes;
import dev.stoker.api.secrets.SecretMetadata;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code stoker:secret-rotate}: a generated value now. */
@Service
@Command(scope = "stoker", name = "secret-rotate",
    description = "Rotates a password or API token now: writes a new version with a generated value")
public class SecretRotateCommand extends SecretPathCommand {

  @Override
  protected Object run() {
    SecretMetadata m = secrets.rotate(Scopes.parse(scope), Scopes.checkPath(path), actor());
    System.out.println("Rotated " + Scopes.reference(m.scope(), m.path()) + ": now version " + m.version());
    return null;
  }
}
