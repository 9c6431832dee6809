package dev.stoker.adapter.ignition.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stoker.api.environment.EnvironmentSpec;
import dev.stoker.api.platform.GatewayEndpoint;
import dev.stoker.api.platform.GatewayInfo;
import dev.stoker.api.platform.ProbeResult;
import dev.stoker.api.platform.Readiness;
import dev.stoker.api.platform.RuntimeProfile;
import dev.stoker.api.platform.SecretFile;
import dev.stoker.ignition.emulator.Main;
import dev.stoker.ignition.emulator.http.EmulatorServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs what a profile says the way a runtime backend would (environment, secrets as {@code _FILE}, arguments)
 * against the emulated gateway in-process, and probes it with the profile's own probe.
 */
class ProfileOnEmulatorTest {

  private final IgnitionAdapter adapter = new IgnitionAdapter(IgnitionAdapterTest.settings(Map.of()), "1");
  private EmulatorServer server;

  @TempDir
  Path install;

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop();
    }
  }

  /** @param secrets secret path → value, as the secret store would deliver them; missing ones are not mounted */
  private URI run(RuntimeProfile profile, Map<String, String> secrets, int startupMillis) throws IOException {
    Map<String, String> env = new HashMap<>(profile.environment());
    // TZ would set the default time zone of this very JVM; the in-process gateway does not need it.
    env.remove("TZ");
    for (SecretFile secret : profile.secretFiles()) {
      String value = secrets.get(secret.secretPath());
      if (value != null) {
        Path file = Files.writeString(install.resolve("secret-" + secret.variable()), value + "\n");
        env.put(secret.variable() + "_FILE", file.toString());
      }
    }
    // What the container image fixes, pointed at a temporary install folder and an ephemeral port.
    env.put("HOSTNAME", "testhost");
    env.put("IGNITION_INSTALL_LOCATION", install.toString());
    env.put("IGNITION_VERSION", IgnitionVersion.fromImage(profile.image()));
    env.put("GATEWAY_HTTP_PORT", "0");
    env.put("EMULATOR_STARTUP_DELAY_MS", Integer.toString(startupMillis));
    env.put("EMULATOR_API_KEYS", "stoker:secret");
    env.put("EMULATOR_MODULES_MOUNT", install.resolve("mnt-modules").toString());
    env.put("EMULATOR_JDBC_MOUNT", install.resolve("mnt-jdbc").toString());
    server = Main.start(env, profile.args().toArray(String[]::new));
    return URI.create("http://127.0.0.1:" + server.port() + "/");
  }

  /** Polls the profile's probe until it reports something other than STARTING (at most 15 s). */
  private static ProbeResult settle(RuntimeProfile profile, URI base) {
    return await("the gateway past STARTING").atMost(Duration.ofSeconds(15))
        .until(() -> profile.probe().probe(base), r -> r.readiness() != Readiness.STARTING);
  }

  @Test
  void an83ProfileStartsAUsableGateway() throws Exception {
    EnvironmentSpec spec = Specs.withLabels(Specs.of("8.3.4"),
        Map.of("ignition.modules", "perspective,opc-ua", "ignition.config-mode", "dev"));
    RuntimeProfile profile = adapter.runtimeProfile(spec);
    URI base = run(profile, Map.of("ignition/gateway-admin-password", "s3cret"), 2000);

    assertEquals(Readiness.STARTING, profile.probe().probe(base).readiness(), "boots first");
    assertEquals(Readiness.READY, settle(profile, base).readiness());
    GatewayInfo info = adapter.gatewayClient(new GatewayEndpoint(base, "stoker:secret")).info();
    assertEquals("plant-1", info.name());
    assertEquals("dev", info.attributes().get("deploymentMode"));

    // The 8.3 module ids were understood: exactly the two requested built-ins run.
    HttpResponse<String> healthy = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(base.resolve("data/api/v1/modules/healthy"))
            .header("X-Ignition-API-Token", "stoker:secret").build(), HttpResponse.BodyHandlers.ofString());
    assertTrue(healthy.body().contains("com.inductiveautomation.perspective"), healthy.body());
    assertTrue(healthy.body().contains("\"com.inductiveautomation.opcua\""), healthy.body());
    assertFalse(healthy.body().contains("com.inductiveautomation.vision"), healthy.body());
  }

  @Test
  void an81ProfileStartsAUsableGateway() throws IOException {
    RuntimeProfile profile = adapter.runtimeProfile(Specs.withLabels(Specs.of("8.1.44"),
        Map.of("ignition.modules", "com.inductiveautomation.perspective")));
    URI base = run(profile, Map.of("ignition/gateway-admin-password", "s3cret"), 0);
    assertEquals(Readiness.READY, settle(profile, base).readiness());
    assertEquals("8.1.44", adapter.gatewayClient(new GatewayEndpoint(base, null)).info().version());
  }

  @Test
  void withoutTheAdminPasswordTheGatewayWaitsForCommissioningAndIsNotReady() throws IOException {
    RuntimeProfile profile = adapter.runtimeProfile(Specs.of("8.3.4"));
    URI base = run(profile, Map.of(), 0);
    ProbeResult result = settle(profile, base);
    assertEquals(Readiness.COMMISSIONING, result.readiness(), result.detail());
    assertTrue(result.detail().contains("commissioning"), result.detail());
  }
}
