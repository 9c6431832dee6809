package dev.stoker.adapter.example.internal;

import dev.stoker.api.environment.EnvironmentSpec;
import dev.stoker.api.platform.ArtifactCodec;
import dev.stoker.api.platform.Capability;
import dev.stoker.api.platform.GatewayClient;
import dev.stoker.api.platform.GatewayEndpoint;
import dev.stoker.api.platform.PlatformAdapter;
import dev.stoker.api.platform.PlatformDescriptor;
import dev.stoker.api.platform.PlatformVersion;
import dev.stoker.api.platform.ResourceMerger;
import dev.stoker.api.platform.RuntimeProfile;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.EnumSet;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * The example platform, the smallest second platform Stoker knows: a gateway in the image
 * {@code stoker/example-gateway} that answers {@code GET /status} with JSON and keeps each project as a
 * folder of JSON files. It shows what a vendor writes: a descriptor, runtime profiles, a health probe, a
 * gateway client, a codec and a merger, against {@code dev.stoker.api} and the JDK only.
 *
 * <p>Nothing here does network I/O until a returned client or probe is used.
 */
@Component(service = PlatformAdapter.class, property = "stoker.platform=" + ExampleAdapter.ID)
public final class ExampleAdapter implements PlatformAdapter {

  static final String ID = "example";
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
  static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

  private final PlatformDescriptor descriptor;
  private final ExampleHealthProbe probe;
  private final ExampleCodec codec = new ExampleCodec();
  private final ExampleMerger merger = new ExampleMerger();
  private final HttpClient http;

  @Activate
  public ExampleAdapter(BundleContext context) {
    this(context.getBundle().getVersion().toString());
  }

  ExampleAdapter(String adapterVersion) {
    this.descriptor = new PlatformDescriptor(ID, "Example SCADA", "Stoker examples", adapterVersion,
        ExampleProfiles.LINES.stream().map(l -> new PlatformVersion(l.line(), l.defaultVersion(),
            ExampleProfiles.image(l.defaultVersion()))).toList(),
        EnumSet.of(Capability.RUNTIME, Capability.GATEWAY_CLIENT, Capability.PROJECT_CODEC,
            Capability.SEMANTIC_MERGE));
    // One client for every gateway: it pools connections and holds no per-gateway state.
    this.http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(CONNECT_TIMEOUT)
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
    this.probe = new ExampleHealthProbe(http, PROBE_TIMEOUT);
  }

  @Override
  public PlatformDescriptor descriptor() {
    return descriptor;
  }

  @Override
  public RuntimeProfile runtimeProfile(EnvironmentSpec spec) {
    return ExampleProfiles.build(spec, probe);
  }

  @Override
  public GatewayClient gatewayClient(GatewayEndpoint endpoint) {
    return new ExampleGatewayClient(http, endpoint, REQUEST_TIMEOUT);
  }

  @Override
  public ArtifactCodec codec() {
    return codec;
  }

  @Override
  public ResourceMerger merger() {
    return merger;
  }
}
