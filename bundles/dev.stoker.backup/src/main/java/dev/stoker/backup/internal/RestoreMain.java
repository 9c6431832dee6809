package dev.stoker.backup.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code bin/stoker-restore [--without-keys] [--replace] [--passphrase-file FILE] ARCHIVE}: restores a backup onto
 * this install before it is started (the script passes {@code --home}); {@code --replace} lets a PostgreSQL dump
 * replace what the configured database holds. The passphrase may also come from
 * {@code $STOKER_BACKUP_PASSPHRASE}. Exit code 0 restored, 2 refused (nothing written), 1 failed.
 */
public final class RestoreMain {
  private RestoreMain() {
  }

  public static void main(String[] args) {
    System.exit(run(args));
  }

  static int run(String[] args) {
    Path home = Path.of(".");
    Path archive = null;
    Path passphraseFile = null;
    boolean withoutKeys = false;
    boolean replace = false;
    for (int i = 0; i < args.length; i++) {
      boolean valued = args[i].equals("--home") || args[i].equals("--passphrase-file");
      if (valued && i + 1 == args.length) {
        archive = null;
        break;
      }
      switch (args[i]) {
        case "--home" -> home = Path.of(args[++i]);
        case "--passphrase-file" -> passphraseFile = Path.of(args[++i]);
        case "--without-keys" -> withoutKeys = true;
        case "--replace" -> replace = true;
        default -> archive = Path.of(args[i]);
      }
    }
    if (archive == null) {
      System.err.println("usage: bin/stoker-restore [--without-keys] [--replace] [--passphrase-file FILE] ARCHIVE");
      return 2;
    }
    try {
      char[] passphrase = passphrase(passphraseFile);
      Layout layout = new Layout(home.resolve("data"), home.resolve("etc"));
      Restorer.Report r = new Restorer(layout).restore(archive, passphrase, withoutKeys, replace);
      System.out.println("Restored the backup of " + r.createdAt() + " (Stoker " + r.stokerVersion() + "): "
          + r.files() + " files" + (r.keysRestored() ? ", keys" : ", without keys") + ". Start Stoker now.");
      return 0;
    } catch (Restorer.RestoreException e) {
      System.err.println("Restore refused, nothing was written: " + e.getMessage());
      return 2;
    } catch (Exception e) {
      System.err.println("Restore failed: " + e);
      return 1;
    }
  }

  private static char[] passphrase(Path file) throws java.io.IOException {
    if (file != null) {
      return Files.readString(file, StandardCharsets.UTF_8).lines().findFirst().orElse("").toCharArray();
    }
    String env = System.getenv("STOKER_BACKUP_PASSPHRASE");
    return env == null || env.isEmpty() ? null : env.toCharArray();
  }
}
