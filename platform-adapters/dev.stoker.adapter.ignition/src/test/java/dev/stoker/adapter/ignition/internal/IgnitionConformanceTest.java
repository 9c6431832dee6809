package dev.stoker.adapter.ignition.internal;

import dev.stoker.adapter.tck.ArtifactCodecContract;
import dev.stoker.adapter.tck.DescriptorContract;
import dev.stoker.adapter.tck.EnvironmentSpecs;
import dev.stoker.adapter.tck.GatewayClientContract;
import dev.stoker.adapter.tck.HealthProbeContract;
import dev.stoker.adapter.tck.InvalidSpec;
import dev.stoker.adapter.tck.ResourceMergerContract;
import dev.stoker.adapter.tck.RuntimeProfileContract;
import dev.stoker.api.environment.EnvironmentSpec;
import dev.stoker.api.platform.GatewayEndpoint;
import dev.stoker.api.platform.PlatformAdapter;
import dev.stoker.api.repository.Resource;
import dev.stoker.ignition.emulator.Main;
import dev.stoker.ignition.emulator.http.EmulatorServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;

/** The Ignition adapter against the adapter conformance kit; live parts against the in-process emulator. */
class IgnitionConformanceTest {

  private static final String WRITER_KEY = "stoker:tck-secret";

  private static PlatformAdapter ignition() {
    return new IgnitionAdapter(IgnitionAdapterTest.settings(Map.of()), "1.0.0");
  }

  @Nested
  class Descriptor extends DescriptorContract {
    @Override
    protected PlatformAdapter adapter() {
      return ignition();
    }
  }

  @Nested
  class Profiles extends RuntimeProfileContract {
    @Override
    protected PlatformAdapter adapter() {
      return ignition();
    }

    @Override
    protected String secretVariable() {
      return "IGNITION_LICENSE_KEY";
    }

    @Override
    protected List<InvalidSpec> invalidSpecs() {
      EnvironmentSpec spec = EnvironmentSpecs.of("ignition", "8.3.4");
      return List.of(
          new InvalidSpec("another platform", EnvironmentSpecs.withPlatform(spec, "example"), "platform"),
          new InvalidSpec("an unknown port", EnvironmentSpecs.withPorts(spec, Map.of("telnet", 23)), "ports"),
          new InvalidSpec("a secret that is no variable", EnvironmentSpecs.withSecrets(spec,
              Map.of("lower-case", "ignition/x")), "secrets"),
          new InvalidSpec("a secret given as _FILE", EnvironmentSpecs.withSecrets(spec,
              Map.of("IGNITION_LICENSE_KEY_FILE", "ignition/x")), "secrets"),
          new InvalidSpec("an unknown edition", EnvironmentSpecs.withLabels(spec,
              Map.of("ignition.edition", "platinum")), "labels"),
          new InvalidSpec("a deployment mode on 8.1", EnvironmentSpecs.withLabels(
              EnvironmentSpecs.of("ignition", "8.1.44"), Map.of("ignition.config-mode", "dev")), "labels"),
          new InvalidSpec("an image without version", EnvironmentSpecs.withVersionAndImage(spec, null,
              "inductiveautomation/ignition:latest"), "version"));
    }
  }

  @Nested
  class Probe extends HealthProbeContract {
    @Override
    protected PlatformAdapter adapter() {
      return ignition();
    }
  }

  @Nested
  class Codec extends ArtifactCodecContract {
    @Override
    protected PlatformAdapter adapter() {
      return ignition();
    }

    @Override
    protected byte[] sampleExport() {
      return IgnitionConformanceTest.sampleExport();
    }

    @Override
    protected byte[] sampleTags() {
      return IgnitionConformanceTest.sampleTags();
    }
  }

  @Nested
  class Merger extends ResourceMergerContract {
    @Override
    protected PlatformAdapter adapter() {
      return ignition();
    }

    @Override
    protected Resource mergeBase() {
      return view("column");
    }

    @Override
    protected Resource mergeOurs() {
      return view("row");
    }

    @Override
    protected Resource mergeTheirs() {
      return view("row-reverse");
    }

    private Resource view(String direction) {
      return Resource.of("com.inductiveautomation.perspective/views/Main", "com.inductiveautomation.perspective/views",
          Map.of("resource.json", utf8("{\n  \"files\" : [ \"view.json\" ],\n  \"scope\" : \"G\",\n  \"version\" : 1\n}"),
              "view.json", utf8("{\n  \"root\" : {\n    \"props\" : {\n      \"direction\" : \"" + direction
                  + "\"\n    },\n    \"type\" : \"ia.container.flex\"\n  }\n}")));
    }
  }

  @Nested
  class Gateway extends GatewayClientContract {
    @TempDir
    Path install;
    private EmulatorServer server;

    @BeforeEach
    void startEmulator() {
      Map<String, String> env = new HashMap<>();
      env.put("HOSTNAME", "tckhost");
      env.put("IGNITION_INSTALL_LOCATION", install.toString());
      env.put("IGNITION_VERSION", "8.3.4");
      env.put("ACCEPT_IGNITION_EULA", "Y");
      env.put("GATEWAY_ADMIN_PASSWORD", "password");
      env.put("GATEWAY_HTTP_PORT", "0");
      env.put("EMULATOR_STARTUP_DELAY_MS", "0");
      env.put("EMULATOR_API_KEYS", WRITER_KEY);
      env.put("EMULATOR_MODULES_MOUNT", install.resolve("mnt-modules").toString());
      env.put("EMULATOR_JDBC_MOUNT", install.resolve("mnt-jdbc").toString());
      server = Main.start(env, "-n", "tck");
    }

    @AfterEach
    void stopEmulator() {
      if (server != null) {
        server.stop();
      }
    }

    @Override
    protected PlatformAdapter adapter() {
      return ignition();
    }

    @Override
    protected GatewayEndpoint gatewayEndpoint() {
      return new GatewayEndpoint(URI.create("http://127.0.0.1:" + server.port()), WRITER_KEY);
    }

    @Override
    protected byte[] sampleExport() {
      return IgnitionConformanceTest.sampleExport();
    }

    @Override
    protected byte[] sampleTags() {
      return IgnitionConformanceTest.sampleTags();
    }

    @Override
    protected Duration readyDeadline() {
      return Duration.ofSeconds(15);
    }
  }

  /** A project export as a gateway writes it: a view and a script, stamped and signed (stale signatures). */
  static byte[] sampleExport() {
    String stamp = "\"attributes\":{\"lastModificationSignature\":\"0f3a\","
        + "\"lastModification\":{\"actor\":\"admin\",\"timestamp\":\"2025-03-01T10:00:00Z\"}}";
    Map<String, String> entries = new LinkedHashMap<>();
    entries.put("project.json", "{\"title\":\"Plant\",\"description\":\"Line 1\",\"enabled\":true,"
        + "\"inheritable\":false,\"parent\":\"\"}");
    entries.put("com.inductiveautomation.perspective/views/Main/resource.json",
        "{\"scope\":\"G\",\"version\":1,\"restricted\":false,\"overridable\":true,\"files\":[\"view.json\"]," + stamp + "}");
    entries.put("com.inductiveautomation.perspective/views/Main/view.json",
        "{\"root\":{\"type\":\"ia.container.flex\",\"props\":{\"direction\":\"column\"},\"children\":[{\"type\":"
            + "\"ia.display.label\",\"props\":{\"text\":\"Speed\"}}]}}");
    entries.put("ignition/script-python/util/resource.json",
        "{\"scope\":\"A\",\"version\":1,\"restricted\":false,\"overridable\":true,\"files\":[\"code.py\"]," + stamp + "}");
    entries.put("ignition/script-python/util/code.py", "def speed(x):\n    return x * 2\n");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (Map.Entry<String, String> e : entries.entrySet()) {
        zip.putNextEntry(new ZipEntry(e.getKey()));
        zip.write(utf8(e.getValue()));
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static byte[] sampleTags() {
    return utf8("{\"name\":\"\",\"tagType\":\"Provider\",\"tags\":[{\"name\":\"Line1\",\"tagType\":\"Folder\",\"tags\":["
        + "{\"name\":\"Speed\",\"tagType\":\"AtomicTag\",\"valueSource\":\"memory\",\"dataType\":\"Float8\",\"value\":12.5},"
        + "{\"name\":\"Running\",\"tagType\":\"AtomicTag\",\"valueSource\":\"memory\",\"dataType\":\"Boolean\","
        + "\"value\":true}]}]}");
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
