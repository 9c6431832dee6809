package dev.stoker.adapter.example.internal;

import dev.stoker.adapter.tck.ArtifactCodecContract;
import dev.stoker.adapter.tck.DescriptorContract;
import dev.stoker.adapter.tck.EnvironmentSpecs;
import dev.stoker.adapter.tck.GatewayClientContract;
import dev.stoker.adapter.tck.HealthProbeContract;
import dev.stoker.adapter.tck.InvalidSpec;
import dev.stoker.adapter.tck.ResourceMergerContract;
import dev.stoker.adapter.tck.RuntimeProfileContract;
import dev.stoker.api.environment.ArtifactRef;
import dev.stoker.api.environment.EnvironmentSpec;
import dev.stoker.api.platform.GatewayEndpoint;
import dev.stoker.api.platform.PlatformAdapter;
import dev.stoker.api.repository.Resource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;

/** The example adapter against the adapter conformance kit; the live part against {@link FakeExampleGateway}. */
class ExampleConformanceTest {

  private static PlatformAdapter example() {
    return new ExampleAdapter("1.0.0");
  }

  @Nested
  class Descriptor extends DescriptorContract {
    @Override
    protected PlatformAdapter adapter() {
      return example();
    }
  }

  @Nested
  class Profiles extends RuntimeProfileContract {
    @Override
    protected PlatformAdapter adapter() {
      return example();
    }

    @Override
    protected List<InvalidSpec> invalidSpecs() {
      EnvironmentSpec spec = EnvironmentSpecs.of("example", "2.1.0");
      EnvironmentSpec withBackup = new EnvironmentSpec(spec.name(), spec.platform(), spec.version(), null,
          spec.stage(), List.of(), List.of(), Map.of(), new ArtifactRef("ab".repeat(32), "b.zip"), Map.of(),
          spec.limits(), null, null, Map.of());
      return List.of(
          new InvalidSpec("another platform", EnvironmentSpecs.withPlatform(spec, "ignition"), "platform"),
          new InvalidSpec("an unknown port", EnvironmentSpecs.withPorts(spec, Map.of("opcua", 4840)), "ports"),
          new InvalidSpec("a secret given as _FILE", EnvironmentSpecs.withSecrets(spec,
              Map.of("EXAMPLE_TOKEN_FILE", "example/token")), "secrets"),
          new InvalidSpec("a backup to restore", withBackup, "restoreBackup"),
          new InvalidSpec("an image tag that is no version",
              EnvironmentSpecs.withVersionAndImage(spec, null, "stoker/example-gateway:latest"), "version"));
    }
  }

  @Nested
  class Probe extends HealthProbeContract {
    @Override
    protected PlatformAdapter adapter() {
      return example();
    }
  }

  @Nested
  class Codec extends ArtifactCodecContract {
    @Override
    protected PlatformAdapter adapter() {
      return example();
    }

    @Override
    protected byte[] sampleExport() {
      return ExampleConformanceTest.sampleExport();
    }
  }

  @Nested
  class Merger extends ResourceMergerContract {
    @Override
    protected PlatformAdapter adapter() {
      return example();
    }

    @Override
    protected Resource mergeBase() {
      return screen("\"Speed\"");
    }

    @Override
    protected Resource mergeOurs() {
      return screen("\"Line speed\"");
    }

    @Override
    protected Resource mergeTheirs() {
      return screen("\"Belt speed\"");
    }

    private Resource screen(String title) {
      return Resource.of("screens/main", "screens", Map.of(ExampleCodec.FILE,
          Json.write(Json.parse("t", "{\"title\":" + title + ",\"widgets\":[\"gauge\"]}")).getBytes(StandardCharsets.UTF_8)));
    }
  }

  @Nested
  class Gateway extends GatewayClientContract {
    private static final String KEY = "tck-key";
    private FakeExampleGateway gateway;

    @BeforeEach
    void startGateway() throws IOException {
      gateway = new FakeExampleGateway(KEY);
    }

    @AfterEach
    void stopGateway() {
      gateway.close();
    }

    @Override
    protected PlatformAdapter adapter() {
      return example();
    }

    @Override
    protected GatewayEndpoint gatewayEndpoint() {
      return new GatewayEndpoint(gateway.base(), KEY);
    }

    @Override
    protected byte[] sampleExport() {
      return ExampleConformanceTest.sampleExport();
    }
  }

  /** A project folder as the example gateway zips it. */
  static byte[] sampleExport() {
    Map<String, String> entries = new LinkedHashMap<>();
    entries.put("project.json", "{\"title\": \"Plant\", \"description\": \"Line 1\"}");
    entries.put("screens/main.json", "{\"widgets\": [\"gauge\", \"trend\"], \"title\": \"Main\"}");
    entries.put("screens/alarms/list.json", "{\"title\": \"Alarms\", \"rows\": 20}");
    entries.put("scripts/startup.json", "{\"language\": \"js\", \"source\": \"log('up')\\n\"}");
    return dev.stoker.testing.TestZips.of(entries);
  }
}
