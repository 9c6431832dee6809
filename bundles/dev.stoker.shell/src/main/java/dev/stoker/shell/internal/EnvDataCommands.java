package dev.stoker.shell.internal;

import dev.stoker.api.common.Operation;
import dev.stoker.api.common.PageRequest;
import dev.stoker.api.environment.EnvironmentBackup;
import dev.stoker.api.environment.EnvironmentService;
import java.util.function.Supplier;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

/** Shell commands for an environment's data: backups, restore, upgrade, rollback. */
public final class EnvDataCommands {
  private EnvDataCommands() {
  }

  static Object queued(String what, String id, Supplier<Operation> start) {
    Operation op = start.get();
    System.out.println(what + " of " + id + " queued as operation " + op.id());
    return null;
  }

  /** {@code stoker:env-backup}. */
  @Service
  @Command(scope = "stoker", name = "env-backup", description = "Takes a gateway backup of a running environment")
  public static class Backup extends StokerCommand {
    @Reference
    EnvironmentService environments;

    @Argument(index = 0, name = "id", required = true, description = "environment id")
    String id;

    @Option(name = "--api-key-secret", description = "secret reference of the gateway API key, e.g. "
        + "workspace:ignition/api-key (default: backupApiKeySecret)")
    String apiKeySecret;

    @Override
    protected Object run() {
      return queued("backup", id, () -> environments.backup(id, apiKeySecret, "shell"));
    }
  }

  /** {@code stoker:env-backups}. */
  @Service
  @Command(scope = "stoker", name = "env-backups", description = "Lists the backups taken of an environment")
  public static class Backups extends StokerCommand {
    @Reference
    EnvironmentService environments;

    @Argument(index = 0, name = "id", required = true, description = "environment id")
    String id;

    @Override
    protected Object run() {
      ShellTable table = new ShellTable();
      for (String c : new String[] {"Backup", "Created", "By", "Image", "Size", "Sha256"}) {
        table.column(c);
      }
      for (EnvironmentBackup b : environments.backups(id, new PageRequest(0, PageRequest.MAX_LIMIT)).items()) {
        table.addRow().addContent(b.id(), b.created(), b.createdBy(), b.image(), b.size(), b.sha256());
      }
      table.print(System.out);
      return null;
    }
  }

  /** {@code stoker:env-restore}. */
  @Service
  @Command(scope = "stoker", name = "env-restore", description = "Restores a backup into an environment")
  public static class Restore extends StokerCommand {
    @Reference
    EnvironmentService environments;

    @Argument(index = 0, name = "id", required = true, description = "environment id")
    String id;

    @Argument(index = 1, name = "backup", required = true, description = "backup id or sha256 of a backup artifact")
    String backup;

    @Override
    protected Object run() {
      return queued("restore", id, () -> environments.restore(id, backup, "shell"));
    }
  }

  /** {@code stoker:env-upgrade}. */
  @Service
  @Command(scope = "stoker", name = "env-upgrade", description = "Recreates an environment's gateway from another "
      + "version or image, keeping its data")
  public static class Upgrade extends StokerCommand {
    @Reference
    EnvironmentService environments;

    @Argument(index = 0, name = "id", required = true, description = "environment id")
    String id;

    @Option(name = "--version", description = "platform version, e.g. 8.3.4")
    String version;

    @Option(name = "--image", description = "container image")
    String image;

    @Override
    protected Object run() {
      return queued("upgrade", id, () -> environments.upgrade(id, version, image, "shell"));
    }
  }

  /** {@code stoker:env-rollback}. */
  @Service
  @Command(scope = "stoker", name = "env-rollback", description = "Goes back to the image before the last upgrade "
      + "and restores a backup into it")
  public static class Rollback extends StokerCommand {
    @Reference
    EnvironmentService environments;

    @Argument(index = 0, name = "id", required = true, description = "environment id")
    String id;

    @Argument(index = 1, name = "backup", required = true, description = "backup id or sha256 of a backup artifact")
    String backup;

    @Override
    protected Object run() {
      return queued("rollback", id, () -> environments.rollback(id, backup, "shell"));
    }
  }
}
