package dev.stoker.shell.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stoker.api.common.ConflictException;
import dev.stoker.api.secrets.ScopeChain;
import dev.stoker.api.secrets.ScopeLevel;
import dev.stoker.api.secrets.SecretLease;
import dev.stoker.api.secrets.SecretMetadata;
import dev.stoker.api.secrets.SecretScope;
import dev.stoker.api.secrets.SecretService;
import dev.stoker.api.secrets.SecretType;
import dev.stoker.api.secrets.SecretWrite;
import dev.stoker.api.security.AuditOutcome;
import dev.stoker.api.security.AuditRecord;
import dev.stoker.secrets.internal.StandaloneSecrets;
import dev.stoker.store.internal.Standalone;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.karaf.shell.support.CommandException;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** The {@code stoker:secret-*} commands against the real secret service on an in-memory H2 database. */
class SecretCommandsTest extends ShellTestSupport {
  private static final SecretScope PROD = new SecretScope(ScopeLevel.STAGE, "prod");
  private static final SecretScope WS = SecretScope.WORKSPACE;

  @TempDir
  Path data;
  private final RecordingAudit audit = new RecordingAudit();
  private StandaloneSecrets standalone;
  private SecretService secrets;
  private final FakeSession session = new FakeSession("alice");
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private PrintStream savedOut;
  private PrintStream savedErr;

  @BeforeEach
  void setUp() throws Exception {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    standalone = StandaloneSecrets.open(Standalone.open(ds), audit, data);
    secrets = standalone.service();
    savedOut = System.out;
    savedErr = System.err;
    System.setOut(new PrintStream(out, true, UTF_8));
    System.setErr(new PrintStream(err, true, UTF_8));
  }

  @AfterEach
  void tearDown() {
    System.setOut(savedOut);
    System.setErr(savedErr);
    standalone.close();
  }

  private String out() {
    return out.toString(UTF_8);
  }

  private String err() {
    return err.toString(UTF_8);
  }

  private SecretMetadata add(SecretScope scope, String path, SecretType type, String value) {
    return secrets.write(SecretWrite.of(path, scope, type, value.getBytes(UTF_8)), "seed");
  }

  private <C extends SecretCommand> C wire(C command) {
    command.secrets = secrets;
    command.session = session;
    return command;
  }

  /** Runs a command that must fail; @return the message the console prints after {@code Error: } */
  private static String failure(Executable command) {
    CommandException e = assertThrows(CommandException.class, command);
    assertEquals("Error: " + e.getMessage(), e.getNiceHelp());
    return e.getMessage();
  }

  // ---- secret-reveal

  private SecretRevealCommand reveal(String scope, String path) {
    SecretRevealCommand c = wire(new SecretRevealCommand());
    c.scope = scope;
    c.path = path;
    return c;
  }

  @Test
  void revealPrintsTheLatestValueAndWarnsThatItWasAudited() throws Exception {
    add(PROD, "gw/admin", SecretType.PASSWORD, "first");
    add(PROD, "gw/admin", SecretType.PASSWORD, "s3cret!");

    reveal("stage:prod", "gw/admin").execute();

    assertEquals("s3cret!" + System.lineSeparator(), out());
    AuditRecord r = audit.only("secret.reveal");
    assertEquals("shell:alice", r.actor());
    assertEquals("stage:prod/gw/admin", r.target());
    assertEquals("version 2", r.detail());
    String warning = err().strip();
    assertFalse(warning.contains("\n"), warning);
    assertTrue(warning.startsWith("Warning: reveal of stage:prod/gw/admin version 2 audited"), warning);
    assertTrue(warning.contains("shell:alice"), warning);
  }

  @Test
  void revealOfAnOlderVersion() throws Exception {
    add(WS, "db/kv", SecretType.KEY_VALUE, "{\"pw\":\"old\"}\n");
    add(WS, "db/kv", SecretType.KEY_VALUE, "{\"pw\":\"new\"}");
    SecretRevealCommand c = reveal("workspace", "db/kv");
    c.version = 1;

    c.execute();

    assertEquals("{\"pw\":\"old\"}\n", out(), "a value ending in a line break gets no second one");
    assertEquals("version 1", audit.only("secret.reveal").detail());
    assertTrue(err().contains("workspace:/db/kv version 1"), err());
  }

  @Test
  void revealRefusesBinaryValuesUnlessBase64() throws Exception {
    // the built-in store only takes text; a binary value comes from another store
    byte[] binary = {0x30, (byte) 0x82, 0x01, 0x00, (byte) 0xff};
    SecretMetadata v1 = new SecretMetadata("lic/file", WS, SecretType.LICENSE_KEY, 1, "seed", Instant.EPOCH, null,
        Map.of());
    List<String> reveals = new ArrayList<>();
    SecretService binaryStore = stub(SecretService.class, Map.of(
        "reveal", args -> {
          reveals.add(args[3].toString());
          return binary.clone();
        },
        "metadata", args -> Optional.of(v1)));

    SecretRevealCommand c = reveal("workspace", "lic/file");
    c.secrets = binaryStore;
    String error = failure(c::execute);
    assertEquals("", out());
    assertTrue(error.startsWith("value: workspace:/lic/file version 1 is binary; add --base64"), error);
    assertTrue(error.contains("audited"), error);

    c = reveal("workspace", "lic/file");
    c.secrets = binaryStore;
    c.base64 = true;
    c.execute();
    assertEquals(Base64.getEncoder().encodeToString(binary) + System.lineSeparator(), out());
    assertTrue(err().startsWith("Warning: reveal of workspace:/lic/file version 1 audited"), err());
    assertEquals(List.of("shell:alice", "shell:alice"), reveals);
  }

  @Test
  void revealOfAnUnknownSecretOrBadInputFails() {
    assertEquals("path: secret 'workspace:/nope' not found", failure(reveal("workspace", "nope")::execute));
    assertTrue(failure(reveal("galaxy:x", "db/pw")::execute).startsWith("scope: unknown scope level 'galaxy'"));
    assertTrue(failure(reveal("workspace", "../etc/passwd")::execute).startsWith("path: must be at most"));
    assertEquals("", out());
    assertEquals("", err());
    AuditRecord denied = audit.only("secret.reveal");
    assertEquals(AuditOutcome.DENIED, denied.outcome());
    assertEquals("workspace:/nope", denied.target(), "bad input never reaches the service");
  }

  @Test
  void actorWithoutUserIsLocal() throws Exception {
    add(WS, "db/pw", SecretType.PASSWORD, "x");
    SecretRevealCommand c = reveal("workspace", "db/pw");
    c.session = new FakeSession(null);
    c.execute();
    assertEquals("shell:local", audit.only("secret.reveal").actor());
  }

  // ---- secret-put, secret-rotate, secret-versions, secret-list

  @Test
  void putWritesFromThePromptAndRotateAndVersionsFollow() throws Exception {
    session.answer("Typed-Secret-1");
    SecretPutCommand put = wire(new SecretPutCommand());
    put.scope = "stage:prod";
    put.type = "password";
    put.path = "gw/admin";
    put.execute();
    assertEquals("Value for stage:prod/gw/admin: ", session.prompts.get(0));

    SecretRotateCommand rotate = wire(new SecretRotateCommand());
    rotate.scope = "stage:prod";
    rotate.path = "gw/admin";
    rotate.execute();

    SecretVersionsCommand versions = wire(new SecretVersionsCommand());
    versions.scope = "stage:prod";
    versions.path = "gw/admin";
    versions.execute();

    String[] lines = out().split("\\R");
    assertEquals("Wrote stage:prod/gw/admin version 1 (password)", lines[0]);
    assertEquals("Rotated stage:prod/gw/admin: now version 2", lines[1]);
    assertTrue(out().contains("change=rotated") && out().contains("change=written"), out());
    assertFalse(out().contains("Typed-Secret-1"), "no value in the output");
    assertEquals("shell:alice", audit.only("secret.write").actor());
    assertEquals("shell:alice", audit.only("secret.rotate").actor());
  }

  @Test
  void putAndVersionsFailOnBadInputOrUnknownSecrets() {
    SecretPutCommand put = wire(new SecretPutCommand());
    put.type = "password";
    put.path = "db/pw";
    put.value = "a";
    put.file = "/nonexistent";
    assertEquals("value: give a value or --file, not both", failure(put::execute));
    put.file = null;
    put.type = "pgp";
    assertTrue(failure(put::execute).startsWith("type: unknown type 'pgp'"));
    put.type = "api-token";
    put.value = "has spaces";
    assertTrue(failure(put::execute).startsWith("value: an API token must be one line"));

    SecretVersionsCommand versions = wire(new SecretVersionsCommand());
    versions.scope = "workspace";
    versions.path = "nope";
    assertEquals("secret 'workspace:/nope' not found", failure(versions::execute));
    assertEquals("", out());
  }

  @Test
  void listShowsTheScopeOnly() throws Exception {
    add(WS, "db/pw", SecretType.PASSWORD, "x");
    add(PROD, "gw/admin", SecretType.PASSWORD, "y");
    SecretListCommand list = wire(new SecretListCommand());
    list.scope = "stage:prod";
    list.execute();
    assertTrue(out().contains("gw/admin") && !out().contains("db/pw"), out());
    list.scope = "galaxy";
    assertTrue(failure(list::execute).startsWith("scope: unknown scope level 'galaxy'"));
  }

  // ---- secret-rollback

  private SecretRollbackCommand rollback(String path, int version) {
    SecretRollbackCommand c = wire(new SecretRollbackCommand());
    c.path = path;
    c.version = version;
    return c;
  }

  @Test
  void rollbackPrintsTheNewMetadataRow() throws Exception {
    add(WS, "db/pw", SecretType.PASSWORD, "one");
    add(WS, "db/pw", SecretType.PASSWORD, "two");

    rollback("db/pw", 1).execute();

    String[] lines = out().split("\\R");
    assertEquals("Rolled back workspace:/db/pw to version 1: now version 3", lines[0]);
    String table = out();
    assertTrue(table.contains("Version") && table.contains("Details"), table);
    String row = lines[lines.length - 1];
    assertTrue(row.contains("db/pw") && row.contains("password") && row.contains(" 3 ")
        && row.contains("shell:alice") && row.contains("rolledBackFrom=1"), row);
    assertFalse(table.contains("one"), "no value in the output");
    assertEquals("version 3 = version 1", audit.only("secret.rollback").detail());
    assertEquals("", err());
  }

  @Test
  void rollbackToAMissingVersionFails() {
    add(WS, "db/pw", SecretType.PASSWORD, "one");
    assertEquals("version: secret 'workspace:/db/pw' has no version 7", failure(rollback("db/pw", 7)::execute));
    assertEquals("version: must be 1 or more", failure(rollback("db/pw", 0)::execute));
    assertEquals("", out());
  }

  // ---- secret-delete

  private SecretDeleteCommand delete(String path, boolean force) {
    SecretDeleteCommand c = wire(new SecretDeleteCommand());
    c.path = path;
    c.force = force;
    return c;
  }

  private boolean exists(SecretScope scope, String path) {
    return secrets.metadata(scope, path, 0).isPresent();
  }

  @Test
  void deleteAsksAndDeletesOnYes() throws Exception {
    add(WS, "db/pw", SecretType.PASSWORD, "one");
    add(WS, "db/pw", SecretType.PASSWORD, "two");
    session.answer(" Y ");

    delete("db/pw", false).execute();

    assertEquals(1, session.prompts.size());
    assertTrue(session.prompts.get(0).startsWith("Delete workspace:/db/pw and all its versions (latest: 2)?"),
        session.prompts.get(0));
    assertTrue(session.prompts.get(0).endsWith("[y/N] "), session.prompts.get(0));
    assertEquals("Deleted workspace:/db/pw with all its versions" + System.lineSeparator(), out());
    assertFalse(exists(WS, "db/pw"));
    assertEquals("shell:alice", audit.only("secret.delete").actor());
  }

  @Test
  void deleteKeepsTheSecretUnlessTheAnswerIsYes() throws Exception {
    add(WS, "db/pw", SecretType.PASSWORD, "one");
    session.answer("", "no");

    delete("db/pw", false).execute();
    delete("db/pw", false).execute();
    delete("db/pw", false).execute(); // end of input

    assertEquals(3, session.prompts.size());
    assertEquals(("Not deleted: workspace:/db/pw" + System.lineSeparator()).repeat(3), out());
    assertTrue(exists(WS, "db/pw"));
    assertTrue(audit.with("secret.delete").isEmpty());
  }

  @Test
  void deleteWithForceDoesNotAsk() throws Exception {
    add(WS, "db/pw", SecretType.PASSWORD, "one");

    delete("db/pw", true).execute();

    assertTrue(session.prompts.isEmpty());
    assertEquals("Deleted workspace:/db/pw with all its versions" + System.lineSeparator(), out());
    assertFalse(exists(WS, "db/pw"));
  }

  @Test
  void deleteOfAnUnknownSecretFailsWithoutAsking() {
    assertEquals("secret 'workspace:/nope' not found", failure(delete("nope", false)::execute));
    assertEquals("secret 'workspace:/nope' not found", failure(delete("nope", true)::execute));
    assertTrue(session.prompts.isEmpty());
    assertEquals("", out());
  }

  // ---- secret-schedule

  private SecretScheduleCommand schedule(String scope, String path, int days) {
    SecretScheduleCommand c = wire(new SecretScheduleCommand());
    c.scope = scope;
    c.path = path;
    c.days = days;
    return c;
  }

  @Test
  void scheduleSetsAndTurnsOffRotation() throws Exception {
    add(PROD, "gw/token", SecretType.API_TOKEN, "t0k3n");

    schedule("stage:prod", "gw/token", 30).execute();
    schedule("stage:prod", "gw/token", 0).execute();

    assertEquals("stage:prod/gw/token now rotates every 30 days" + System.lineSeparator()
        + "Scheduled rotation of stage:prod/gw/token is off" + System.lineSeparator(), out());
    assertEquals(List.of("rotate every 30 days", "scheduled rotation off"),
        audit.with("secret.schedule").stream().map(AuditRecord::detail).toList());
  }

  @Test
  void scheduleFailsOnServiceErrors() {
    add(PROD, "gw/token", SecretType.API_TOKEN, "t0k3n");
    assertEquals("rotationDays: must be between 0 (off) and 3650",
        failure(schedule("stage:prod", "gw/token", 5000)::execute));
    assertEquals("path: secret 'stage:prod/gw/other' not found",
        failure(schedule("stage:prod", "gw/other", 30)::execute));
    assertEquals("", out());
  }

  // ---- secret-leases and secret-release

  @Test
  void leasesListsIdsExpiryAndNamesButNoValues() throws Exception {
    add(WS, "db/pw", SecretType.PASSWORD, "hunter2");
    add(WS, "api/token", SecretType.KEY_VALUE, "{\"key\":\"k3y-value\"}");
    SecretLease late = secrets.render(ScopeChain.WORKSPACE, "PW=${secret:db/pw}\n", "gateway.env",
        Duration.ofMinutes(60), "test");
    SecretLease early = secrets.lease(ScopeChain.WORKSPACE, List.of("db/pw", "api/token#key"),
        Duration.ofMinutes(15), "test");
    SecretLeaseCommands.Leases c = wire(new SecretLeaseCommands.Leases());

    c.execute();

    String[] lines = out().split("\\R");
    assertTrue(lines[0].contains("Id") && lines[0].contains("Expires") && lines[0].contains("Files"), lines[0]);
    assertTrue(lines[2].contains(early.id()) && lines[2].contains(early.expires().toString())
        && lines[2].contains("api/token#key, db/pw"), lines[2]);
    assertTrue(lines[3].contains(late.id()) && lines[3].contains("gateway.env"), lines[3]);
    assertFalse(out().contains("hunter2") || out().contains("k3y-value"));
    assertEquals("", err());
  }

  @Test
  void leasesWhenThereAreNone() throws Exception {
    wire(new SecretLeaseCommands.Leases()).execute();
    assertTrue(out().contains("No leases in force"), out());
  }

  @Test
  void releaseEndsALeaseOrFailsForAnUnknownOne() throws Exception {
    add(WS, "db/pw", SecretType.PASSWORD, "x");
    SecretLease lease = secrets.lease(ScopeChain.WORKSPACE, List.of("db/pw"), Duration.ofMinutes(5), "test");
    SecretLeaseCommands.Release c = wire(new SecretLeaseCommands.Release());
    c.leaseId = lease.id();

    c.execute();
    assertEquals("lease '" + lease.id() + "' not found", failure(c::execute));

    assertEquals("Released lease " + lease.id() + "; its files are removed" + System.lineSeparator(), out());
    assertEquals("shell:alice", audit.only("secret.lease.release").actor());
    assertTrue(secrets.leases().isEmpty());
  }

  // ---- secret-master-rotate

  @Test
  void masterRotatePrintsTheNewKeyId() throws Exception {
    String before = secrets.masterKeyId();

    wire(new SecretMasterRotateCommand()).execute();

    assertEquals("Rotated the master key: " + before + " -> " + secrets.masterKeyId() + System.lineSeparator(),
        out());
    assertEquals("shell:alice", audit.only("secret.master-key.rotate").actor());
  }

  @Test
  void masterRotateFailureIsThrown() {
    SecretMasterRotateCommand c = wire(new SecretMasterRotateCommand());
    c.secrets = stub(SecretService.class, Map.of("masterKeyId", args -> "mk-0001", "rotateMasterKey", args -> {
      throw new ConflictException("masterKey: the master key comes from STOKER_MASTER_KEY; put a new key there "
          + "and restart");
    }));

    assertTrue(failure(c::execute).startsWith("masterKey: the master key comes from STOKER_MASTER_KEY"));
    assertEquals("", out());
  }

  // ---- completion

  @Test
  void pathCompletionFollowsTheScopeOption() {
    add(WS, "db/pw", SecretType.PASSWORD, "x");
    add(PROD, "gw/admin", SecretType.PASSWORD, "x");
    add(PROD, "gw/token", SecretType.API_TOKEN, "x");
    SecretPathCompleter completer = new SecretPathCompleter();
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
    add(WS, "db/pw", SecretType.PASSWORD, "x");
    SecretLease lease = secrets.lease(ScopeChain.WORKSPACE, List.of("db/pw"), Duration.ofMinutes(5), "test");
    SecretLeaseCommands.LeaseIdCompleter completer = new SecretLeaseCommands.LeaseIdCompleter();
    completer.secrets = secrets;

    List<String> candidates = new ArrayList<>();
    completer.complete(session, line("stoker:secret-release", lease.id().substring(0, 3)), candidates);
    assertEquals(List.of(lease.id()), candidates.stream().map(String::strip).toList());
    candidates.clear();
    completer.complete(session, line("stoker:secret-release", "zz"), candidates);
    assertTrue(candidates.isEmpty());
  }
}
