package dev.stoker.shell.internal;

import dev.stoker.api.secrets.Scopes;
import dev.stoker.api.secrets.SecretMetadata;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code stoker:secret-schedule}: the rotation schedule of a password or API token. */
@Service
@Command(scope = "stoker", name = "secret-schedule",
    description = "Sets the rotation schedule of a password or API token (0 days turns it off)")
public class SecretScheduleCommand extends SecretPathCommand {

  @Argument(index = 1, name = "days", required = true, description = "days between rotations, 0 = off")
  int days;

  @Override
  protected Object run() {
    SecretMetadata m = secrets.schedule(Scopes.parse(scope), Scopes.checkPath(path), days, actor());
    String ref = Scopes.reference(m.scope(), m.path());
    System.out.println(days == 0 ? "Scheduled rotation of " + ref + " is off"
        : ref + " now rotates every " + days + " days");
    return null;
  }
}
