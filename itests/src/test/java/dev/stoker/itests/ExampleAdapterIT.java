package dev.stoker.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.inject.Inject;
import org.apache.karaf.features.FeaturesService;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/**
 * Hot-plugs the example adapter (docs/adapters.md) into the running distribution, as a vendor's adapter
 * would be: installing its feature from the distribution's own system repository makes the platform appear
 * in the API, uninstalling it makes it vanish, and neither restarts nor refreshes Stoker. Needs no Docker.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ExampleAdapterIT {
  private static final long DEADLINE_MS = 90_000;
  private static final String FEATURE = "stoker-adapter-example";

  @Inject
  private BundleContext context;
  @Inject
  private FeaturesService features;

  private Http http;
  private String adminPassword;

  /** The container of StokerDistributionIT, without the settings only its Docker and broker tests need. */
  @Configuration
  public Option[] config() throws IOException {
    return StokerOptions.distribution();
  }

  @Before
  public void setUp() throws Exception {
    http = new Http(Integer.getInteger("stoker.itest.port"));
    Path file = Path.of(System.getProperty("karaf.data"), "initial-admin-password");
    Await.until("the initial admin password file", DEADLINE_MS, () -> Files.exists(file));
    adminPassword = Files.readString(file).trim();
    Await.until("health 200", DEADLINE_MS, () -> http.get("/api/v1/health", null).status() == 200);
  }

  private List<String> platformIds(String token) throws Exception {
    List<String> ids = new ArrayList<>();
    http.get("/api/v1/platforms", token).body().get("items").forEach(p -> ids.add(p.get("id").asText()));
    return ids;
  }

  private Bundle bundle(String symbolicName) {
    return Arrays.stream(context.getBundles()).filter(b -> symbolicName.equals(b.getSymbolicName())).findFirst()
        .orElse(null);
  }

  @Test
  public void exampleAdapterIsHotPluggedWithoutRestart() throws Exception {
    String admin = http.login("admin", adminPassword);
    Await.until("ignition in /platforms", DEADLINE_MS, () -> platformIds(admin).contains("ignition"));
    assertFalse("the example is not a boot feature", platformIds(admin).contains("example"));
    assertEquals(404, http.get("/api/v1/platforms/example", admin).status());

    // Offline: the feature's bundle ships in the distribution's system repository.
    String version = System.getProperty("stoker.itest.version");
    Path jar = Path.of(System.getProperty("karaf.home"), "system", "dev", "stoker", "dev.stoker.adapter.example",
        version, "dev.stoker.adapter.example-" + version + ".jar");
    assertTrue(jar + " is missing from the distribution", Files.isRegularFile(jar));

    // A refresh would stop and start the REST bundle, which gives it a new BundleContext.
    Bundle rest = bundle("dev.stoker.rest");
    assertNotNull("dev.stoker.rest is installed", rest);
    BundleContext restContext = rest.getBundleContext();

    features.installFeature(FEATURE);
    Await.until("example in /platforms", DEADLINE_MS, () -> platformIds(admin).contains("example"));
    JsonNode example = http.get("/api/v1/platforms/example", admin).body();
    assertEquals("example", example.get("id").asText());
    List<String> lines = new ArrayList<>();
    example.get("versions").forEach(v -> lines.add(v.get("line").asText()));
    assertEquals(List.of("2", "1"), lines);
    assertEquals("stoker/example-gateway:2.1.0", example.get("versions").get(0).get("defaultImage").asText());
    assertTrue(example.toString(), example.get("capabilities").toString().contains("SEMANTIC_MERGE"));
    assertTrue("ignition stays", platformIds(admin).contains("ignition"));
    Bundle adapter = bundle("dev.stoker.adapter.example");
    assertEquals(Bundle.ACTIVE, adapter.getState());
    assertNull("the adapter bundle exports nothing", adapter.getHeaders().get("Export-Package"));

    features.uninstallFeature(FEATURE);
    Await.until("example gone from /platforms", DEADLINE_MS, () -> !platformIds(admin).contains("example"));
    assertEquals(404, http.get("/api/v1/platforms/example", admin).status());
    assertNull("the adapter bundle is uninstalled", bundle("dev.stoker.adapter.example"));
    assertTrue("ignition stays", platformIds(admin).contains("ignition"));

    assertSame("the REST bundle was not refreshed", restContext, rest.getBundleContext());
    assertEquals(Bundle.ACTIVE, rest.getState());
  }
}
