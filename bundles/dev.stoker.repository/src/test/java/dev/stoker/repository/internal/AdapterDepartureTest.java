package dev.stoker.repository.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stoker.api.common.UnavailableException;
import dev.stoker.api.platform.ArtifactCodec;
import dev.stoker.api.platform.PlatformAdapter;
import dev.stoker.api.platform.PlatformRegistry;
import dev.stoker.api.platform.ResourceMerger;
import dev.stoker.api.repository.MergeState;
import dev.stoker.platform.internal.TestRegistries;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An adapter that leaves while work with it is under way fails that work, and nothing is written. */
class AdapterDepartureTest {
  private static final PlatformAdapter IGNITION = Exports.ignition();

  @TempDir
  Path dir;
  private PlatformRegistry registry;
  private GitRepositoryService repos;
  /** Calls on which the adapter leaves, e.g. "decode" or "merge". */
  private volatile Set<String> leaveOn = Set.of();
  private PlatformAdapter adapter;

  @BeforeEach
  void setUp() throws IOException {
    adapter = departing();
    registry = TestRegistries.of(adapter);
    repos = new GitRepositoryService(dir.resolve("repos"), new FileBlobStore(dir.resolve("blobs")), registry,
        TestSettings.small(), Clock.systemUTC());
    repos.create("plant", "ignition", "", "alice");
  }

  @AfterEach
  void tearDown() {
    repos.close();
  }

  /** The Ignition adapter, whose codec and merger unregister it when they run a call named in leaveOn. */
  private PlatformAdapter departing() {
    ArtifactCodec codec = wrap(ArtifactCodec.class, IGNITION.codec());
    ResourceMerger merger = wrap(ResourceMerger.class, IGNITION.merger());
    return (PlatformAdapter) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {PlatformAdapter.class},
        (proxy, method, args) -> switch (method.getName()) {
          case "codec" -> codec;
          case "merger" -> merger;
          case "hashCode" -> System.identityHashCode(proxy);
          case "equals" -> proxy == args[0];
          default -> invoke(method, IGNITION, args);
        });
  }

  private <T> T wrap(Class<T> type, T target) {
    return type.cast(Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {type},
        (proxy, method, args) -> {
          if (leaveOn.contains(method.getName())) {
            TestRegistries.remove(registry, adapter);
          }
          return invoke(method, target, args);
        }));
  }

  private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private void importProject(String branch, Exports.Project p) throws IOException {
    repos.importExport("plant", branch, new ByteArrayInputStream(p.zip()), null, null, "alice", "import");
  }

  @Test
  void anImportWhoseAdapterLeavesDuringDecodingCommitsNothing() {
    leaveOn = Set.of("decode");
    UnavailableException e = assertThrows(UnavailableException.class,
        () -> importProject(null, new Exports.Project().view("Overview", "Running", "#00ff00")));
    assertTrue(e.getMessage().contains("'ignition'") && e.getMessage().contains("removed"), e.getMessage());
    assertNull(repos.get("plant").orElseThrow().head(), "nothing was committed");

    // Without an adapter, work is refused up front with the message it always had.
    UnavailableException gone = assertThrows(UnavailableException.class,
        () -> importProject(null, new Exports.Project()));
    assertEquals("the ignition adapter is not installed; install its feature", gone.getMessage());
  }

  @Test
  void aMergeWhoseAdapterLeavesDuringMergingMovesNothing() throws IOException {
    Exports.Project base = new Exports.Project().view("Overview", "Running", "#00ff00");
    importProject(null, base);
    repos.createBranch("plant", "feature", null, "alice");
    importProject("feature", new Exports.Project().view("Overview", "Running", "#0000ff"));
    importProject("main", new Exports.Project().view("Overview", "Go", "#00ff00"));
    String head = repos.get("plant").orElseThrow().head();

    leaveOn = Set.of("merge");
    assertThrows(UnavailableException.class, () -> repos.merge("plant", "feature", "main", null, "carol"));
    assertEquals(head, repos.get("plant").orElseThrow().head(), "the target did not move");

    TestRegistries.add(registry, adapter);
    leaveOn = Set.of();
    assertEquals(MergeState.Status.COMMITTED, repos.merge("plant", "feature", "main", null, "carol").status(),
        "with the adapter back, the same merge succeeds");
  }
}
