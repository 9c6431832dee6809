package dev.stoker.shell.internal;

import dev.stoker.api.secrets.Scopes;
import dev.stoker.api.secrets.SecretMetadata;
import dev.stoker.api.secrets.SecretScope;
import java.util.Locale;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code stoker:secret-delete}: deletes a secret with all its versions after a question. */
@Service
@Command(scope = "stoker", name = "secret-delete",
    description = "Deletes a secret with all its versions (asks for confirmation unless --force)")
public class SecretDeleteCommand extends SecretPathCommand {

  @Option(name = "--force", description = "do not ask for confirmation")
  boolean force;

  @Override
  protected Object run() throws Exception {
    SecretScope s = Scopes.parse(scope);
    Scopes.checkPath(path);
    String ref = Scopes.reference(s, path);
    if (!force) {
      SecretMetadata latest = secrets.metadata(s, path, 0).orElseThrow(() -> notFound(s, path));
      String answer = session.readLine("Delete " + ref + " and all its versions (latest: " + latest.version()
          + ")? Leases already granted keep their files. [y/N] ", null);
      String a = answer == null ? "" : answer.trim().toLowerCase(Locale.ROOT);
      if (!a.equals("y") && !a.equals("yes")) {
        System.out.println("Not deleted: " + ref);
        return null;
      }
    }
    if (!secrets.delete(s, path, actor())) {
      throw notFound(s, path);
    }
    System.out.println("Deleted " + ref + " with all its versions");
    return null;
  }
}
