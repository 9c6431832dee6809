package dev.stoker.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stoker.api.secrets.ScopeLevel;
import dev.stoker.api.secrets.SecretScope;
import dev.stoker.api.secrets.SecretType;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.karaf.shell.api.console.CommandLine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SecretCommandsTest {
  private static final SecretScope PROD = new SecretScope(ScopeLevel.STAGE, "prod");

  private final FakeSecretService secrets = new FakeSecretService();
  private final FakeSession session = new FakeSession("alice");
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private PrintStream savedOut;
  private PrintStream savedErr;

  @BeforeEach
  void captureOutput() {
    savedOut = System.out;
    savedErr = System.err;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restoreOutput() {
    System.setOut(savedOut);
    System.setErr(savedErr);
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  // ---- secret-reveal

  private SecretCommands.Reveal reveal(String scope, String path) {
    SecretCommands.Reveal c = new SecretCommands.Reveal();
    c.secrets = secrets;
    c.session = session;
    c.scope = scope;
    c.path = path;
    return c;
  }

  @Test
  void revealPrintsTheLatestValueAndWarnsThatItWasAudited() {
    secrets.add(PROD, "gw/admin", SecretType.PASSWORD, "first");
    secrets.add(PROD, "gw/admin", SecretType.PASSWORD, "s3cret!");

    reveal("stage:prod", "gw/admin").execute();

    assertEquals("s3cret!" + System.lineSeparator(), out());
    assertEquals(List.of("reveal stage:prod/gw/admin@0 shell:alice"), secrets.calls);
    String warning = err().strip();
    assertFalse(warning.contains("\n"), warning);
    assertTrue(warning.startsWith("Warning: reveal of stage:prod/gw/admin version 2 audited"), warning);
    assertTrue(warning.contains("shell:alice"), warning);
  }

  @Test
  void revealOfAnOlderVersion() {
    secrets.add(SecretScope.WORKSPACE, "db/pw", SecretType.PASSWORD, "old\n");
    secrets.add(SecretScope.WORKSPACE, "db/pw", SecretType.PASSWORD, "new");
    SecretCommands.Reveal c = reveal("workspace", "db/pw");
    c.version = 1;

    c.execute();

    assertEquals("old\n", out(), "a value ending in a line break gets no second one");
    assertEquals(List.of("reveal workspace:/db/pw@1 shell:alice"), secrets.calls);
    assertTrue(err().contains("workspace:/db/pw version 1"), err());
  }

  @Test
  void revealRefusesBinaryValuesUnlessBase64() {
    byte[] binary = {0x30, (byte) 0x82, 0x01, 0x00, (byte) 0xff};
    secrets.add(SecretScope.WORKSPACE, "lic/file", SecretType.LICENSE_KEY, binary);

    reveal("workspace", "lic/file").execute();
    assertEquals("", out());
    String error = err().strip();
    assertFalse(error.contains("\n"), error);
    assertTrue(error.startsWith("Error: value: workspace:/lic/file version 1 is binary; add --base64"), error);
    assertTrue(error.contains("audited"), error);

    err.reset();
    SecretCommands.Reveal c = reveal("workspace", "lic/file");
    c.base64 = true;
    c.execute();
    assertEquals(Base64.getEncoder().encodeToString(binary) + System.lineSeparator(), out());
    assertTrue(err().startsWith("Warning: reveal of workspace:/lic/file version 1 audited"), err());
    assertEquals(2, secrets.calls.size());
  }

  @Test
  void revealOfAnUnknownSecretOrBadInputPrintsOneErrorLine() {
    reveal("workspace", "nope").execute();
    assertEquals("", out());
    assertEquals("Error: path: secret 'workspace:/nope' not found" + System.lineSeparator(), err());

    err.reset();
    reveal("galaxy:x", "db/pw").execute();
    assertTrue(err().startsWith("Error: scope: unknown scope level 'galaxy'"), err());

    err.reset();
    reveal("workspace", "../etc/passwd").execute();
    assertTrue(err().startsWith("Error: path: must be at most"), err());
    assertEquals(List.of("reveal workspace:/nope@0 shell:alice"), secrets.calls, "bad input never reaches the service");
  }

  @Test
  void actorWithoutUserIsLocal() {
    secrets.add(SecretScope.WORKSPACE, "db/pw", SecretType.PASSWORD, "x");
    SecretCommands.Reveal c = reveal("workspace", "db/pw");
    c.session = new FakeSession(null);
    c.execute();
    assertEquals(List.of("reveal workspace:/db/pw@0 shell:local"), secrets.calls);
  }

  // ---- secret-rollback

  private SecretCommands.Rollback rollback(String path, int version) {
    SecretCommands.Rollback c = new SecretCommands.Rollback();
    c.secrets = secrets;
    c.session = session;
    c.path = path;
    c.version = version;
    return c;
  }

  @Test
  void rollbackPrintsTheNewMetadataRow() {
    secrets.add(SecretScope.WORKSPACE, "db/pw", SecretType.PASSWORD, "one");
    secrets.add(SecretScope.WORKSPACE, "db/pw", SecretType.PASSWORD, "two");

    rollback("db/pw", 1).execute();

    String[] lines = out().split("\\R");
    assertEquals("Rolled back workspace:/db/pw to version 1: now version 3", lines[0]);
    String table = out();
    assertTrue(table.contains("Version") && table.contains("Details"), table);
    String row = lines[lines.length - 1];
    assertTrue(row.contains("db/pw") && row.contains("password") && row.contains(" 3 ")
        && row.contains("shell:alice") && row.contains("rolledBackFrom=1"), row);
    assertFalse(table.contains("one"), "no value in the output");
    assertEquals(List.of("rollback workspace:/db/pw@1 shell:alice"), secrets.calls);
    assertEquals("", err());
  }

  @Test
  void rollbackToAMissingVersionFails() {
    secrets.add(SecretScope.WORKSPACE, "db/pw", SecretType.PASSWORD, "one");
    rollback("db/pw", 7).execute();
    assertEquals("", out());
    assertEquals("Error: version: secret 'workspace:/db/pw' has no version 7" + System.lineSeparator(), err());

    err.reset();
    rollback("db/pw", 0).execute();
    assertEquals("Error: version: must be 1 or more" + System.lineSeparator(), err());
  }

  // ---- secret-delete

  private SecretCommands.Delete delete(String path, boolean force) {
    SecretCommands.Delete c = new SecretCommands.Delete();
    c.secrets = secrets;
    c.session = session;
    c.path = path;
    c.force = force;
    return c;
  }

  @Test
  void deleteAsksAndDeletesOnYes() throws Exception {
    secrets.add(SecretScope.WORKSPACE, "db/pw", SecretType.PASSWORD, "one");
    secrets.add(SecretScope.WORKSPACE, "db/pw", SecretType.PASSWORD, "two");
    session.answer(" Y ");

    delete("db/pw", false).execute();

    assertEquals(1, session.prompts.size());
    assertTrue(session.prompts.get(0).startsWith("Delete workspace:/db/pw and all its versions (latest: 2)?"),
        session.prompts.get(0));
    assertTrue(session.prompts.get(0).endsWith("[y/N] "), session.prompts.get(0));
    assertEquals("Deleted workspace:/db/pw with all its versions" + System.lineSeparator(), out());
    assertFalse(secrets.exists(SecretScope.WORKSPACE, "db/pw"));
    assertEquals(List.of("delete workspace:/db/pw shell:alice"), secrets.calls);
  }

  @Test
  void deleteKeepsTheSecretUnlessTheAnswerIsYes() throws Exception {
    secrets.add(SecretScope.WORKSPACE, "db/pw", SecretType.PASSWORD, "one");
    session.answer("", "no");

    delete("db/pw", false).execute();
    delete("db/pw", false).execute();
    delete("db/pw", false).execute(); // end of input

    assertEquals(3, session.prompts.size());
    assertEquals(("Not deleted: workspace:/db/pw" + System.lineSeparator()).repeat(3), out());
    assertTrue(secrets.exists(SecretScope.WORKSPACE, "db/pw"));
    assertTrue(secrets.calls.isEmpty());
  }

  @Test
  void deleteWithForceDoesNotAsk() throws Exception {
    secrets.add(SecretScope.WORKSPACE, "db/pw", SecretType.PASSWORD, "one");

    delete("db/pw", true).execute();

    assertTrue(session.prompts.isEmpty());
    assertEquals("Deleted workspace:/db/pw with all its versions" + System.lineSeparator(), out());
    assertFalse(secrets.exists(SecretScope.WORKSPACE, "db/pw"));
  }

  @Test
  void deleteOfAnUnknownSecretSaysSoWithoutAsking() throws Exception {
    delete("nope", false).execute();
    delete("nope", true).execute();

    assertTrue(session.prompts.isEmpty());
    assertEquals("", out());
    assertEquals(("Error: secret 'workspace:/nope' not found" + System.lineSeparator()).repeat(2), err());
    assertEquals(List.of("delete workspace:/nope shell:alice"), secrets.calls);
  }

  // ---- secret-schedule

  private SecretCommands.Schedule schedule(String scope, String path, int days) {
    SecretCommands.Schedule c = new SecretCommands.Schedule();
    c.secrets = secrets;
    c.session = session;
    c.scope = scope;
    c.path = path;
    c.days = days;
    return c;
  }

  @Test
  void scheduleSetsAndTurnsOffRotation() {
    secrets.add(PROD, "gw/token", SecretType.API_TOKEN, "t");

    schedule("stage:prod", "gw/token", 30).execute();
    schedule("stage:prod", "gw/token", 0).execute();

    assertEquals("stage:prod/gw/token now rotates every 30 days" + System.lineSeparator()
        + "Scheduled rotation of stage:prod/gw/token is off" + System.lineSeparator(), out());
    assertEquals(List.of("schedule stage:prod/gw/token 30 shell:alice", "schedule stage:prod/gw/token 0 shell:alice"),
        secrets.calls);
  }

  @Test
  void scheduleReportsServiceErrors() {
    secrets.add(PROD, "gw/token", SecretType.API_TOKEN, "t");

    schedule("stage:prod", "gw/token", 5000).execute();
    schedule("stage:prod", "gw/other", 30).execute();

    assertEquals("", out());
    assertEquals("Error: rotationDays: must be between 0 (off) and 3650" + System.lineSeparator()
        + "Error: path: secret 'stage:prod/gw/other' not found" + System.lineSeparator(), err());
  }

  // ---- secret-leases and secret-release

  @Test
  void leasesListsIdsExpiryAndNamesButNoValues() {
    secrets.add(SecretScope.WORKSPACE, "db/pw", SecretType.PASSWORD, "hunter2");
    secrets.addLease("lease-b", Instant.parse("2026-03-01T11:00:00Z"),
        Map.of("gateway.env", Path.of("/var/stoker/leases/lease-b/gateway.env")));
    secrets.addLease("lease-a", Instant.parse("2026-03-01T10:15:00Z"),
        Map.of("db/pw", Path.of("/var/stoker/leases/lease-a/db_pw"), "api/token#key",
            Path.of("/var/stoker/leases/lease-a/api_token.key")));
    SecretCommands.Leases c = new SecretCommands.Leases();
    c.secrets = secrets;

    c.execute();

    String[] lines = out().split("\\R");
    assertTrue(lines[0].contains("Id") && lines[0].contains("Expires") && lines[0].contains("Files"), lines[0]);
    assertTrue(lines[2].contains("lease-a") && lines[2].contains("2026-03-01T10:15:00Z")
        && lines[2].contains("api/token#key, db/pw"), lines[2]);
    assertTrue(lines[3].contains("lease-b") && lines[3].contains("gateway.env"), lines[3]);
    assertFalse(out().contains("hunter2"));
    assertEquals("", err());
  }

  @Test
  void leasesWhenThereAreNone() {
    SecretCommands.Leases c = new SecretCommands.Leases();
    c.secrets = secrets;
    c.execute();
    assertTrue(out().contains("No leases in force"), out());
  }

  @Test
  void releaseEndsALeaseOrSaysItIsUnknown() {
    secrets.addLease("lease-a", Instant.parse("2026-03-01T10:15:00Z"), Map.of());
    SecretCommands.Release c = new SecretCommands.Release();
    c.secrets = secrets;
    c.session = session;
    c.leaseId = "lease-a";

    c.execute();
    c.execute();

    assertEquals("Released lease lease-a; its files are removed" + System.lineSeparator(), out());
    assertEquals("Error: lease 'lease-a' not found" + System.lineSeparator(), err());
    assertEquals(List.of("release lease-a shell:alice", "release lease-a shell:alice"), secrets.calls);
  }

  // ---- secret-master-rotate

  @Test
  void masterRotatePrintsTheNewKeyId() {
    SecretCommands.MasterRotate c = new SecretCommands.MasterRotate();
    c.secrets = secrets;
    c.session = session;

    c.execute();

    assertEquals("Rotated the master key: mk-0001 -> mk-0002" + System.lineSeparator(), out());
    assertEquals(List.of("rotateMasterKey shell:alice"), secrets.calls);
  }

  @Test
  void masterRotateFailureIsOneErrorLine() {
    SecretCommands.MasterRotate c = new SecretCommands.MasterRotate();
    c.secrets = new FakeSecretService() {
      @Override
      public String rotateMasterKey(String actor) {
        throw new IllegalStateException("masterKey: the master key comes from STOKER_MASTER_KEY; put a new key "
            + "there and restart");
      }
    };
    c.session = session;

    c.execute();

    assertEquals("", out());
    assertTrue(err().startsWith("Error: masterKey: the master key comes from STOKER_MASTER_KEY"), err());
  }

  // ---- completion

  private static CommandLine line(String... arguments) {
    return new CommandLine() {
      @Override
      public int getCursorArgumentIndex() {
        return arguments.length - 1;
      }

      @Override
      public String getCursorArgument() {
        return arguments[arguments.length - 1];
      }

      @Override
      public int getArgumentPosition() {
        return getCursorArgument().length();
      }

      @Override
      public String[] getArguments() {
        return arguments;
      }

      @Override
      public int getBufferPosition() {
        return String.join(" ", arguments).length();
      }

      @Override
      public String getBuffer() {
        return String.join(" ", arguments);
      }
    };
  }

  @Test
  void pathCompletionFollowsTheScopeOption() {
    secrets.add(SecretScope.WORKSPACE, "db/pw", SecretType.PASSWORD, "x");
    secrets.add(PROD, "gw/admin", SecretType.PASSWORD, "x");
    secrets.add(PROD, "gw/token", SecretType.API_TOKEN, "x");
    SecretCommands.PathCompleter completer = new SecretCommands.PathCompleter();
    completer.secrets = secrets;

    List<String> candidates = new ArrayList<>();
    completer.complete(session, line("stoker:secret-reveal", "--scope", "stage:prod", "gw/"), candidates);
    assertEquals(List.of("gw/admin", "gw/token"), candidates.stream().map(String::strip).sorted().toList());

    candidates.clear();
    completer.complete(session, line("stoker:secret-reveal", "d"), candidates);
    assertEquals(List.of("db/pw"), candidates.stream().map(String::strip).toList());

    candidates.clear();
    assertEquals(-1, completer.complete(session, line("stoker:secret-reveal", "--scope=bad", ""), candidates));
    assertTrue(candidates.isEmpty());
  }

  @Test
  void leaseIdCompletion() {
    secrets.addLease("lease-a", Instant.parse("2026-03-01T10:15:00Z"), Map.of());
    secrets.addLease("other", Instant.parse("2026-03-01T10:15:00Z"), Map.of());
    SecretCommands.LeaseIdCompleter completer = new SecretCommands.LeaseIdCompleter();
    completer.secrets = secrets;

    List<String> candidates = new ArrayList<>();
    completer.complete(session, line("stoker:secret-release", "le"), candidates);
    assertEquals(List.of("lease-a"), candidates.stream().map(String::strip).toList());
  }
}
