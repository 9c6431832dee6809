package dev.stoker.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;

/** Base of the secret commands that name one secret: {@code [--scope S] <path>}. */
abstract class SecretPathCommand extends SecretCommand {

  @Option(name = "--scope", description = SCOPE_HELP)
  String scope = "workspace";

  @Argument(index = 0, name = "path", required = true, description = "secret path, e.g. db/main/password")
  @Completion(SecretPathCompleter.class)
  String path;
}
