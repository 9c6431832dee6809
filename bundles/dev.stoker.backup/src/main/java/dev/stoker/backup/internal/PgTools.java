package dev.stoker.backup.internal;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * PostgreSQL's own client programs, run for backups and restores: {@code pg_dump} writes a plain SQL dump (one
 * consistent snapshot of the database, without owners or grants so that it loads as any user), {@code psql} counts
 * what a target database holds and loads a dump into it in one transaction, so that a failed load leaves the
 * target as it was. The programs come from {@code pgBinDirectory} (PID {@code dev.stoker.backup}) when set, else
 * from {@code PATH}, else from Debian's {@code /usr/lib/postgresql/<newest>/bin}.
 */
final class PgTools {
  static final String SETTING = "pgBinDirectory";
  private static final int OUTPUT_TAIL = 2000;
  /** Tables, views, sequences ... outside PostgreSQL's own schemas: what makes a database "not empty". */
  private static final String RELATIONS = "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid ="
      + " c.relnamespace WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND n.nspname NOT IN ('pg_catalog',"
      + " 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'";
  /** Empties the target before a replacing load: every schema but PostgreSQL's own, and a new public one. */
  private static final String DROP_ALL = """
      DO $$
      DECLARE s name;
      BEGIN
        FOR s IN SELECT nspname FROM pg_namespace WHERE nspname NOT IN ('pg_catalog', 'information_schema')
            AND nspname NOT LIKE 'pg\\_%' LOOP
          EXECUTE format('DROP SCHEMA %I CASCADE', s);
        END LOOP;
        CREATE SCHEMA public;
      END $$;
      """;

  /** A program is missing or failed; the message starts with the setting or field to look at. */
  static final class PgException extends Exception {
    private static final long serialVersionUID = 1L;

    PgException(String message) {
      super(message);
    }
  }

  private final String binDirectory;
  private final String path;

  /**
   * @param binDirectory the folder of the programs, or blank to search
   * @param path the {@code PATH} to search
   */
  PgTools(String binDirectory, String path) {
    this.binDirectory = binDirectory == null ? "" : binDirectory.trim();
    this.path = path == null ? "" : path;
  }

  /** Writes a plain SQL dump of the database into {@code file}. */
  void dump(PgTarget target, Path file) throws IOException, PgException {
    run(target, "database", List.of(find("pg_dump").toString(), "--format=plain", "--no-owner", "--no-privileges",
        "--file=" + file.toAbsolutePath()));
  }

  /** @return how many tables, views and sequences the database holds outside PostgreSQL's own schemas */
  int relations(PgTarget target) throws IOException, PgException {
    String out = run(target, "url", List.of(find("psql").toString(), "-X", "-A", "-t", "-v", "ON_ERROR_STOP=1",
        "-c", RELATIONS)).strip();
    try {
      return Integer.parseInt(out);
    } catch (NumberFormatException e) {
      throw new PgException("url: psql answered '" + out + "' when asked what " + target.describe() + " holds");
    }
  }

  /**
   * Loads a plain SQL dump in one transaction; with {@code replace} everything the database held is dropped in the
   * same transaction first. On failure nothing changed.
   */
  void load(PgTarget target, Path sql, boolean replace) throws IOException, PgException {
    List<String> command = new ArrayList<>(List.of(find("psql").toString(), "-X", "-q", "-v", "ON_ERROR_STOP=1",
        "--single-transaction"));
    Path prelude = null;
    try {
      if (replace) {
        prelude = Files.createTempFile(sql.getParent(), "replace-", ".sql");
        Files.writeString(prelude, DROP_ALL, StandardCharsets.UTF_8);
        command.addAll(List.of("-f", prelude.toString()));
      }
      command.addAll(List.of("-f", sql.toAbsolutePath().toString()));
      run(target, "database", command);
    } finally {
      if (prelude != null) {
        Files.deleteIfExists(prelude);
      }
    }
  }

  /** @return the program's path; @throws PgException naming {@value #SETTING} when it is not there */
  Path find(String program) throws PgException {
    if (!binDirectory.isEmpty()) {
      Path p = Path.of(binDirectory, program);
      if (Files.isExecutable(p)) {
        return p;
      }
      throw new PgException(SETTING + ": no " + program + " in " + binDirectory + " (etc/dev.stoker.backup.cfg)");
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
        return Path.of(dir, program);
      }
    }
    Path debian = debianBin(program);
    if (debian != null) {
      return debian;
    }
    throw new PgException(SETTING + ": " + program + " is not on PATH (" + path + "): install PostgreSQL's client"
        + " programs (Debian: postgresql-client) or set " + SETTING + " in etc/dev.stoker.backup.cfg");
  }

  private static Path debianBin(String program) {
    Path root = Path.of("/usr/lib/postgresql");
    if (!Files.isDirectory(root)) {
      return null;
    }
    try (Stream<Path> versions = Files.list(root)) {
      return versions.filter(v -> v.getFileName().toString().matches("\\d+"))
          .max(Comparator.comparingInt(v -> Integer.parseInt(v.getFileName().toString())))
          .map(v -> v.resolve("bin").resolve(program)).filter(Files::isExecutable).orElse(null);
    } catch (IOException e) {
      return null;
    }
  }

  /** @return the program's output (standard output and error); @throws PgException when it exits non-zero */
  private static String run(PgTarget target, String field, List<String> command) throws IOException, PgException {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().putAll(target.environment());
    Process p = pb.start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int exit;
    try {
      exit = p.waitFor();
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException(command.get(0) + " interrupted", e);
    }
    if (exit != 0) {
      String tail = out.length() > OUTPUT_TAIL ? "..." + out.substring(out.length() - OUTPUT_TAIL) : out;
      throw new PgException(field + ": " + Path.of(command.get(0)).getFileName() + " on " + target.describe()
          + " failed (exit " + exit + "): " + tail.strip());
    }
    return out;
  }
}
