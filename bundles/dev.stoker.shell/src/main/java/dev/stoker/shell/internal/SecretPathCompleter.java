package dev.stoker.shell.internal;

import dev.stoker.api.common.PageRequest;
import dev.stoker.api.secrets.Scopes;
import dev.stoker.api.secrets.SecretMetadata;
import dev.stoker.api.secrets.SecretService;
import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/** Completes the secret paths of the scope given with {@code --scope} (default: the workspace). */
@Service
public class SecretPathCompleter implements Completer {
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
