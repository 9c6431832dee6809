package dev.stoker.adapter.ignition.internal;

import dev.stoker.ignition.emulator.Main;
import dev.stoker.ignition.emulator.http.EmulatorServer;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Emulated gateways started in-process on a random port, rooted in a test's temporary folder. As a registered
 * extension it stops the gateway it started after each test.
 */
final class EmulatedGateways implements org.junit.jupiter.api.extension.AfterEachCallback {
  static final String WRITER = "stoker:w-secret";
  static final String READER = "viewer:r-secret";

  private EmulatorServer started;

  /** @return the address of a settled gateway of {@code version}, stopped after the test */
  URI run(Path install, Map<String, String> extra, String version) {
    started = start(install, extra, version);
    return base(started);
  }

  @Override
  public void afterEach(org.junit.jupiter.api.extension.ExtensionContext context) {
    if (started != null) {
      started.stop();
      started = null;
    }
  }

  /** @return a settled gateway of {@code version} (stop it after the test) */
  static EmulatorServer start(Path install, Map<String, String> extra, String version, String... args) {
    Map<String, String> env = new HashMap<>(extra);
    env.put("HOSTNAME", "testhost");
    env.put("IGNITION_INSTALL_LOCATION", install.toString());
    env.put("IGNITION_VERSION", version);
    env.put("ACCEPT_IGNITION_EULA", "Y");
    env.put("GATEWAY_ADMIN_PASSWORD", "password");
    env.put("GATEWAY_HTTP_PORT", "0");
    env.put("EMULATOR_STARTUP_DELAY_MS", "0");
    env.put("EMULATOR_API_KEYS", WRITER + "," + READER + ":ro");
    env.put("EMULATOR_MODULES_MOUNT", install.resolve("mnt-modules").toString());
    env.put("EMULATOR_JDBC_MOUNT", install.resolve("mnt-jdbc").toString());
    return Main.start(env, args);
  }

  static URI base(EmulatorServer server) {
    return URI.create("http://127.0.0.1:" + server.port());
  }
}
