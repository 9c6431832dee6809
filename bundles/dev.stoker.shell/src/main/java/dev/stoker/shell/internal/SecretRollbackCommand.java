package dev.stoker.shell.internal;

import dev.stoker.api.secrets.Scopes;
import dev.stoker.api.secrets.SecretMetadata;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

/** {@code stoker:secret-rollback}: a new version with an older version's value. */
@Service
@Command(scope = "stoker", name = "secret-rollback",
    description = "Goes back to an older version: writes a new version with that version's value")
public class SecretRollbackCommand extends SecretPathCommand {

  @Argument(index = 1, name = "version", required = true, description = "the version to go back to")
  int version;

  @Override
  protected Object run() {
    SecretMetadata m = secrets.rollback(Scopes.parse(scope), Scopes.checkPath(path), version, actor());
    System.out.println("Rolled back " + Scopes.reference(m.scope(), m.path()) + " to version " + version
        + ": now version " + m.version());
    ShellTable table = metadataTable(true);
    addRow(table, m, true);
    table.print(System.out);
    return null;
  }
}
