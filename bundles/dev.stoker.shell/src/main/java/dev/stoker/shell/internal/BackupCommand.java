package dev.stoker.shell.internal;

import dev.stoker.api.backup.BackupInfo;
import dev.stoker.api.backup.BackupRequest;
import dev.stoker.api.backup.BackupService;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

/**
 * {@code stoker:backup [--keys --passphrase-env VAR]}: writes a backup now, or with {@code --list} lists them. The
 * passphrase is read from an environment variable of the Karaf process so that it never shows in the shell history.
 */
@Service
@Command(scope = "stoker", name = "backup", description = "Writes a backup of Stoker (database, repositories, blobs,"
    + " configuration; keys only with --keys), or lists them")
public class BackupCommand extends StokerCommand {

  @Reference
  BackupService backups;

  @Reference
  Session session;

  @Option(name = "--keys", description = "Include etc/keys, encrypted with the passphrase of --passphrase-env")
  boolean keys;

  @Option(name = "--passphrase-env", description = "Environment variable of the Karaf process holding the passphrase")
  String passphraseEnv = "STOKER_BACKUP_PASSPHRASE";

  @Option(name = "--list", description = "List the backups kept instead of writing one")
  boolean list;

  @Override
  protected Object run() {
    if (list) {
      for (BackupInfo b : backups.list()) {
        System.out.println(b.name() + "  " + b.createdAt() + "  " + b.sizeBytes() + " bytes  "
            + (b.keysIncluded() ? "with keys" : "without keys"));
      }
      return null;
    }
    String passphrase = keys ? System.getenv(passphraseEnv) : null;
    BackupInfo b = backups.create(new BackupRequest(keys, passphrase), actor(session));
    System.out.println("Backup written: " + b.name() + " (" + b.sizeBytes() + " bytes, "
        + (b.keysIncluded() ? "with keys" : "without keys") + ")");
    return null;
  }
}
