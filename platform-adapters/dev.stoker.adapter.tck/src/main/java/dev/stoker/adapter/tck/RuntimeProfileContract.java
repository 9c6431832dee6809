package dev.stoker.adapter.tck;

import static dev.stoker.adapter.tck.InvalidInputAssertions.assertInvalidInput;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.stoker.api.environment.EnvironmentSpec;
import dev.stoker.api.platform.Capability;
import dev.stoker.api.platform.PlatformVersion;
import dev.stoker.api.platform.PortSpec;
import dev.stoker.api.platform.RuntimeProfile;
import dev.stoker.api.platform.SecretFile;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The runtime profile contract, for each supported version line: a valid spec gives a profile a runtime
 * backend can run (image, uniquely named ports including {@code http}, a health probe, a data path), the
 * line's default image unless the spec names one, secrets as files and never as values, the same profile
 * for the same spec; and invalid specs are refused naming the field.
 *
 * <p>Skipped unless the adapter declares {@link Capability#RUNTIME}. Fixtures: {@link #adapter()},
 * optionally {@link #validSpec(PlatformVersion)}, {@link #secretVariable()}, {@link #unsupportedVersion()}
 * and {@link #invalidSpecs()}.
 */
public abstract class RuntimeProfileContract extends AdapterContract {

  /** The secret path the kit requests; it must never appear in the profile except as a secret file. */
  protected static final String TCK_SECRET_PATH = "tck/secret-of-the-kit";

  /** @return a variable the platform reads from a secret file, requested in {@link EnvironmentSpec#secrets()} */
  protected String secretVariable() {
    return "STOKER_TCK_SECRET";
  }

  /** @return a well-formed version of no supported line; the adapter must refuse it naming {@code version} */
  protected String unsupportedVersion() {
    return "0.0.0";
  }

  /** @return further specs the adapter must refuse (platform-specific rules), each with its field */
  protected List<InvalidSpec> invalidSpecs() {
    return List.of();
  }

  @BeforeEach
  void requireRuntime() {
    assumeCapability(Capability.RUNTIME);
  }

  @TestFactory
  Stream<DynamicTest> eachLineGivesARunnableProfile() {
    return perLine(v -> {
      EnvironmentSpec spec = validSpec(v);
      RuntimeProfile p = profile(spec);
      if (spec.image() == null && v.defaultVersion().equals(spec.version())) {
        assertEquals(v.defaultImage(), p.image(), "the default version without image runs the default image");
      }
      assertPorts(p.ports());
      assertNotNull(p.probe(), "probe");
      assertAbsolute("dataPath", p.dataPath(), false);
      assertAbsolute("modulesPath", p.modulesPath(), true);
      assertAbsolute("driversPath", p.driversPath(), true);
      assertAbsolute("restorePath", p.restorePath(), true);
      assertTrue(p.processUid() >= 0, "processUid must not be negative");
      p.environment().forEach((k, val) -> {
        assertFalse(k == null || k.isBlank() || k.contains("="), () -> "environment name '" + k + "'");
        assertNotNull(val, () -> "environment " + k + " is null");
      });
      p.args().forEach(a -> assertNotNull(a, "args holds null"));
    });
  }

  @TestFactory
  Stream<DynamicTest> aLineAloneMeansItsDefaultVersion() {
    return perLine(v -> {
      EnvironmentSpec spec = EnvironmentSpecs.withVersionAndImage(validSpec(v), v.line(), null);
      assertEquals(v.defaultImage(), profile(spec).image(), "version '" + v.line() + "' (the line alone)");
    });
  }

  @TestFactory
  Stream<DynamicTest> anExplicitImageOverridesTheDefault() {
    return perLine(v -> {
      String image = "registry.example.com:5000/tck/custom-gateway:" + v.defaultVersion();
      EnvironmentSpec spec = EnvironmentSpecs.withVersionAndImage(validSpec(v), v.defaultVersion(), image);
      assertEquals(image, profile(spec).image());
    });
  }

  @TestFactory
  Stream<DynamicTest> secretsAreDeliveredAsFilesNeverAsValues() {
    return perLine(v -> {
      EnvironmentSpec base = validSpec(v);
      Map<String, String> secrets = new java.util.HashMap<>(base.secrets());
      secrets.put(secretVariable(), TCK_SECRET_PATH);
      RuntimeProfile p = profile(EnvironmentSpecs.withSecrets(base, secrets));
      assertTrue(p.secretFiles().contains(new SecretFile(secretVariable(), TCK_SECRET_PATH)),
          () -> "the requested secret is missing from " + p.secretFiles());
      Set<String> variables = new HashSet<>();
      for (SecretFile s : p.secretFiles()) {
        assertTrue(s.variable() != null && !s.variable().isBlank(), "secret variable");
        assertTrue(s.secretPath() != null && !s.secretPath().isBlank(), "secret path of " + s.variable());
        assertTrue(variables.add(s.variable()), () -> s.variable() + " is delivered twice");
        // The runtime sets <VAR>_FILE itself; a plain <VAR> beside it would leak or contradict the file.
        assertFalse(p.environment().containsKey(s.variable()), () -> s.variable() + " is also a plain variable");
        assertFalse(p.environment().containsKey(s.variable() + "_FILE"),
            () -> s.variable() + "_FILE is set by the runtime, not the profile");
      }
      p.environment().forEach((k, val) -> assertFalse(val.contains(TCK_SECRET_PATH),
          () -> "environment " + k + " carries the secret path"));
      p.args().forEach(a -> assertFalse(a.contains(TCK_SECRET_PATH), "args carry the secret path"));
    });
  }

  @TestFactory
  Stream<DynamicTest> theSameSpecGivesTheSameProfile() {
    return perLine(v -> {
      RuntimeProfile a = profile(validSpec(v));
      RuntimeProfile b = profile(validSpec(v));
      // The probe is an object, not a value; everything else a runtime uses must be equal.
      assertEquals(withoutProbe(a), withoutProbe(b));
    });
  }

  @TestFactory
  Stream<DynamicTest> anUnsupportedVersionIsRefusedNamingVersion() {
    EnvironmentSpec base = validSpec(newestVersion());
    return Stream.of(unsupportedVersion(), "not a version").map(version -> dynamicTest("version '" + version + "'",
        () -> assertInvalidInput("version",
            () -> adapter().runtimeProfile(EnvironmentSpecs.withVersionAndImage(base, version, null)))));
  }

  @TestFactory
  Stream<DynamicTest> invalidSpecsAreRefusedNamingTheField() {
    return invalidSpecs().stream().map(c -> dynamicTest(c.description(),
        () -> assertInvalidInput(c.field(), () -> adapter().runtimeProfile(c.spec()))));
  }

  private Stream<DynamicTest> perLine(Consumer<PlatformVersion> check) {
    newestVersion();
    return descriptor().versions().stream().map(v -> dynamicTest("line " + v.line(), () -> check.accept(v)));
  }

  private RuntimeProfile profile(EnvironmentSpec spec) {
    RuntimeProfile p = adapter().runtimeProfile(spec);
    assertNotNull(p, () -> "no profile for " + spec);
    assertTrue(p.image() != null && !p.image().isBlank(), "image");
    return p;
  }

  private static void assertPorts(List<PortSpec> ports) {
    Set<String> names = new HashSet<>();
    Set<String> numbers = new HashSet<>();
    for (PortSpec port : ports) {
      assertTrue(port.name() != null && !port.name().isBlank(), "port name");
      assertTrue(names.add(port.name()), () -> "port name " + port.name() + " is used twice");
      assertTrue(port.containerPort() > 0 && port.containerPort() <= 65535, () -> "port " + port);
      assertTrue("tcp".equals(port.protocol()) || "udp".equals(port.protocol()), () -> "protocol of " + port);
      assertTrue(numbers.add(port.containerPort() + "/" + port.protocol()), () -> "port " + port + " twice");
    }
    // The environment service probes and links the gateway through the port named http.
    assertTrue(names.contains("http"), () -> "no port named http in " + ports);
  }

  private static void assertAbsolute(String field, String path, boolean optional) {
    if (path == null && optional) {
      return;
    }
    assertNotNull(path, field);
    assertTrue(path.startsWith("/") && !path.contains(".."), () -> field + " '" + path + "' is no absolute path");
  }

  private static List<Object> withoutProbe(RuntimeProfile p) {
    return java.util.Arrays.asList(p.image(), p.ports(), p.environment(), p.secretFiles(), p.args(), p.dataPath(),
        p.modulesPath(), p.driversPath(), p.restorePath(), p.processUid());
  }
}
