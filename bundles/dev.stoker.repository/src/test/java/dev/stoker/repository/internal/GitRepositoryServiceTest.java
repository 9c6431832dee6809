package dev.stoker.repository.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stoker.api.common.PageRequest;
import dev.stoker.api.platform.PlatformAdapter;
import dev.stoker.api.repository.ChangeKind;
import dev.stoker.api.repository.Release;
import dev.stoker.api.repository.ResourceDiff;
import dev.stoker.api.repository.ResourceTree;
import dev.stoker.api.repository.Revision;
import dev.stoker.api.repository.ImportResult;
import dev.stoker.api.repository.MergeState;
import dev.stoker.api.repository.Resolution;
import dev.stoker.api.repository.TreeListing;
import dev.stoker.platform.internal.TestRegistries;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service end to end, through the real Ignition codec and merger, a real platform registry and real Git
 * servers. Over 500 lines because each test is one user story across imports, diff, merge, releases and
 * mirrors; the collaborators' own details have their own smaller tests beside it.
 */
class GitRepositoryServiceTest {
  private static final PlatformAdapter IGNITION = Exports.ignition();

  @TempDir
  Path dir;
  private GitRepositoryService repos;
  private FileBlobStore blobs;

  @BeforeEach
  void setUp() throws IOException {
    blobs = new FileBlobStore(dir.resolve("blobs"));
    // The test's Git servers run on 127.0.0.1: the admin allow-list lets mirrors reach them.
    repos = new GitRepositoryService(dir.resolve("repos"), blobs, TestRegistries.of(IGNITION),
        TestSettings.small(Map.of("allowHttpRemotes", true,
            "remoteAllowedHosts", "127.0.0.1")), Clock.systemUTC());
    repos.create("plant", "ignition", "Line 1 HMI", "alice");
  }

  @AfterEach
  void tearDown() {
    repos.close();
  }

  private ImportResult importProject(String branch, Exports.Project p, String message) throws IOException {
    return repos.importExport("plant", branch, new ByteArrayInputStream(p.zip()), null, null, "alice", message);
  }

  private static Exports.Project base() {
    return new Exports.Project().view("Overview", "Running", "#00ff00").script("util", "def f():\n    return 1\n");
  }

  @Test
  void projectsAreValidatedListedAndDeleted() {
    IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
        () -> repos.create("Bad Name", "ignition", "", "alice"));
    assertTrue(bad.getMessage().startsWith("name:"), bad.getMessage());
    IllegalArgumentException platform = assertThrows(IllegalArgumentException.class,
        () -> repos.create("other", "wincc", "", "alice"));
    assertTrue(platform.getMessage().startsWith("platform:"), platform.getMessage());
    assertThrows(IllegalStateException.class, () -> repos.create("plant", "ignition", "", "alice"));
    repos.create("zeta", "ignition", null, "bob");
    assertEquals(List.of("plant", "zeta"), repos.list(new PageRequest(0, 10)).items().stream().map(p -> p.name()).toList());
    assertEquals(2, repos.list(new PageRequest(1, 1)).total());
    assertEquals("zeta", repos.list(new PageRequest(1, 1)).items().get(0).name());
    assertEquals("Line 1 HMI", repos.get("plant").orElseThrow().description());
    assertNull(repos.get("plant").orElseThrow().head(), "a new project has no head");
    assertTrue(repos.delete("zeta", "admin"));
    assertTrue(repos.get("zeta").isEmpty());
    assertFalse(Files.exists(dir.resolve("repos/zeta.git")));
  }

  @Test
  void importCommitsContentAsGivenOnceAndKeepsHistory() throws IOException {
    ImportResult first = importProject(null, base(), "First import");
    assertTrue(first.changed());
    assertEquals("alice", first.revision().author());
    assertEquals("First import", first.revision().message());
    assertEquals(first.revision().id(), repos.get("plant").orElseThrow().head());
    ImportResult unchanged = importProject(null, base(), "Again");
    assertFalse(unchanged.changed(), "the same bytes are no change");
    assertEquals(first.revision().id(), unchanged.revision().id());

    // A re-save (other modification stamps and key order) is kept as written, and the diff shows nothing.
    Exports.Project again = base();
    again.put("com.inductiveautomation.perspective/views/Overview/resource.json", "{\"version\":1,\"scope\":\"G\","
        + "\"restricted\":false,\"overridable\":true,\"files\":[\"view.json\"],\"attributes\":{"
        + "\"lastModificationSignature\":\"ff\",\"lastModification\":{\"actor\":\"bob\",\"timestamp\":\"2025-05-05T00:00:00Z\"}}}");
    ImportResult resaved = importProject(null, again, "Re-saved");
    assertTrue(resaved.changed(), "the bytes the gateway wrote are kept");
    assertEquals(List.of(), repos.diff("plant", first.revision().id(), resaved.revision().id()),
        "noise fields and key order are not changes");
    assertTrue(new String(repos.file("plant", "main", "com.inductiveautomation.perspective/views/Overview/resource.json")
        .orElseThrow(), UTF_8).contains("\"actor\":\"bob\""));

    ImportResult second = importProject(null, base().view("Overview", "Stopped", "#00ff00"), "Label text");
    assertTrue(second.changed());
    List<Revision> history = repos.log("plant", "main", new PageRequest(0, 10)).items();
    assertEquals(List.of(second.revision().id(), resaved.revision().id(), first.revision().id()),
        history.stream().map(Revision::id).toList());
    assertEquals(3, repos.log("plant", "main", new PageRequest(1, 1)).total());
    assertEquals(resaved.revision().id(), repos.log("plant", "main", new PageRequest(1, 1)).items().get(0).id());

    TreeListing tree = repos.tree("plant", "main");
    assertEquals(second.revision().id(), tree.revision());
    assertEquals(List.of("com.inductiveautomation.perspective/views/Overview", "ignition/script-python/util"),
        tree.resources().stream().map(TreeListing.Entry::path).toList());
    assertEquals(List.of("resource.json", "view.json"), tree.resources().get(0).files());
    String view = new String(repos.file("plant", first.revision().id(),
        "com.inductiveautomation.perspective/views/Overview/view.json").orElseThrow(), UTF_8);
    assertTrue(view.contains("\"text\":\"Running\""), view);
    assertTrue(repos.file("plant", "main", "nope/view.json").isEmpty());
  }

  @Test
  void binaryAssetsGoToTheBlobStoreAndGitHoldsPointers() throws IOException {
    byte[] png = new byte[10_000];
    new Random(7).nextBytes(png);
    png[0] = (byte) 0x89;
    ImportResult r = importProject(null, base().image("logo", png), "With image");
    String path = "com.inductiveautomation.perspective/images/logo/image.png";
    assertArrayEquals(png, repos.file("plant", "main", path).orElseThrow(), "the file reads back whole");
    String sha = HexFormat.of().formatHex(sha256(png));
    assertTrue(blobs.contains(sha), "the image is in the blob store");
    try (Git git = Git.open(dir.resolve("repos/plant.git").toFile())) {
      var repo = git.getRepository();
      try (var walk = new org.eclipse.jgit.revwalk.RevWalk(repo);
          var tw = org.eclipse.jgit.treewalk.TreeWalk.forPath(repo, path,
              walk.parseCommit(repo.resolve(r.revision().id())).getTree())) {
        String stored = new String(repo.open(tw.getObjectId(0)).getBytes(), UTF_8);
        assertEquals("stoker-blob v1\nsha256 " + sha + "\nsize 10000\n", stored);
      }
    }
    // Exports resolve the pointer back to the image.
    ByteArrayOutputStream zip = new ByteArrayOutputStream();
    repos.export("plant", "main", zip);
    ResourceTree exported = IGNITION.codec().decode(new ByteArrayInputStream(zip.toByteArray()));
    assertArrayEquals(png, exported.resources().get("com.inductiveautomation.perspective/images/logo").files().get("image.png"));
  }

  @Test
  void tagsLiveInTheSameRevisionAndDiffByTagPath() throws IOException {
    ImportResult p = repos.importExport("plant", null, new ByteArrayInputStream(base().zip()),
        new ByteArrayInputStream(Exports.tags(100, "ON")), null, "alice", "Project and tags");
    assertTrue(repos.tree("plant", "main").hasTags());
    // Tags alone keep the project of the head.
    ImportResult t = repos.importExport("plant", null, null, new ByteArrayInputStream(Exports.tags(150, "ON")), null,
        "bob", "Speed");
    assertEquals(2, repos.tree("plant", t.revision().id()).resources().size(), "the project is kept");
    List<ResourceDiff> diff = repos.diff("plant", p.revision().id(), t.revision().id());
    assertEquals(1, diff.size(), diff.toString());
    ResourceDiff tags = diff.get(0);
    assertEquals(ChangeKind.MODIFIED, tags.kind());
    assertTrue(tags.properties().stream().anyMatch(c -> c.pointer().contains("Line1/MotorSpeed")
        && c.oldValue().contains("100") && c.newValue().contains("150")), tags.properties().toString());
    assertTrue(tags.properties().stream().noneMatch(c -> c.pointer().contains("Pump")), "unchanged tags stay out");
    assertTrue(new String(repos.exportTags("plant", "main").orElseThrow(), UTF_8).contains("150"));
  }

  @Test
  void diffShowsPropertiesScriptsAddsRemovesAndRenames() throws IOException {
    ImportResult a = importProject(null, base().view("Alarms", "A", "#ff0000"), "a");
    Exports.Project next = base().view("Overview", "Running", "#0000ff")
        .script("util", "def f():\n    return 2\n")
        .remove("com.inductiveautomation.perspective/views/Alarms")
        .view("AlarmsRenamed", "A", "#ff0000")
        .view("Trends", "T", "#000000");
    // The renamed view is the same content under a new path; Trends differs from everything.
    ImportResult b = importProject(null, next, "b");
    List<ResourceDiff> diff = repos.diff("plant", a.revision().id(), b.revision().id());
    ResourceDiff overview = find(diff, "com.inductiveautomation.perspective/views/Overview");
    assertEquals(ChangeKind.MODIFIED, overview.kind());
    assertTrue(overview.properties().stream().anyMatch(c -> c.pointer().startsWith("view.json#")
        && c.pointer().endsWith("/style/color") && c.oldValue().contains("#00ff00") && c.newValue().contains("#0000ff")),
        overview.properties().toString());
    ResourceDiff script = find(diff, "ignition/script-python/util");
    assertNotNull(script.textDiff());
    assertTrue(script.textDiff().contains("-    return 1") && script.textDiff().contains("+    return 2"), script.textDiff());
    ResourceDiff renamed = find(diff, "com.inductiveautomation.perspective/views/AlarmsRenamed");
    assertEquals(ChangeKind.RENAMED, renamed.kind());
    assertEquals("com.inductiveautomation.perspective/views/Alarms", renamed.oldPath());
    assertEquals(ChangeKind.ADDED, find(diff, "com.inductiveautomation.perspective/views/Trends").kind());
    assertEquals(4, diff.size(), diff.toString());
    assertThrows(NoSuchElementException.class, () -> repos.diff("plant", "nope", "main"));
    assertThrows(IllegalArgumentException.class, () -> repos.diff("plant", null, "main"));
  }

  private static ResourceDiff find(List<ResourceDiff> diff, String path) {
    return diff.stream().filter(d -> d.path().equals(path)).findFirst()
        .orElseThrow(() -> new AssertionError("no change for " + path + " in " + diff));
  }

  @Test
  void cleanMergeOfDifferentPropertiesCommitsWithTwoParents() throws IOException {
    importProject(null, base(), "base");
    repos.createBranch("plant", "feature", "main", "alice");
    importProject("feature", base().view("Overview", "Running", "#0000ff"), "colour on feature");
    importProject("main", base().view("Overview", "Go", "#00ff00"), "text on main");
    MergeState m = repos.merge("plant", "feature", "main", null, "carol");
    assertEquals(MergeState.Status.COMMITTED, m.status(), m.toString());
    String view = new String(repos.file("plant", "main", "com.inductiveautomation.perspective/views/Overview/view.json")
        .orElseThrow(), UTF_8);
    assertTrue(view.contains("\"Go\"") && view.contains("#0000ff"), "both edits are in: " + view);
    try (Git git = Git.open(dir.resolve("repos/plant.git").toFile())) {
      assertEquals(2, git.log().setMaxCount(1).call().iterator().next().getParentCount());
    } catch (org.eclipse.jgit.api.errors.GitAPIException e) {
      throw new AssertionError(e);
    }
    assertEquals(MergeState.Status.UP_TO_DATE, repos.merge("plant", "feature", "main", null, "carol").status());
    assertEquals(MergeState.Status.COMMITTED, repos.mergeState("plant", m.id()).status());
  }

  @Test
  void conflictingMergeWaitsForResolutionsThenCommits() throws IOException {
    importProject(null, base(), "base");
    repos.createBranch("plant", "feature", null, "alice");
    importProject("feature", base().view("Overview", "Feature text", "#00ff00"), "feature text");
    String mainHead = importProject("main", base().view("Overview", "Main text", "#00ff00"), "main text")
        .revision().id();
    MergeState m = repos.merge("plant", "feature", "main", "Merge feature", "carol");
    assertEquals(MergeState.Status.CONFLICTED, m.status());
    assertEquals(1, m.conflicts().size(), m.conflicts().toString());
    MergeState.Conflict c = m.conflicts().get(0);
    assertEquals("com.inductiveautomation.perspective/views/Overview", c.path());
    assertTrue(c.pointer().startsWith("view.json#") && c.pointer().endsWith("/props/text"), c.pointer());
    assertEquals("\"Running\"", c.base());
    assertEquals("\"Main text\"", c.ours());
    assertEquals("\"Feature text\"", c.theirs());
    assertEquals(mainHead, repos.get("plant").orElseThrow().head(), "nothing moves before the conflicts are resolved");
    assertThrows(IllegalStateException.class, () -> repos.commitMerge("plant", m.id(), "carol"));

    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> repos.resolve("plant",
        m.id(), List.of(new Resolution(c.path(), "view.json#/nope", "ours", null)), "carol"));
    assertTrue(unknown.getMessage().startsWith("resolutions[0].pointer"), unknown.getMessage());
    IllegalArgumentException notJson = assertThrows(IllegalArgumentException.class, () -> repos.resolve("plant",
        m.id(), List.of(new Resolution(c.path(), c.pointer(), "value", "{not json")), "carol"));
    assertTrue(notJson.getMessage().contains(c.pointer()) || notJson.getMessage().startsWith("resolutions"),
        notJson.getMessage());

    MergeState resolved = repos.resolve("plant", m.id(),
        List.of(new Resolution(c.path(), c.pointer(), "value", "\"Both texts\"")), "carol");
    assertEquals(MergeState.Status.READY, resolved.status());
    assertEquals(MergeState.Status.READY, repos.mergeState("plant", m.id()).status(), "resolutions are kept");
    Revision merged = repos.commitMerge("plant", m.id(), "carol");
    assertEquals(merged.id(), repos.get("plant").orElseThrow().head());
    String view = new String(repos.file("plant", "main", c.path() + "/view.json").orElseThrow(), UTF_8);
    assertTrue(view.contains("\"Both texts\""), view);
    MergeState finished = repos.mergeState("plant", m.id());
    assertEquals(MergeState.Status.COMMITTED, finished.status(), "a finished merge can still be read");
    assertEquals(merged.id(), finished.revision());
    assertTrue(finished.conflicts().stream().allMatch(MergeState.Conflict::resolved));
    assertThrows(IllegalStateException.class, () -> repos.commitMerge("plant", m.id(), "carol"));
    assertThrows(IllegalStateException.class, () -> repos.abandonMerge("plant", m.id(), "carol"));
  }

  @Test
  void abandonedOrStaleMergesLeaveBranchesUntouched() throws IOException {
    importProject(null, base(), "base");
    repos.createBranch("plant", "feature", null, "alice");
    importProject("feature", base().view("Overview", "F", "#00ff00"), "f");
    importProject("main", base().view("Overview", "M", "#00ff00"), "m");
    String before = repos.get("plant").orElseThrow().head();
    MergeState m = repos.merge("plant", "feature", "main", null, "carol");
    assertTrue(repos.abandonMerge("plant", m.id(), "carol"));
    assertFalse(repos.abandonMerge("plant", m.id(), "carol"));
    assertEquals(before, repos.get("plant").orElseThrow().head());

    MergeState again = repos.merge("plant", "feature", "main", null, "carol");
    repos.resolve("plant", again.id(), List.of(new Resolution(again.conflicts().get(0).path(),
        again.conflicts().get(0).pointer(), "theirs", null)), "carol");
    String moved = importProject("main", base().view("Overview", "M2", "#00ff00"), "moved").revision().id();
    IllegalStateException stale = assertThrows(IllegalStateException.class,
        () -> repos.commitMerge("plant", again.id(), "carol"));
    assertTrue(stale.getMessage().startsWith("target:"), stale.getMessage());
    assertEquals(moved, repos.get("plant").orElseThrow().head(), "a failed merge commits nothing");
  }

  @Test
  void racingImportsOnOneBranchCommitOnceAndTheOtherGetsAConflict() throws Exception {
    String head = importProject(null, base(), "base").revision().id();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<ImportResult>> results = new ArrayList<>();
      for (String text : List.of("One", "Two")) {
        byte[] zip = base().view("Overview", text, "#00ff00").zip();
        Callable<ImportResult> call = () -> {
          start.await();
          return repos.importExport("plant", "main", new ByteArrayInputStream(zip), null, head, "racer-" + text, text);
        };
        results.add(pool.submit(call));
      }
      start.countDown();
      int ok = 0;
      int conflicts = 0;
      for (Future<ImportResult> f : results) {
        try {
          f.get();
          ok++;
        } catch (java.util.concurrent.ExecutionException e) {
          assertTrue(e.getCause() instanceof IllegalStateException, e.getCause().toString());
          conflicts++;
        }
      }
      assertEquals(1, ok);
      assertEquals(1, conflicts);
      assertEquals(2, repos.log("plant", "main", new PageRequest(0, 10)).total(), "exactly one commit landed");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void releasesCarryProvenanceAndExportTheirStoredArtifact() throws IOException, Exception {
    ImportResult r = importProject(null, base(), "base");
    Release release = repos.release("plant", "v1.0.0", "main", "env-test-1", "First release", "dana");
    assertEquals("v1.0.0", release.name());
    assertEquals(r.revision().id(), release.revision());
    assertEquals("dana", release.createdBy());
    assertEquals("env-test-1", release.sourceEnvironment());
    ByteArrayOutputStream exported = new ByteArrayOutputStream();
    repos.export("plant", "v1.0.0", exported);
    assertEquals(release.artifactSha256(), HexFormat.of().formatHex(sha256(exported.toByteArray())),
        "the release's export is the artifact its checksum names");
    assertEquals(List.of(release), repos.releases("plant"));
    assertThrows(IllegalStateException.class, () -> repos.release("plant", "v1.0.0", "main", null, null, "dana"));
    // The export imports back unchanged.
    assertFalse(repos.importExport("plant", "main", new ByteArrayInputStream(exported.toByteArray()), null, null,
        "dana", "round trip").changed());
  }

  @Test
  void badArchivesAreRefusedAndNothingIsCommitted() throws IOException {
    String head = importProject(null, base(), "base").revision().id();
    ByteArrayOutputStream slip = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(slip)) {
      zip.putNextEntry(new ZipEntry("project.json"));
      zip.write("{}".getBytes(UTF_8));
      zip.putNextEntry(new ZipEntry("../../evil/resource.json"));
      zip.write("{}".getBytes(UTF_8));
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> repos.importExport("plant", null,
        new ByteArrayInputStream(slip.toByteArray()), null, null, "mallory", "slip"));
    assertTrue(e.getMessage().contains("unsafe"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> repos.importExport("plant", null,
        new ByteArrayInputStream("not a zip".getBytes(UTF_8)), null, null, "mallory", "junk"));
    assertThrows(IllegalArgumentException.class, () -> repos.importExport("plant", null,
        new ByteArrayInputStream(new Exports.Project().remove("project.json").put("a/b/resource.json", "{}").zip()),
        null, null, "mallory", "no manifest"));
    IllegalArgumentException json = assertThrows(IllegalArgumentException.class, () -> repos.importExport("plant", null,
        new ByteArrayInputStream(base().put("x/y/resource.json", "{broken").zip()), null, null, "mallory", "bad json"));
    assertTrue(json.getMessage().contains("x/y/resource.json"), json.getMessage());
    assertThrows(IllegalArgumentException.class, () -> repos.importExport("plant", null, null,
        new ByteArrayInputStream("[1,2]".getBytes(UTF_8)), null, "mallory", "bad tags"));
    assertEquals(head, repos.get("plant").orElseThrow().head(), "nothing was committed");
    assertEquals(1, repos.log("plant", "main", new PageRequest(0, 10)).total());
  }

  @Test
  void pushAndPullThroughAnHttpMirrorTheAdminAllows() throws Exception {
    String head = importProject(null, base(), "base").revision().id();
    Path mirror = dir.resolve("mirror.git");
    Git.init().setBare(true).setDirectory(mirror.toFile()).call().close();
    IllegalArgumentException local = assertThrows(IllegalArgumentException.class,
        () -> repos.setRemote("plant", mirror.toUri().toString(), null, "lead"));
    assertTrue(local.getMessage().startsWith("url:"), "file:// remotes are refused: " + local.getMessage());
    try (Git bare = Git.open(mirror.toFile()); GitHttpServer server = new GitHttpServer(bare.getRepository())) {
      repos.setRemote("plant", server.url(), null, "lead");
      assertEquals(head, repos.push("plant", "main", "alice").head());
      try (Git m = Git.open(mirror.toFile())) {
        assertEquals(head, m.getRepository().resolve("refs/heads/main").name());
      }
      // Someone else pushes to the mirror; pull fast-forwards.
      repos.create("other", "ignition", "", "lead");
      repos.setRemote("other", server.url(), null, "lead");
      assertEquals(head, repos.pull("other", "main", "bob").head());
      String next = repos.importExport("other", "main", new ByteArrayInputStream(base().view("Overview", "X", "#000000")
          .zip()), null, null, "bob", "x").revision().id();
      repos.push("other", "main", "bob");
      assertEquals(next, repos.pull("plant", "main", "alice").head());
      assertEquals(next, repos.get("plant").orElseThrow().head());
    }
    IllegalArgumentException creds = assertThrows(IllegalArgumentException.class,
        () -> repos.setRemote("plant", "https://user:pw@example.com/x.git", null, "lead"));
    assertTrue(creds.getMessage().startsWith("url:"));
  }

  @Test
  void pushAndPullOverSmartHttpWithATokenFromTheSecretStore() throws Exception {
    String head = importProject(null, base(), "base").revision().id();
    List<String> reveals = new ArrayList<>();
    String[] token = {"tok-right"};
    dev.stoker.api.secrets.SecretService secrets = (dev.stoker.api.secrets.SecretService) java.lang.reflect.Proxy.newProxyInstance(
        getClass().getClassLoader(), new Class<?>[] {dev.stoker.api.secrets.SecretService.class}, (proxy, method, args) -> {
          if (method.getName().equals("reveal")) {
            reveals.add(args[0] + " " + args[1] + " " + args[3]);
            return token[0].getBytes(UTF_8);
          }
          throw new UnsupportedOperationException(method.getName());
        });
    try (Git bare = Git.init().setBare(true).setDirectory(dir.resolve("http-mirror.git").toFile()).call();
        GitHttpServer server = new GitHttpServer(bare.getRepository(), "tok-right", dir)) {
      repos.setRemote("plant", server.url(), "workspace:git/token", "lead");
      assertEquals("workspace:git/token", repos.remote("plant").orElseThrow().secret());
      assertThrows(dev.stoker.api.common.UnavailableException.class, () -> repos.push("plant", "main", "alice"),
          "without the secret store there is no token");
      repos.setSecrets(secrets);
      assertEquals(head, repos.push("plant", "main", "alice").head());
      assertEquals(head, bare.getRepository().resolve("refs/heads/main").name());
      assertTrue(reveals.get(0).endsWith("git/token alice"), reveals.toString());
      String config = Files.readString(dir.resolve("repos/plant.git/config"));
      assertFalse(config.contains("tok-right"), "the token is never written to the repository's config");

      // a commit made on the server side comes back with pull
      repos.create("other", "ignition", "", "lead");
      repos.setRemote("other", server.url(), "workspace:git/token", "lead");
      repos.pull("other", "main", "bob");
      String next = repos.importExport("other", "main", new ByteArrayInputStream(base().view("Overview", "Y", "#000000")
          .zip()), null, null, "bob", "y").revision().id();
      repos.push("other", "main", "bob");
      assertEquals(next, repos.pull("plant", "main", "alice").head());

      token[0] = "tok-wrong";
      int before = server.unauthorized.get();
      IllegalStateException refused = assertThrows(IllegalStateException.class, () -> repos.push("plant", "main", "alice"));
      assertTrue(refused.getMessage().startsWith("remote:"), refused.getMessage());
      assertTrue(refused.getMessage().contains("refused the credentials"), refused.getMessage());
      assertTrue(server.unauthorized.get() > before, "the server refused the wrong token");
    }
  }

  @Test
  void pushAndPullOverSshWithAKeyFromTheSecretStoreAndAPinnedHostKey() throws Exception {
    String head = importProject(null, base(), "base").revision().id();
    java.security.KeyPairGenerator gen = java.security.KeyPairGenerator.getInstance("EC");
    gen.initialize(256);
    java.security.KeyPair client = gen.generateKeyPair();
    ByteArrayOutputStream pem = new ByteArrayOutputStream();
    org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter.INSTANCE
        .writePrivateKey(client, "stoker-test", null, pem);
    List<String> reveals = new ArrayList<>();
    dev.stoker.api.secrets.SecretService secrets = (dev.stoker.api.secrets.SecretService) java.lang.reflect.Proxy.newProxyInstance(
        getClass().getClassLoader(), new Class<?>[] {dev.stoker.api.secrets.SecretService.class}, (proxy, method, args) -> {
          if (method.getName().equals("reveal")) {
            reveals.add(args[1] + " " + args[3]);
            return pem.toByteArray();
          }
          throw new UnsupportedOperationException(method.getName());
        });
    repos.setSecrets(secrets);
    try (Git bare = Git.init().setBare(true).setDirectory(dir.resolve("ssh-mirror.git").toFile()).call()) {
      int port;
      try (GitSshServer server = new GitSshServer(bare.getRepository(), client.getPublic(), dir.resolve("host-a.ser"), 0)) {
        port = server.port();
        repos.setRemote("plant", "ssh://git@127.0.0.1:" + port + "/repo.git", "workspace:git/ssh-key", "lead");
        assertEquals(head, repos.push("plant", "main", "alice").head());
        assertEquals(head, bare.getRepository().resolve("refs/heads/main").name());
        assertEquals(List.of("git/ssh-key alice"), reveals);
        String config = Files.readString(dir.resolve("repos/plant.git/config"));
        assertTrue(config.contains("remoteHostKey = SHA256:"), "the host key is pinned on first use: " + config);
        assertFalse(config.contains("PRIVATE KEY"), "the key is never written to the configuration");
        assertEquals(head, repos.pull("plant", "main", "alice").head());
      }
      // Another server (another host key) at the same address is refused.
      try (GitSshServer impostor = new GitSshServer(bare.getRepository(), client.getPublic(), dir.resolve("host-b.ser"),
          port)) {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
            () -> repos.push("plant", "main", "alice"));
        assertTrue(refused.getMessage().startsWith("remote:"), refused.getMessage());
        assertTrue(refused.getMessage().contains("host key"), refused.getMessage());
      }
    }
    IllegalArgumentException noKey = assertThrows(IllegalArgumentException.class, () -> {
      repos.setRemote("plant", "ssh://git@127.0.0.1:1/repo.git", null, "lead");
      repos.push("plant", "main", "alice");
    });
    assertTrue(noKey.getMessage().startsWith("secret:"), noKey.getMessage());
  }

  @Test
  void gatewayProjectFoldersImportOnlyFromAllowedRoots() throws Exception {
    Path gateways = Files.createDirectories(dir.resolve("gateways"));
    GitRepositoryService withRoots = new GitRepositoryService(dir.resolve("repos"), blobs, TestRegistries.of(IGNITION),
        TestSettings.small(Map.of("importRoots", gateways.toString())), Clock.systemUTC());
    try {
      Path project = gateways.resolve("gw1/data/projects/Plant");
      for (var e : base().entries.entrySet()) {
        Path f = project.resolve(e.getKey());
        Files.createDirectories(f.getParent());
        Files.write(f, e.getValue());
      }
      ImportResult r = withRoots.importFolder("plant", null, project, "admin", null);
      assertTrue(r.changed());
      assertEquals(2, withRoots.tree("plant", "main").resources().size());
      assertFalse(withRoots.importFolder("plant", null, project, "admin", null).changed(), "same folder, no change");

      Path outside = Files.createDirectories(dir.resolve("elsewhere"));
      Files.writeString(outside.resolve("project.json"), "{}");
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> withRoots.importFolder("plant", null, outside, "admin", null));
      assertTrue(e.getMessage().contains("not under an allowed import root"), e.getMessage());
      IllegalArgumentException escape = assertThrows(IllegalArgumentException.class,
          () -> withRoots.importFolder("plant", null, gateways.resolve("../elsewhere"), "admin", null));
      assertTrue(escape.getMessage().startsWith("path:"), escape.getMessage());
      Files.createSymbolicLink(project.resolve("link.json"), outside.resolve("project.json"));
      assertThrows(IllegalArgumentException.class, () -> withRoots.importFolder("plant", null, project, "admin", null));
      IllegalArgumentException off = assertThrows(IllegalArgumentException.class,
          () -> repos.importFolder("plant", null, project, "admin", null));
      assertTrue(off.getMessage().contains("importRoots"), off.getMessage());
    } finally {
      withRoots.close();
    }
  }

  private static byte[] sha256(byte[] bytes) throws IOException {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IOException(e);
    }
  }

  @SuppressWarnings("unused")
  private static long count(Path p) throws IOException {
    try (Stream<Path> s = Files.walk(p)) {
      return s.count();
    }
  }
}
