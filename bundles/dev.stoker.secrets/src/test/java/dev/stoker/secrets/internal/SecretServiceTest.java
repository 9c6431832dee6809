package dev.stoker.secrets.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stoker.api.common.PageRequest;
import dev.stoker.api.health.HealthStatus;
import dev.stoker.api.secrets.ScopeLevel;
import dev.stoker.api.secrets.SecretLease;
import dev.stoker.api.secrets.SecretMetadata;
import dev.stoker.api.secrets.SecretScope;
import dev.stoker.api.secrets.SecretStore;
import dev.stoker.api.secrets.SecretValue;
import dev.stoker.api.secrets.SecretType;
import dev.stoker.api.security.AuditOutcome;
import dev.stoker.api.security.AuditRecord;
import dev.stoker.api.secrets.ScopeChain;
import dev.stoker.api.secrets.Scopes;
import dev.stoker.api.secrets.SecretIntegrityException;
import dev.stoker.api.secrets.SecretWrite;
import dev.stoker.api.store.Persistence;
import dev.stoker.store.internal.Standalone;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.service.event.Event;

/**
 * The secret service end to end on H2 with its real encrypted store and master key files (audit, events and
 * clock recorded). Over 500 lines because each test is one capability as a user meets it (scopes, versions,
 * leases, rotation, master keys, integrity, validation); the collaborators' details have their own smaller
 * tests beside it.
 */
class SecretServiceTest {
  private static final String ACTOR = "alice";
  private static final SecretScope WS = SecretScope.WORKSPACE;
  private static final SecretScope PROJECT = new SecretScope(ScopeLevel.PROJECT, "p1");
  private static final SecretScope STAGE = new SecretScope(ScopeLevel.STAGE, "prod");
  private static final SecretScope ENV = new SecretScope(ScopeLevel.ENVIRONMENT, "env-1");

  @TempDir
  Path data;
  private JdbcDataSource ds;
  private Persistence persistence;
  private Fakes.MutableClock clock;
  private Fakes.RecordingAudit audit;
  private Fakes.RecordingEvents events;
  private final List<SecretServiceImpl> started = new ArrayList<>();
  private final List<EncryptedJpaStore> stores = new ArrayList<>();
  private SecretServiceImpl secrets;
  /** Every value written in a test, searched for in audit entries, events and metadata afterwards. */
  private final List<String> written = new ArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    persistence = Standalone.open(ds);
    clock = new Fakes.MutableClock();
    audit = new Fakes.RecordingAudit();
    events = new Fakes.RecordingEvents();
    secrets = start(Map.of());
  }

  @AfterEach
  void tearDown() {
    started.forEach(SecretServiceImpl::deactivate);
    stores.forEach(EncryptedJpaStore::deactivate);
    // nothing written may leak into the audit log, events or metadata
    for (String value : written) {
      for (AuditRecord r : audit.records) {
        assertFalse(r.toString().contains(value), "audit entry leaks a value: " + r.action());
      }
      for (Event e : events.events) {
        for (String name : e.getPropertyNames()) {
          assertFalse(String.valueOf(e.getProperty(name)).contains(value), "event leaks a value");
        }
      }
    }
  }

  private SecretServiceImpl start(Map<String, String> env) throws Exception {
    return start(env, Fakes.settings(data, Map.of()));
  }

  private SecretServiceImpl start(Map<String, String> env, Settings settings) throws Exception {
    EncryptedJpaStore store = new EncryptedJpaStore(persistence, settings, clock, env);
    stores.add(store);
    SecretServiceImpl s = new SecretServiceImpl(store, SecretServiceImpl.BUILTIN_STORE, audit, settings, clock, false);
    s.setEvents(events);
    openProjects(s);
    started.add(s);
    return s;
  }

  /** Every project open, no environment labelled: the global roles count (SecretProjectGateTest has the rest). */
  static void openProjects(SecretServiceImpl s) {
    s.setMembers(dev.stoker.testing.Fakes.of(dev.stoker.api.security.ProjectMemberService.class,
        Map.of("restricted", a -> false)));
    s.setEnvironments(dev.stoker.testing.Fakes.of(dev.stoker.api.environment.EnvironmentService.class,
        Map.of("get", a -> java.util.Optional.empty())));
  }

  private SecretMetadata write(SecretScope scope, String path, SecretType type, String value) {
    written.add(value);
    return secrets.write(SecretWrite.of(path, scope, type, value.getBytes(UTF_8)), ACTOR);
  }

  private String reveal(SecretScope scope, String path, int version) {
    return new String(secrets.reveal(scope, path, version, ACTOR), UTF_8);
  }

  // ---- keys apart from data (security issue class 10)

  @Test
  void aBarePathFindsEachStagesOwnSecretAndAReferenceNamesOneExactly() {
    write(new SecretScope(ScopeLevel.STAGE, "test"), "ignition/api-token", SecretType.API_TOKEN, "stoker:test-key");
    write(new SecretScope(ScopeLevel.STAGE, "prod"), "ignition/api-token", SecretType.API_TOKEN, "stoker:prod-key");
    write(WS, "ignition/other", SecretType.API_TOKEN, "stoker:workspace-key");
    assertEquals("stoker:prod-key", new String(secrets.revealIn(new ScopeChain(null, "prod", "env-9"),
        "ignition/api-token", ACTOR), UTF_8));
    assertEquals("stoker:test-key", new String(secrets.revealIn(new ScopeChain(null, "test", "env-9"),
        "ignition/api-token", ACTOR), UTF_8));
    assertEquals("stoker:workspace-key", new String(secrets.revealIn(new ScopeChain(null, "prod", null),
        "ignition/other", ACTOR), UTF_8), "inherited from the workspace");
    assertEquals("stoker:test-key", new String(secrets.revealIn(new ScopeChain(null, "prod", null),
        "stage:test:ignition/api-token", ACTOR), UTF_8), "a full reference is exact");
    assertThrows(dev.stoker.api.common.NotFoundException.class, () -> secrets.revealIn(
        new ScopeChain(null, "dev", null), "ignition/api-token", ACTOR));
    assertThrows(dev.stoker.api.common.InvalidInputException.class, () -> secrets.revealIn(
        ScopeChain.WORKSPACE, "../x", ACTOR));
  }

  @Test
  void aMasterKeyUnderDataMovesApartFromItAndStillOpensTheSecrets() throws Exception {
    SecretScope ws = SecretScope.WORKSPACE;
    write(ws, "db/password", SecretType.PASSWORD, "kept-across-the-move");
    Settings old = Fakes.settings(data, Map.of());
    Path legacy = old.masterKeyFile();
    assertTrue(Files.exists(legacy));
    Path apart = data.resolveSibling(data.getFileName() + "-etc").resolve("keys").resolve("master.key");
    Settings moved = old.withMasterKeyFile(apart);

    SecretServiceImpl after = start(Map.of(), EncryptedJpaStore.adoptLegacyKey(moved, legacy));
    assertFalse(Files.exists(legacy), "no key left under data/");
    assertTrue(Files.exists(apart));
    assertEquals("kept-across-the-move", new String(after.reveal(ws, "db/password", 0, ACTOR), UTF_8));
  }

  // ---- round trip, audit, no values anywhere

  @Test
  void writeThenRevealRoundTripsAndIsAudited() {
    SecretMetadata m = write(WS, "db/main/password", SecretType.PASSWORD, "s3cret-Pa55word!");
    assertEquals(1, m.version());
    assertEquals(ACTOR, m.createdBy());
    assertEquals("written", m.attributes().get("change"));
    assertEquals("s3cret-Pa55word!", reveal(WS, "db/main/password", 0));

    AuditRecord w = audit.withAction("secret.write").get(0);
    assertEquals(ACTOR, w.actor());
    assertEquals("workspace:/db/main/password", w.target());
    assertEquals(AuditOutcome.SUCCESS, w.outcome());
    AuditRecord r = audit.withAction("secret.reveal").get(0);
    assertEquals("version 1", r.detail());
    assertEquals(1, events.ofKind("written").size());
    assertEquals(1, events.ofKind("written").get(0).getProperty("version"));
    // the service keeps values in its SecretStore; reading there directly is not audited by the store
    SecretStore store = stores.get(0);
    SecretValue stored = store.read(WS, "db/main/password", 0);
    assertArrayEquals("s3cret-Pa55word!".getBytes(UTF_8), stored.value());
    assertEquals(m, stored.metadata());
    write(PROJECT, "api/token", SecretType.API_TOKEN, "tok_abcdef123456");
    assertArrayEquals("tok_abcdef123456".getBytes(UTF_8), store.read(PROJECT, "api/token", 1).value());
    assertEquals(0, audit.withAction("secret.read").size());
  }

  @Test
  void metadataAndRequestsNeverShowValues() {
    SecretWrite w = SecretWrite.of("a/b", WS, SecretType.PASSWORD, "hunter2-hunter2".getBytes(UTF_8));
    assertFalse(w.toString().contains("hunter2"));
    written.add("hunter2-hunter2");
    SecretMetadata m = secrets.write(w, ACTOR);
    assertFalse(m.toString().contains("hunter2"));
    // the request is wiped once encrypted
    assertArrayEquals(new byte[15], w.value());
  }

  @Test
  void databaseFilesAndDataTreeHoldNoPlaintext() throws Exception {
    Path dbDir = data.resolve("db");
    JdbcDataSource file = new JdbcDataSource();
    file.setURL("jdbc:h2:file:" + dbDir.resolve("stoker") + ";DB_CLOSE_DELAY=-1");
    persistence = Standalone.open(file);
    secrets = start(Map.of());
    String password = "Plaintext-Needle-" + UUID.randomUUID();
    String kv = "{\"user\":\"svc\",\"pass\":\"KV-Needle-" + UUID.randomUUID() + "\"}";
    write(WS, "needle/password", SecretType.PASSWORD, password);
    write(PROJECT, "needle/kv", SecretType.KEY_VALUE, kv);
    TestKeys.Issued issued = TestKeys.selfSigned("gw", Instant.parse("2030-01-01T00:00:00Z"));
    String pem = TestKeys.pem(issued, true);
    written.add(pem);
    secrets.write(SecretWrite.of("tls/gw", WS, SecretType.CERTIFICATE, pem.getBytes(UTF_8)), ACTOR);
    secrets.rotateMasterKey(ACTOR); // re-wrapped rows too
    try (Connection c = file.getConnection(); Statement s = c.createStatement()) {
      s.execute("SHUTDOWN");
    }
    String keyBody = pem.substring(pem.indexOf("-----BEGIN PRIVATE KEY-----") + 28, pem.indexOf("-----END PRIVATE KEY")).lines()
        .findFirst().orElseThrow();
    List<byte[]> needles = List.of(password.getBytes(UTF_8), kv.getBytes(UTF_8),
        kv.substring(kv.indexOf("KV-Needle")).getBytes(UTF_8), keyBody.getBytes(UTF_8),
        issued.keys().getPrivate().getEncoded(), Base64.getEncoder().encode(password.getBytes(UTF_8)));
    List<Path> files;
    try (Stream<Path> walk = Files.walk(data)) {
      files = walk.filter(Files::isRegularFile).toList();
    }
    Path h2 = files.stream().filter(p -> p.toString().endsWith(".mv.db")).findFirst().orElseThrow();
    assertTrue(contains(Files.readAllBytes(h2), "needle/password".getBytes(UTF_8)), "the search finds what is stored");
    for (Path f : files) {
      byte[] bytes = Files.readAllBytes(f);
      for (byte[] needle : needles) {
        assertFalse(contains(bytes, needle), f + " contains a plaintext value");
      }
    }
  }

  private static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  // ---- integrity

  @Test
  void tamperedCiphertextIsDetected() throws Exception {
    write(WS, "db/password", SecretType.PASSWORD, "original-value-1");
    try (Connection c = ds.getConnection();
        PreparedStatement read = c.prepareStatement("SELECT id, ciphertext FROM stoker_secret_version");
        ResultSet rs = read.executeQuery()) {
      assertTrue(rs.next());
      byte[] ct = rs.getBytes(2);
      ct[0] ^= 0x01;
      try (PreparedStatement up = c.prepareStatement("UPDATE stoker_secret_version SET ciphertext = ? WHERE id = ?")) {
        up.setBytes(1, ct);
        up.setString(2, rs.getString(1));
        assertEquals(1, up.executeUpdate());
      }
    }
    SecretIntegrityException e = assertThrows(SecretIntegrityException.class, () -> reveal(WS, "db/password", 0));
    assertTrue(e.getMessage().contains("workspace:/db/password"), e.getMessage());
    assertTrue(e.getMessage().contains("GCM tag"), e.getMessage());
    assertEquals(AuditOutcome.FAILED, audit.withAction("secret.reveal").get(0).outcome());
  }

  @Test
  void rowsSwappedBetweenSecretsOrVersionsAreDetected() throws Exception {
    write(WS, "a", SecretType.PASSWORD, "value-of-a-secret");
    write(WS, "b", SecretType.PASSWORD, "value-of-b-secret");
    write(WS, "b", SecretType.PASSWORD, "value-of-b-secret-v2");
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      // copy a's complete encrypted material onto b version 1
      s.executeUpdate("UPDATE stoker_secret_version SET (wrapped_key, iv, ciphertext) = (SELECT v.wrapped_key, v.iv, "
          + "v.ciphertext FROM stoker_secret_version v JOIN stoker_secret x ON x.id = v.secret_id WHERE x.path = 'a') "
          + "WHERE version = 1 AND secret_id = (SELECT id FROM stoker_secret WHERE path = 'b')");
      // and b version 2's onto... version numbers swapped: renumbering is caught too
      s.executeUpdate("UPDATE stoker_secret_version SET version = 9 WHERE version = 2");
      s.executeUpdate("UPDATE stoker_secret SET latest_version = 9 WHERE path = 'b'");
    }
    assertThrows(SecretIntegrityException.class, () -> reveal(WS, "b", 1));
    assertThrows(SecretIntegrityException.class, () -> reveal(WS, "b", 9));
    assertEquals("value-of-a-secret", reveal(WS, "a", 1));
  }

  // ---- master key

  @Test
  void masterKeyFileIsCreatedPrivateOnFirstStart() throws Exception {
    Path key = data.resolve("stoker/master.key");
    assertEquals(32, Files.size(key));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
    assertEquals(MasterKeys.idOf(Files.readAllBytes(key)), secrets.masterKeyId());
  }

  @Test
  void wrongOrMissingMasterKeyIsAClearStartupErrorThatLosesNothing() throws Exception {
    write(WS, "db/password", SecretType.PASSWORD, "keep-me-safe-123");
    Path key = data.resolve("stoker/master.key");
    byte[] original = Files.readAllBytes(key);
    byte[] other = new byte[32];
    new java.security.SecureRandom().nextBytes(other);
    Files.write(key, other);

    MasterKeyException wrong = assertThrows(MasterKeyException.class, () -> start(Map.of()));
    assertTrue(wrong.getMessage().startsWith("wrong master key"), wrong.getMessage());
    assertTrue(wrong.getMessage().contains(MasterKeys.idOf(original)), wrong.getMessage());
    var health = new SecretsHealth().check();
    assertEquals(HealthStatus.DOWN, health.status());
    assertTrue(health.detail().contains("wrong master key"), health.detail());

    Files.delete(key);
    MasterKeyException missing = assertThrows(MasterKeyException.class, () -> start(Map.of()));
    assertTrue(missing.getMessage().contains("is missing"), missing.getMessage());
    assertFalse(Files.exists(key), "no new key is made over existing secrets");

    MasterKeyException env = assertThrows(MasterKeyException.class,
        () -> start(Map.of("STOKER_MASTER_KEY", Base64.getEncoder().encodeToString(other))));
    assertTrue(env.getMessage().contains("environment variable STOKER_MASTER_KEY"), env.getMessage());
    assertThrows(MasterKeyException.class, () -> start(Map.of("STOKER_MASTER_KEY", "not base64!")));

    Files.write(key, original);
    SecretServiceImpl again = start(Map.of());
    assertEquals("keep-me-safe-123", new String(again.reveal(WS, "db/password", 0, ACTOR), UTF_8));
    SecretsHealth up = new SecretsHealth();
    up.setService(again);
    assertEquals(HealthStatus.UP, up.check().status());
  }

  @Test
  void masterKeyFromEnvironmentWorksAndRewrapsFromPreviousKeys() throws Exception {
    write(WS, "db/password", SecretType.PASSWORD, "env-rotated-value");
    Path key = data.resolve("stoker/master.key");
    String fileKey = Base64.getEncoder().encodeToString(Files.readAllBytes(key));
    byte[] fresh = new byte[32];
    new java.security.SecureRandom().nextBytes(fresh);
    String envKey = Base64.getEncoder().encodeToString(fresh);
    SecretServiceImpl fromEnv = start(Map.of("STOKER_MASTER_KEY", envKey, "STOKER_MASTER_KEY_PREVIOUS", fileKey));
    assertEquals(MasterKeys.idOf(fresh), fromEnv.masterKeyId());
    assertEquals(List.of(MasterKeys.idOf(fresh)), keyIds());
    assertEquals("env-rotated-value", new String(fromEnv.reveal(WS, "db/password", 0, ACTOR), UTF_8));
    assertThrows(IllegalStateException.class, () -> fromEnv.rotateMasterKey(ACTOR));
    // the previous key is no longer needed
    assertEquals("env-rotated-value", new String(start(Map.of("STOKER_MASTER_KEY", envKey))
        .reveal(WS, "db/password", 0, ACTOR), UTF_8));
  }

  @Test
  void masterKeyRotationRewrapsDataKeysWithoutTouchingPayloads() throws Exception {
    write(WS, "one", SecretType.PASSWORD, "first-secret-value");
    write(PROJECT, "two", SecretType.PASSWORD, "second-secret-value");
    write(PROJECT, "two", SecretType.PASSWORD, "second-secret-value-v2");
    Map<String, byte[]> payloads = payloads();
    String before = secrets.masterKeyId();

    String after = secrets.rotateMasterKey(ACTOR);

    assertNotEquals(before, after);
    assertEquals(List.of(after), keyIds());
    Map<String, byte[]> now = payloads();
    payloads.forEach((id, ct) -> assertArrayEquals(ct, now.get(id), "payload untouched"));
    try (Stream<Path> files = Files.list(data.resolve("stoker"))) {
      assertEquals(List.of("master.key"), files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("master"))
          .toList(), "the old key file is gone once every row is re-wrapped");
    }
    assertEquals("second-secret-value", reveal(PROJECT, "two", 1));
    // a restart reads the new key file
    SecretServiceImpl restarted = start(Map.of());
    assertEquals(after, restarted.masterKeyId());
    assertEquals("first-secret-value", new String(restarted.reveal(WS, "one", 0, ACTOR), UTF_8));
    assertTrue(audit.withAction("secret.master-key.rotate").get(0).detail().contains("3 data key(s) re-wrapped"));
  }

  @Test
  void interruptedMasterKeyRotationIsFinishedAtStart() throws Exception {
    write(WS, "one", SecretType.PASSWORD, "survives-a-crash");
    Path dir = data.resolve("stoker");
    byte[] old = Files.readAllBytes(dir.resolve("master.key"));
    // crash after the new key file was written, before any row was re-wrapped
    Files.write(dir.resolve("master-" + MasterKeys.idOf(old) + ".key"), old);
    byte[] fresh = new byte[32];
    new java.security.SecureRandom().nextBytes(fresh);
    Files.write(dir.resolve("master.key"), fresh);

    SecretServiceImpl restarted = start(Map.of());
    assertEquals(List.of(MasterKeys.idOf(fresh)), keyIds());
    assertFalse(Files.exists(dir.resolve("master-" + MasterKeys.idOf(old) + ".key")));
    assertEquals("survives-a-crash", new String(restarted.reveal(WS, "one", 0, ACTOR), UTF_8));
  }

  private List<String> keyIds() throws Exception {
    List<String> ids = new ArrayList<>();
    try (Connection c = ds.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT DISTINCT key_id FROM stoker_secret_version")) {
      while (rs.next()) {
        ids.add(rs.getString(1));
      }
    }
    return ids;
  }

  private Map<String, byte[]> payloads() throws Exception {
    Map<String, byte[]> out = new HashMap<>();
    try (Connection c = ds.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT id, ciphertext FROM stoker_secret_version")) {
      while (rs.next()) {
        out.put(rs.getString(1), rs.getBytes(2));
      }
    }
    return out;
  }

  // ---- types and bad input

  @Test
  void pemCertificateWithKeyIsParsed() throws Exception {
    Instant notAfter = Instant.parse("2031-06-30T12:00:00Z");
    TestKeys.Issued issued = TestKeys.selfSigned("gateway-1", notAfter);
    String pem = TestKeys.pem(issued, true);
    written.add(pem);
    SecretMetadata m = secrets.write(SecretWrite.of("tls/gateway", ENV, SecretType.CERTIFICATE, pem.getBytes(UTF_8)),
        ACTOR);
    assertEquals(notAfter, m.expires());
    assertTrue(m.attributes().get("subject").contains("CN=gateway-1"), m.attributes().get("subject"));
    assertTrue(m.attributes().get("subject").contains("O=Stoker Test"), m.attributes().get("subject"));
    assertEquals(m.attributes().get("subject"), m.attributes().get("issuer"));
    assertEquals("DNS:gw.example.test, IP:10.1.2.3, URI:urn:stoker:test:gateway", m.attributes().get("sans"));
    assertEquals("true", m.attributes().get("hasPrivateKey"));
    assertEquals("EC", m.attributes().get("keyAlgorithm"));
    assertEquals(notAfter.toString(), m.attributes().get("notAfter"));
    String stored = reveal(ENV, "tls/gateway", 0);
    assertTrue(stored.startsWith("-----BEGIN CERTIFICATE-----") && stored.contains("-----BEGIN PRIVATE KEY-----"));
  }

  @Test
  void pkcs12IsImportedWithItsPasswordAndStoredAsPem() throws Exception {
    TestKeys.Issued issued = TestKeys.selfSigned("opcua-server", Instant.parse("2029-01-01T00:00:00Z"));
    byte[] p12 = TestKeys.pkcs12(issued, "changeit-p12".toCharArray());

    IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class, () -> secrets.write(
        new SecretWrite("tls/opc", WS, SecretType.CERTIFICATE, p12.clone(), "wrong".toCharArray(), null, null), ACTOR));
    assertEquals("importPassword: wrong password for the PKCS#12 file", wrong.getMessage());
    IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> secrets.write(
        SecretWrite.of("tls/opc", WS, SecretType.CERTIFICATE, p12.clone()), ACTOR));
    assertTrue(none.getMessage().startsWith("importPassword: required"), none.getMessage());
    assertTrue(secrets.metadata(WS, "tls/opc", 0).isEmpty(), "nothing stored");
    assertEquals(AuditOutcome.DENIED, audit.withAction("secret.write").get(0).outcome());

    char[] password = "changeit-p12".toCharArray();
    SecretMetadata m = secrets.write(new SecretWrite("tls/opc", WS, SecretType.CERTIFICATE, p12, password, null, null),
        ACTOR);
    assertArrayEquals(new char[12], password, "the import password is wiped");
    assertEquals("pkcs12", m.attributes().get("importedFrom"));
    assertTrue(m.attributes().get("subject").contains("CN=opcua-server"), m.attributes().get("subject"));
    assertTrue(m.attributes().get("sans").contains("URI:urn:stoker:test:gateway"));
    String stored = reveal(WS, "tls/opc", 0);
    written.add(stored);
    assertTrue(stored.startsWith("-----BEGIN CERTIFICATE-----"));
    assertTrue(stored.contains(Base64.getMimeEncoder(64, "\n".getBytes(UTF_8))
        .encodeToString(issued.keys().getPrivate().getEncoded()).lines().findFirst().orElseThrow()));
  }

  @Test
  void badInputIsRefusedNamingTheFieldAndNothingIsStored() throws Exception {
    assertBad("value: not a PEM certificate", SecretType.CERTIFICATE, "-----BEGIN CERTIFICATE-----\nnot base64 at all!\n"
        + "-----END CERTIFICATE-----\n");
    assertBad("value: not a PEM certificate", SecretType.CERTIFICATE, "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n");
    assertBad("value: not a PEM certificate or a PKCS#12 file", SecretType.CERTIFICATE, "hello");
    TestKeys.Issued a = TestKeys.selfSigned("a", Instant.parse("2030-01-01T00:00:00Z"));
    TestKeys.Issued b = TestKeys.selfSigned("b", Instant.parse("2030-01-01T00:00:00Z"));
    assertBad("value: the private key does not match", SecretType.CERTIFICATE,
        TestKeys.pem(a, false) + TestKeys.block("PRIVATE KEY", b.keys().getPrivate().getEncoded()));
    assertBad("value: larger than the limit of 65536 bytes", SecretType.PASSWORD, "x".repeat(65537));
    assertBad("value: a password must be one line", SecretType.PASSWORD, "two\nlines");
    IllegalArgumentException utf8 = assertThrows(IllegalArgumentException.class, () -> secrets.write(
        SecretWrite.of("bad/value", WS, SecretType.PASSWORD, new byte[] {(byte) 0xC3, 0x28}), ACTOR));
    assertEquals("value: not valid UTF-8 text", utf8.getMessage());
    assertBad("value: not a JSON object of strings", SecretType.KEY_VALUE, "{\"a\": 1}");
    assertBad("value: not a JSON object of strings", SecretType.KEY_VALUE, "[\"a\"]");
    assertBad("value: not an SSH key", SecretType.SSH_KEY, "-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n"
        + "-----END OPENSSH PRIVATE KEY-----");
    assertBad("value: a license key", SecretType.LICENSE_KEY, "has spaces in it");
    assertBad("value: required", SecretType.PASSWORD, "");
    IllegalArgumentException path = assertThrows(IllegalArgumentException.class,
        () -> secrets.write(SecretWrite.of("../etc/passwd", WS, SecretType.PASSWORD, "x".getBytes(UTF_8)), ACTOR));
    assertTrue(path.getMessage().startsWith("path:"), path.getMessage());
    IllegalArgumentException scope = assertThrows(IllegalArgumentException.class, () -> Scopes.parse("galaxy:x"));
    assertEquals("scope: unknown scope level 'galaxy' (workspace, project, stage, environment)", scope.getMessage());
    IllegalArgumentException scopeId = assertThrows(IllegalArgumentException.class, () -> secrets.write(
        SecretWrite.of("p", new SecretScope(ScopeLevel.PROJECT, ""), SecretType.PASSWORD, "x".getBytes(UTF_8)), ACTOR));
    assertTrue(scopeId.getMessage().startsWith("scope:"), scopeId.getMessage());
    IllegalArgumentException type = assertThrows(IllegalArgumentException.class, () -> Scopes.parseType("pgp"));
    assertTrue(type.getMessage().startsWith("type: unknown type 'pgp'"), type.getMessage());
    assertEquals(SecretType.KEY_VALUE, Scopes.parseType("key-value"));
    assertEquals(0, secrets.list(WS, PageRequest.first()).total(), "nothing stored");
    // a secret keeps its type
    write(WS, "typed", SecretType.PASSWORD, "a-password-value");
    IllegalStateException retype = assertThrows(IllegalStateException.class,
        () -> write(WS, "typed", SecretType.API_TOKEN, "token-value-123"));
    assertTrue(retype.getMessage().startsWith("type:"), retype.getMessage());
  }

  private void assertBad(String prefix, SecretType type, String value) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> secrets.write(SecretWrite.of("bad/value", WS, type, value.getBytes(UTF_8)), ACTOR));
    assertTrue(e.getMessage().startsWith(prefix), e.getMessage());
    if (value.length() >= 8) {
      assertFalse(e.getMessage().contains(value), "message quotes the value: " + e.getMessage());
    }
    assertTrue(secrets.metadata(WS, "bad/value", 0).isEmpty());
  }

  @Test
  void sshKeysAndOtherTypesAreValidated() throws Exception {
    String key = TestKeys.opensshEd25519();
    written.add(key);
    SecretMetadata m = secrets.write(SecretWrite.of("ssh/deploy", WS, SecretType.SSH_KEY, key.getBytes(UTF_8)), ACTOR);
    assertEquals("ssh-ed25519", m.attributes().get("keyType"));
    assertEquals("false", m.attributes().get("encrypted"));
    assertTrue(m.attributes().get("fingerprint").startsWith("SHA256:"));
    SecretMetadata kv = write(WS, "db/kv", SecretType.KEY_VALUE, "{\"user\":\"svc\",\"password\":\"kv-pass-1\"}");
    assertEquals("password,user", kv.attributes().get("keys"));
    SecretMetadata lic = secrets.write(new SecretWrite("ignition/license", WS, SecretType.LICENSE_KEY,
        "ABCD-1234".getBytes(UTF_8), null, Instant.parse("2026-03-01T00:00:00Z"), null), ACTOR);
    assertEquals(Instant.parse("2026-03-01T00:00:00Z"), lic.expires());
    write(WS, "ignition/activation", SecretType.ACTIVATION_TOKEN, "eyJhbGciOi.activation.token");
  }

  // ---- scopes and versions

  @Test
  void narrowerScopesOverrideWiderOnes() {
    write(WS, "db/password", SecretType.PASSWORD, "workspace-value");
    write(PROJECT, "db/password", SecretType.PASSWORD, "project-value");
    write(STAGE, "db/password", SecretType.PASSWORD, "stage-value");
    write(ENV, "db/password", SecretType.PASSWORD, "environment-value");
    write(WS, "only/workspace", SecretType.PASSWORD, "ws-only-value");

    assertEquals(ENV, secrets.resolve(new ScopeChain("p1", "prod", "env-1"), "db/password").orElseThrow().scope());
    assertEquals(STAGE, secrets.resolve(new ScopeChain("p1", "prod", "env-2"), "db/password").orElseThrow().scope());
    assertEquals(PROJECT, secrets.resolve(new ScopeChain("p1", "dev", "env-3"), "db/password").orElseThrow().scope());
    assertEquals(WS, secrets.resolve(new ScopeChain("p2", null, null), "db/password").orElseThrow().scope());
    assertEquals(WS, secrets.resolve(new ScopeChain("p1", "prod", "env-1"), "only/workspace").orElseThrow().scope());
    assertTrue(secrets.resolve(ScopeChain.WORKSPACE, "nowhere").isEmpty());

    assertEquals(1, secrets.list(ENV, PageRequest.first()).total());
    assertEquals(2, secrets.list(WS, PageRequest.first()).total());
    assertEquals(List.of("db/password"), secrets.list(WS, new PageRequest(0, 1)).items().stream()
        .map(SecretMetadata::path).toList());
    assertEquals(List.of("only/workspace"), secrets.list(WS, new PageRequest(1, 1)).items().stream()
        .map(SecretMetadata::path).toList());
  }

  @Test
  void eachWriteIsAVersionAndRollbackWritesAnOldValueAgain() {
    write(WS, "db/password", SecretType.PASSWORD, "version-one-value");
    write(WS, "db/password", SecretType.PASSWORD, "version-two-value");
    assertEquals("version-one-value", reveal(WS, "db/password", 1));
    assertEquals("version-two-value", reveal(WS, "db/password", 0));

    SecretMetadata back = secrets.rollback(WS, "db/password", 1, ACTOR);
    assertEquals(3, back.version());
    assertEquals("rolled-back", back.attributes().get("change"));
    assertEquals("1", back.attributes().get("rolledBackFrom"));
    assertEquals("version-one-value", reveal(WS, "db/password", 0));
    assertEquals(List.of(3, 2, 1), secrets.versions(WS, "db/password").stream().map(SecretMetadata::version).toList());
    assertEquals(1, audit.withAction("secret.rollback").size());
    assertEquals(1, events.ofKind("rolled-back").size());
    var missing = assertThrows(java.util.NoSuchElementException.class, () -> secrets.rollback(WS, "db/password", 7, ACTOR));
    assertTrue(missing.getMessage().startsWith("version:"), missing.getMessage());
    assertThrows(java.util.NoSuchElementException.class, () -> reveal(WS, "nope", 0));

    assertTrue(secrets.delete(WS, "db/password", ACTOR));
    assertTrue(secrets.versions(WS, "db/password").isEmpty());
    assertFalse(secrets.delete(WS, "db/password", ACTOR));
  }

  @Test
  void rotationGeneratesPasswordsByHandAndOnSchedule() {
    write(WS, "svc/password", SecretType.PASSWORD, "initial-password-value");
    SecretMetadata rotated = secrets.rotate(WS, "svc/password", ACTOR);
    assertEquals(2, rotated.version());
    String generated = reveal(WS, "svc/password", 0);
    assertEquals(32, generated.length());
    assertNotEquals("initial-password-value", generated);
    written.add(generated);
    Event e = events.ofKind("rotated").get(0);
    assertEquals("svc/password", e.getProperty("path"));
    assertEquals(2, e.getProperty("version"));

    secrets.schedule(WS, "svc/password", 7, ACTOR);
    clock.now = clock.now.plus(Duration.ofDays(6));
    assertEquals(0, secrets.rotateDue());
    clock.now = clock.now.plus(Duration.ofDays(2));
    assertEquals(1, secrets.rotateDue());
    assertEquals(3, secrets.metadata(WS, "svc/password", 0).orElseThrow().version());
    assertEquals("7", secrets.metadata(WS, "svc/password", 0).orElseThrow().attributes().get("rotationDays"));
    assertEquals("system", audit.withAction("secret.rotate").get(1).actor());
    written.add(reveal(WS, "svc/password", 0));

    write(WS, "license", SecretType.LICENSE_KEY, "ABCD-1234");
    assertThrows(IllegalStateException.class, () -> secrets.rotate(WS, "license", ACTOR));
    IllegalArgumentException schedule = assertThrows(IllegalArgumentException.class,
        () -> secrets.schedule(WS, "license", 30, ACTOR));
    assertTrue(schedule.getMessage().startsWith("rotationDays:"), schedule.getMessage());
  }

  // ---- leases and templates

  @Test
  void leaseFilesAreReadOnlyAndDisappearWhenTheLeaseExpires() throws Exception {
    write(WS, "gw/admin-password", SecretType.PASSWORD, "gateway-admin-pass");
    write(ENV, "gw/admin-password", SecretType.PASSWORD, "env-admin-pass");
    write(WS, "db/kv", SecretType.KEY_VALUE, "{\"user\":\"svc\",\"password\":\"kv-db-pass\"}");
    SecretLease lease = secrets.lease(new ScopeChain("p1", "prod", "env-1"),
        List.of("gw/admin-password", "db/kv#password"), Duration.ofMinutes(10), "environments");
    assertEquals(clock.now.plus(Duration.ofMinutes(10)), lease.expires());
    Path file = lease.files().get("gw/admin-password");
    assertEquals(data.resolve("stoker/leases").resolve(lease.id()), file.getParent());
    assertEquals("env-admin-pass", Files.readString(file));
    assertEquals("kv-db-pass", Files.readString(lease.files().get("db/kv#password")));
    assertEquals("r--------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
    assertEquals(2, audit.withAction("secret.read").size());
    assertEquals("environment:env-1/gw/admin-password", audit.withAction("secret.read").get(0).target());

    clock.now = clock.now.plus(Duration.ofMinutes(9));
    assertEquals(0, secrets.sweepLeases());
    assertTrue(Files.exists(file));
    clock.now = clock.now.plus(Duration.ofMinutes(1));
    assertEquals(1, secrets.sweepLeases());
    assertFalse(Files.exists(file.getParent()));
    assertTrue(secrets.leases().isEmpty());

    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
        () -> secrets.lease(ScopeChain.WORKSPACE, List.of("gw/admin-password", "no/such"), Duration.ofMinutes(1), ACTOR));
    assertEquals("paths: unknown secret 'no/such'", unknown.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> secrets.lease(ScopeChain.WORKSPACE, List.of("gw/admin-password"), Duration.ofDays(2), ACTOR));
    try (Stream<Path> dirs = Files.list(data.resolve("stoker/leases"))) {
      assertEquals(0, dirs.count(), "a refused lease leaves nothing behind");
    }
  }

  @Test
  void leasesCanBeReleasedAndExpiredOnesNeverSurviveARestart() throws Exception {
    write(WS, "a", SecretType.PASSWORD, "lease-value-a");
    SecretLease released = secrets.lease(ScopeChain.WORKSPACE, List.of("a"), Duration.ofMinutes(5), ACTOR);
    assertTrue(secrets.release(released.id(), ACTOR));
    assertFalse(Files.exists(released.files().get("a")));
    assertFalse(secrets.release(released.id(), ACTOR));

    SecretLease shortLease = secrets.lease(ScopeChain.WORKSPACE, List.of("a"), Duration.ofMinutes(5), ACTOR);
    SecretLease longLease = secrets.lease(ScopeChain.WORKSPACE, List.of("a"), Duration.ofHours(5), ACTOR);
    Files.createDirectories(data.resolve("stoker/leases/stray"));
    // Stoker stops; it comes back after the short lease ended
    clock.now = clock.now.plus(Duration.ofHours(1));
    SecretServiceImpl restarted = start(Map.of());
    assertFalse(Files.exists(shortLease.files().get("a").getParent()));
    assertFalse(Files.exists(data.resolve("stoker/leases/stray")));
    assertTrue(Files.exists(longLease.files().get("a")));
    assertEquals(List.of(longLease.id()), restarted.leases().stream().map(SecretLease::id).toList());
    assertEquals(longLease.files(), restarted.leases().get(0).files());
  }

  @Test
  void envTemplatesRenderQuotedValuesIntoALeaseFile() throws Exception {
    write(WS, "db/user", SecretType.PASSWORD, "svc_user");
    write(PROJECT, "db/password", SecretType.PASSWORD, "p@ss word's $HOME");
    write(WS, "db/kv", SecretType.KEY_VALUE, "{\"host\":\"db.internal:5432\"}");
    String template = "# gateway database\nDB_USER=${secret:db/user}\nDB_PASSWORD=${secret:db/password}\n"
        + "DB_URL=jdbc:postgresql://${secret:db/kv#host}/ignition\nPLAIN=literal\n";
    SecretLease lease = secrets.render(new ScopeChain("p1", null, null), template, "gateway.env",
        Duration.ofMinutes(5), ACTOR);
    Path file = lease.files().get("gateway.env");
    assertEquals("# gateway database\nDB_USER=svc_user\nDB_PASSWORD='p@ss word'\\''s $HOME'\n"
        + "DB_URL=jdbc:postgresql://db.internal:5432/ignition\nPLAIN=literal\n", Files.readString(file));
    assertEquals("r--------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    assertEquals(3, audit.withAction("secret.read").size());

    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> secrets.render(
        ScopeChain.WORKSPACE, "A=1\nB=${secret:missing/one}\n", "x.env", Duration.ofMinutes(1), ACTOR));
    assertEquals("template: unknown secret 'missing/one' (line 2)", unknown.getMessage());
    assertThrows(IllegalArgumentException.class, () -> secrets.render(ScopeChain.WORKSPACE, "not a line\n", "x.env",
        Duration.ofMinutes(1), ACTOR));
    write(WS, "cert-like", SecretType.SSH_KEY, TestKeys.opensshEd25519());
    IllegalArgumentException multiline = assertThrows(IllegalArgumentException.class, () -> secrets.render(
        ScopeChain.WORKSPACE, "K=${secret:cert-like}", "x.env", Duration.ofMinutes(1), ACTOR));
    assertTrue(multiline.getMessage().contains("line break"), multiline.getMessage());
  }

  // ---- expiry watch

  @Test
  void expiringCertificatesAndLicensesRaiseOneEventPerVersion() throws Exception {
    TestKeys.Issued soon = TestKeys.selfSigned("soon", clock.now.plus(Duration.ofDays(10)));
    TestKeys.Issued later = TestKeys.selfSigned("later", clock.now.plus(Duration.ofDays(400)));
    String soonPem = TestKeys.pem(soon, true);
    written.add(soonPem);
    secrets.write(SecretWrite.of("tls/soon", WS, SecretType.CERTIFICATE, soonPem.getBytes(UTF_8)), ACTOR);
    secrets.write(SecretWrite.of("tls/later", WS, SecretType.CERTIFICATE, TestKeys.pem(later, true).getBytes(UTF_8)),
        ACTOR);
    secrets.write(new SecretWrite("license", WS, SecretType.LICENSE_KEY, "LIC-0001".getBytes(UTF_8), null,
        clock.now.plus(Duration.ofDays(20)), null), ACTOR);

    // the alert rules' view: soonest first, across scopes, without using up the watch's warning
    assertEquals(List.of("tls/soon", "license"), secrets.expiring(clock.now.plus(Duration.ofDays(30))).stream()
        .map(SecretMetadata::path).toList());
    assertEquals(List.of(), secrets.expiring(clock.now.plus(Duration.ofDays(5))));
    assertEquals(2, secrets.checkExpiry());
    List<Event> expiring = events.ofKind("expiring");
    assertEquals(List.of("license", "tls/soon"), expiring.stream().map(e -> (String) e.getProperty("path")).sorted()
        .toList());
    Event cert = expiring.stream().filter(e -> e.getProperty("path").equals("tls/soon")).findFirst().orElseThrow();
    assertEquals("10", cert.getProperty("daysLeft"));
    assertEquals("certificate", cert.getProperty("type"));
    assertEquals(0, secrets.checkExpiry(), "once per version");

    // a renewed licence that also expires soon is a new version: warned again
    secrets.write(new SecretWrite("license", WS, SecretType.LICENSE_KEY, "LIC-0002".getBytes(UTF_8), null,
        clock.now.plus(Duration.ofDays(25)), null), ACTOR);
    assertEquals(1, secrets.checkExpiry());
    clock.now = clock.now.plus(Duration.ofDays(380));
    assertEquals(1, secrets.checkExpiry());
    assertNull(events.ofKind("expiring").get(0).getProperty("value"));
  }

  @Test
  void logsNeverShowValues() throws Exception {
    java.io.PrintStream original = System.err;
    java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
    System.setErr(new java.io.PrintStream(captured, true, UTF_8));
    String value = "Log-Needle-" + UUID.randomUUID();
    try {
      write(WS, "log/password", SecretType.PASSWORD, value);
      secrets.rotate(WS, "log/password", ACTOR);
      secrets.rollback(WS, "log/password", 1, ACTOR);
      secrets.lease(ScopeChain.WORKSPACE, List.of("log/password"), Duration.ofMinutes(1), ACTOR);
      clock.now = clock.now.plus(Duration.ofMinutes(2));
      secrets.sweepLeases();
      secrets.rotateMasterKey(ACTOR);
      assertThrows(IllegalArgumentException.class, () -> write(WS, "log/kv", SecretType.KEY_VALUE, "{" + value));
      assertThrows(IllegalArgumentException.class, () -> write(WS, "log/cert", SecretType.CERTIFICATE,
          "-----BEGIN CERTIFICATE-----\n" + value + "\n-----END CERTIFICATE-----\n"));
      start(Map.of()); // a restart logs too
    } finally {
      System.setErr(original);
    }
    String logs = captured.toString(UTF_8);
    assertTrue(logs.contains("Secret store started"), "the capture works: " + logs);
    assertFalse(logs.contains(value), "a log line holds a value");
  }

  @Test
  void healthWaitsForTheDatabaseWithoutAProblem() {
    StartupState.started();
    var h = new SecretsHealth().check();
    assertEquals(HealthStatus.DOWN, h.status());
    assertEquals("waiting for the database, the audit log and the secret store", h.detail());
  }
}
