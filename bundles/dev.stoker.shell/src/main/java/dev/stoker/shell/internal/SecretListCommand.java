package dev.stoker.shell.internal;

import dev.stoker.api.common.Page;
import dev.stoker.api.common.PageRequest;
import dev.stoker.api.secrets.Scopes;
import dev.stoker.api.secrets.SecretMetadata;
import dev.stoker.api.secrets.SecretScope;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

/** {@code stoker:secret-list}: latest metadata of the secrets of a scope. */
@Service
@Command(scope = "stoker", name = "secret-list", description = "Lists the secrets of a scope (metadata, never values)")
public class SecretListCommand extends SecretCommand {

  @Option(name = "--scope", description = SCOPE_HELP)
  String scope = "workspace";

  @Override
  protected Object run() {
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
    return null;
  }
}
