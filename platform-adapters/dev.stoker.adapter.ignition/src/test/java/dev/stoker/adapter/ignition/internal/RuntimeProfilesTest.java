package dev.stoker.adapter.ignition.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stoker.api.environment.ArtifactRef;
import dev.stoker.api.environment.EnvironmentSpec;
import dev.stoker.api.platform.PortSpec;
import dev.stoker.api.platform.RuntimeProfile;
import dev.stoker.api.platform.SecretFile;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RuntimeProfilesTest {

  private final IgnitionAdapter adapter = new IgnitionAdapter(IgnitionAdapterTest.settings(Map.of()), "1");

  private RuntimeProfile profile(EnvironmentSpec spec) {
    return adapter.runtimeProfile(spec);
  }

  private IllegalArgumentException refused(EnvironmentSpec spec) {
    return assertThrows(IllegalArgumentException.class, () -> adapter.runtimeProfile(spec));
  }

  @Test
  void an83ProfileFollowsTheImageContract() {
    RuntimeProfile p = profile(Specs.of("8.3.4"));
    assertEquals("inductiveautomation/ignition:8.3.4", p.image());
    assertEquals(List.of(new PortSpec("http", 8088, "tcp"), new PortSpec("https", 8043, "tcp"),
        new PortSpec("gan", 8060, "tcp"), new PortSpec("opcua", 62541, "tcp")), p.ports());
    assertEquals(Map.of("ACCEPT_IGNITION_EULA", "Y", "GATEWAY_ADMIN_USERNAME", "admin", "IGNITION_EDITION", "standard",
        "TZ", "UTC"), p.environment());
    assertEquals(List.of(new SecretFile("GATEWAY_ADMIN_PASSWORD", "ignition/gateway-admin-password")),
        p.secretFiles());
    assertEquals(List.of("-n", "plant-1"), p.args());
    assertEquals("/usr/local/bin/ignition/data", p.dataPath());
    assertEquals("/usr/local/bin/ignition/user-lib/modules", p.modulesPath());
    assertEquals("/usr/local/bin/ignition/user-lib/jdbc", p.driversPath());
    assertNull(p.restorePath());
  }

  @Test
  void an81ProfileUsesItsOwnImage() {
    RuntimeProfile p = profile(Specs.of("8.1.44"));
    assertEquals("inductiveautomation/ignition:8.1.44", p.image());
    assertEquals("Y", p.environment().get("ACCEPT_IGNITION_EULA"));
  }

  @Test
  void aBareLineGetsItsDefaultVersion() {
    assertEquals("inductiveautomation/ignition:8.3.4", profile(Specs.of("8.3")).image());
    assertEquals("inductiveautomation/ignition:8.1.44", profile(Specs.of("8.1")).image());
  }

  @Test
  void configuredRepositoryIsUsedWithTheSameTags() {
    IgnitionAdapter emulator = new IgnitionAdapter(
        IgnitionAdapterTest.settings(Map.of()).withImageRepository("stoker/ignition-emulator"), "1");
    assertEquals("stoker/ignition-emulator:8.3.4", emulator.runtimeProfile(Specs.of("8.3.4")).image());
    assertEquals("stoker/ignition-emulator:8.1.44", emulator.runtimeProfile(Specs.of("8.1.44")).image());
  }

  @Test
  void anExplicitImageWinsAndItsTagPicksTheLine() {
    RuntimeProfile p = profile(Specs.withImage(Specs.of("8.1.44"), "8.1.44", "mirror.local/ign:custom"));
    assertEquals("mirror.local/ign:custom", p.image());

    EnvironmentSpec fromTag = Specs.withLabels(Specs.withImage(Specs.of(null), null, "registry:5000/ign:8.1.40"),
        Map.of("ignition.modules", "com.inductiveautomation.perspective"));
    RuntimeProfile p81 = profile(fromTag);
    assertEquals("registry:5000/ign:8.1.40", p81.image());
    assertEquals("perspective", p81.environment().get("GATEWAY_MODULES_ENABLED"), "8.1 profile from the tag");

    IllegalArgumentException e = refused(Specs.withImage(Specs.of(null), null, "mirror.local/ign:latest"));
    assertTrue(e.getMessage().startsWith("version:"), e.getMessage());
  }

  @Test
  void unsupportedVersionsAreRefusedNamingTheField() {
    assertEquals("version: 9.0.1 is not supported (8.1.x, 8.3.x)", refused(Specs.of("9.0.1")).getMessage());
    assertEquals("version: 8.2.0 is not supported (8.1.x, 8.3.x)", refused(Specs.of("8.2.0")).getMessage());
    assertTrue(refused(Specs.of("eight")).getMessage().startsWith("version: 'eight' is not an Ignition version"));
    assertTrue(refused(Specs.of(null)).getMessage().startsWith("version: required"));
  }

  @Test
  void otherPlatformsAndUnknownPortsAreRefused() {
    assertTrue(refused(Specs.withPlatform(Specs.of("8.3.4"), "wincc")).getMessage().startsWith("platform:"));
    IllegalArgumentException e = refused(Specs.withPorts(Specs.of("8.3.4"), Map.of("http", 9088, "debug", 8000)));
    assertEquals("ports: unknown port 'debug' (http, https, gan, opcua)", e.getMessage());
  }

  @Test
  void moduleNamesTakeTheFormOfTheLine() {
    Map<String, String> labels = Map.of("ignition.modules", "perspective, com.inductiveautomation.opcua,vision");
    assertEquals("com.inductiveautomation.perspective,com.inductiveautomation.opcua,com.inductiveautomation.vision",
        profile(Specs.withLabels(Specs.of("8.3.4"), labels)).environment().get("GATEWAY_MODULES_ENABLED"));
    assertEquals("perspective,opc-ua,vision",
        profile(Specs.withLabels(Specs.of("8.1.44"), labels)).environment().get("GATEWAY_MODULES_ENABLED"));
    assertFalse(profile(Specs.of("8.3.4")).environment().containsKey("GATEWAY_MODULES_ENABLED"),
        "no list means every module stays enabled");
  }

  @Test
  void unknownModuleNamesAreRefused() {
    IllegalArgumentException on83 = refused(Specs.withLabels(Specs.of("8.3.4"), Map.of("ignition.modules", "nope")));
    assertTrue(on83.getMessage().startsWith("labels: ignition.modules: unknown module 'nope'"), on83.getMessage());
    IllegalArgumentException on81 = refused(Specs.withLabels(Specs.of("8.1.44"),
        Map.of("ignition.modules", "com.example.Thing")));
    assertTrue(on81.getMessage().contains("not an 8.1 module name"), on81.getMessage());
  }

  @Test
  void thirdPartyModulesAreAcceptedOn83AndEnabledWhenThereIsAList() {
    Map<String, String> labels = Map.of("ignition.modules", "perspective",
        "ignition.third-party-modules", "com.example.a, com.example.b");
    Map<String, String> env = profile(Specs.withLabels(Specs.of("8.3.4"), labels)).environment();
    assertEquals("com.example.a,com.example.b", env.get("ACCEPT_MODULE_LICENSES"));
    assertEquals("com.example.a,com.example.b", env.get("ACCEPT_MODULE_CERTS"));
    assertEquals("com.inductiveautomation.perspective,com.example.a,com.example.b",
        env.get("GATEWAY_MODULES_ENABLED"));

    Map<String, String> env81 = profile(Specs.withLabels(Specs.of("8.1.44"), labels)).environment();
    assertFalse(env81.containsKey("ACCEPT_MODULE_LICENSES"), "8.1 has no acceptance variables");
    assertEquals("perspective", env81.get("GATEWAY_MODULES_ENABLED"));

    assertTrue(refused(Specs.withLabels(Specs.of("8.3.4"), Map.of("ignition.third-party-modules", "nodots")))
        .getMessage().startsWith("labels: ignition.third-party-modules:"));
  }

  @Test
  void secretsBecomeFilesAndNeverValuesInTheEnvironment() {
    EnvironmentSpec spec = Specs.withSecrets(Specs.of("8.3.4"), Map.of(
        "GATEWAY_ADMIN_PASSWORD", "env/plant-1/admin",
        "IGNITION_LICENSE_KEY", "workspace/licence",
        "GATEWAY_ADMIN_USERNAME", "env/plant-1/admin-user"));
    RuntimeProfile p = profile(spec);
    assertEquals(List.of(new SecretFile("GATEWAY_ADMIN_PASSWORD", "env/plant-1/admin"),
        new SecretFile("GATEWAY_ADMIN_USERNAME", "env/plant-1/admin-user"),
        new SecretFile("IGNITION_LICENSE_KEY", "workspace/licence")), p.secretFiles());
    for (SecretFile secret : p.secretFiles()) {
      assertFalse(p.environment().containsKey(secret.variable()), secret.variable() + " also set plainly");
      assertFalse(p.environment().containsKey(secret.variable() + "_FILE"), "the runtime sets _FILE, not the adapter");
      assertFalse(p.environment().containsValue(secret.secretPath()), "no secret path as a value");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"lower_case", "GATEWAY_ADMIN_PASSWORD_FILE", "WITH-DASH", ""})
  void secretVariablesMustBeVariableNames(String variable) {
    IllegalArgumentException e = refused(Specs.withSecrets(Specs.of("8.3.4"), Map.of(variable, "p")));
    assertTrue(e.getMessage().startsWith("secrets:"), e.getMessage());
  }

  @Test
  void memoryLimitAndBackupBecomeLaunchArguments() {
    RuntimeProfile p = profile(Specs.withRestoreAndMemory(Specs.of("8.3.4"), new ArtifactRef("ab12", "site.gwbk"),
        4L * 1024 * 1024 * 1024));
    assertEquals(List.of("-n", "plant-1", "-m", "3072", "-r", "/restore.gwbk"), p.args());
    assertEquals("/restore.gwbk", p.restorePath());
  }

  @Test
  void deploymentModeAndUnsignedModulesGoAfterTheSeparator() {
    RuntimeProfile p = profile(Specs.withLabels(Specs.of("8.3.4"),
        Map.of("ignition.config-mode", "dev", "ignition.allow-unsigned-modules", "true")));
    assertEquals(List.of("-n", "plant-1", "--", "-Dignition.config.mode=dev", "-Dignition.allowunsignedmodules=true"),
        p.args());
    IllegalArgumentException on81 = refused(Specs.withLabels(Specs.of("8.1.44"), Map.of("ignition.config-mode", "dev")));
    assertTrue(on81.getMessage().startsWith("labels: ignition.config-mode needs Ignition 8.3"), on81.getMessage());
    assertTrue(refused(Specs.withLabels(Specs.of("8.3.4"), Map.of("ignition.config-mode", "dev -Dx=y")))
        .getMessage().startsWith("labels: ignition.config-mode"));
  }

  @Test
  void editionUserAndTimeZoneComeFromLabels() {
    Map<String, String> env = profile(Specs.withLabels(Specs.of("8.3.4"), Map.of("ignition.edition", "Edge",
        "ignition.admin-username", "ops", "ignition.timezone", "Europe/Zurich"))).environment();
    assertEquals("edge", env.get("IGNITION_EDITION"));
    assertEquals("ops", env.get("GATEWAY_ADMIN_USERNAME"));
    assertEquals("Europe/Zurich", env.get("TZ"));
    assertTrue(refused(Specs.withLabels(Specs.of("8.3.4"), Map.of("ignition.edition", "platinum")))
        .getMessage().startsWith("labels: ignition.edition"));
    assertTrue(refused(Specs.withLabels(Specs.of("8.3.4"), Map.of("ignition.timezone", "Mars/Olympus")))
        .getMessage().startsWith("labels: ignition.timezone"));
  }
}
