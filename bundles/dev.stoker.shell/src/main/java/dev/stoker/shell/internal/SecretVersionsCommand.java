package dev.stoker.shell.internal;

import dev.stoker.api.secrets.Scopes;
import dev.stoker.api.secrets.SecretMetadata;
import dev.stoker.api.secrets.SecretScope;
import java.util.List;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

/** {@code stoker:secret-versions}: every version of a secret, newest first. */
@Service
@Command(scope = "stoker", name = "secret-versions", description = "Lists every version of a secret, newest first")
public class SecretVersionsCommand extends SecretPathCommand {

  @Override
  protected Object run() throws Exception {
    SecretScope s = Scopes.parse(scope);
    List<SecretMetadata> versions = secrets.versions(s, Scopes.checkPath(path));
    if (versions.isEmpty()) {
      throw notFound(s, path);
    }
    ShellTable table = metadataTable(false);
    versions.forEach(m -> addRow(table, m, false));
    table.print(System.out);
    return null;
  }
}
