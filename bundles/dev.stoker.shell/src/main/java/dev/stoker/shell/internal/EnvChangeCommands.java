package dev.stoker.shell.internal;

import dev.stoker.api.common.Operation;
import dev.stoker.api.environment.EnvironmentService;
import dev.stoker.api.environment.LifecycleAction;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Shell commands that change an environment's lifecycle. */
public final class EnvChangeCommands {
  private EnvChangeCommands() {
  }

  static Object change(EnvironmentService environments, String id, LifecycleAction action) {
    Operation op = environments.change(id, action, "shell");
    System.out.println(action.id() + " of " + id + " queued as operation " + op.id());
    return null;
  }

  /** {@code stoker:env-stop}. */
  @Service
  @Command(scope = "stoker", name = "env-stop", description = "Stops an environment")
  public static class Stop extends StokerCommand {
    @Reference
    EnvironmentService environments;

    @Argument(index = 0, name = "id", required = true, description = "environment id")
    String id;

    @Override
    protected Object run() {
      return change(environments, id, LifecycleAction.STOP);
    }
  }

  /** {@code stoker:env-destroy}. */
  @Service
  @Command(scope = "stoker", name = "env-destroy", description = "Destroys an environment")
  public static class Destroy extends StokerCommand {
    @Reference
    EnvironmentService environments;

    @Argument(index = 0, name = "id", required = true, description = "environment id")
    String id;

    @Option(name = "--delete-volume", description = "also delete the data volume")
    boolean deleteVolume;

    @Override
    protected Object run() {
      return change(environments, id, deleteVolume ? LifecycleAction.DESTROY_WITH_VOLUME : LifecycleAction.DESTROY);
    }
  }

  /** {@code stoker:env-logs}. */
  @Service
  @Command(scope = "stoker", name = "env-logs", description = "Prints the last lines an environment's gateway wrote")
  public static class Logs extends StokerCommand {
    @Reference
    EnvironmentService environments;

    @Argument(index = 0, name = "id", required = true, description = "environment id")
    String id;

    @Option(name = "--tail", description = "number of lines (default 100)")
    int tail = 100;

    @Override
    protected Object run() throws Exception {
      System.out.print(environments.logs(id, tail));
      return null;
    }
  }
}
