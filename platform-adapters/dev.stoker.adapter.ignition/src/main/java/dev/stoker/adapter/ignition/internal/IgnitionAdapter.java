package dev.stoker.adapter.ignition.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Inductive Automation Ignition as a Stoker platform: runtime profiles for the 8.1 and 8.3 images, the
 * StatusPing health probe, and a gateway client (8.3 REST API; 8.1 deploys through the data folder and the
 * project-scan-endpoint module). Configured through PID
 * {@code dev.stoker.adapter.ignition}; a configuration change re-creates the component, so the descriptor
 * stays constant for each service's lifetime. Nothing here does network I/O until a returned object is used.
 */
@Component(service = PlatformAdapter.class, configurationPid = "dev.stoker.adapter.ignition",
    property = "stoker.platform=ignition")
@Designate(ocd = IgnitionConfig.class)
public final class IgnitionAdapter implements PlatformAdapter {

  static final String DISPLAY_NAME = "Inductive Automation Ignition";
  static final String VENDOR = "Inductive Automation";
  /** Default archive limits of the codec (configurable): as many entries and bytes as a gateway accepts by default. */
  static final int CODEC_MAX_ENTRIES = 20_000;
  static final long CODEC_MAX_BYTES = 256L << 20;

  private final AdapterSettings settings;
  private final PlatformDescriptor descriptor;
  private final IgnitionHealthProbe probe;
  private final IgnitionProjectCodec codec;
  private final IgnitionResourceMerger merger = new IgnitionResourceMerger();
  private final HttpClient http;
  private final ObjectMapper json = new ObjectMapper();

  @Activate
  public IgnitionAdapter(IgnitionConfig config, BundleContext context) {
    this(AdapterSettings.of(config), context.getBundle().getVersion().toString(), limit("maxProjectEntries",
        config.maxProjectEntries()), (long) limit("maxProjectMegabytes", config.maxProjectMegabytes()) << 20);
  }

  IgnitionAdapter(AdapterSettings settings, String adapterVersion) {
    this(settings, adapterVersion, CODEC_MAX_ENTRIES, CODEC_MAX_BYTES);
  }

  private static int limit(String key, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(key + ": must be at least 1, got " + value);
    }
    return value;
  }

  IgnitionAdapter(AdapterSettings settings, String adapterVersion, int maxProjectEntries, long maxProjectBytes) {
    this.settings = settings;
    this.descriptor = new PlatformDescriptor(RuntimeProfiles.PLATFORM_ID, DISPLAY_NAME, VENDOR, adapterVersion,
        List.of(version(IgnitionLine.V83), version(IgnitionLine.V81)),
        EnumSet.of(Capability.RUNTIME, Capability.GATEWAY_CLIENT, Capability.PROJECT_CODEC,
            Capability.SEMANTIC_MERGE, Capability.TAGS, Capability.BACKUP, Capability.METRICS));
    this.probe = new IgnitionHealthProbe(settings.probeTimeout());
    this.codec = new IgnitionProjectCodec(maxProjectEntries, maxProjectBytes, Clock.systemUTC());
    // One client for all gateways: it pools connections and threads; it holds no per-gateway state.
    this.http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(settings.connectTimeout())
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  private PlatformVersion version(IgnitionLine line) {
    String v = settings.defaultVersion(line);
    return new PlatformVersion(line.lineName(), v, settings.imageRepository(line) + ":" + v);
  }

  @Override
  public PlatformDescriptor descriptor() {
    return descriptor;
  }

  @Override
  public RuntimeProfile runtimeProfile(EnvironmentSpec spec) {
    return RuntimeProfiles.build(spec, settings, probe);
  }

  @Override
  public GatewayClient gatewayClient(GatewayEndpoint endpoint) {
    return new IgnitionGatewayClient(http, json, endpoint, settings.requestTimeout(), settings.transferTimeout(),
        codec);
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
