package dev.stoker.adapter.tck;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.stoker.api.environment.EnvironmentSpec;
import dev.stoker.api.platform.Capability;
import dev.stoker.api.platform.PlatformAdapter;
import dev.stoker.api.platform.PlatformDescriptor;
import dev.stoker.api.platform.PlatformVersion;
import org.junit.jupiter.api.Assumptions;

/**
 * What every contract of the kit needs from the vendor: the adapter under test and a valid environment spec
 * per supported version. Extend one of the contract classes ({@link DescriptorContract},
 * {@link RuntimeProfileContract}, {@link HealthProbeContract}, {@link ArtifactCodecContract},
 * {@link ResourceMergerContract}, {@link GatewayClientContract}), not this class.
 *
 * <p>JUnit creates a test instance per test method, so {@link #adapter()} may build a fresh adapter each
 * time.
 */
public abstract class AdapterContract {

  /** @return the adapter under test, as the container would register it */
  protected abstract PlatformAdapter adapter();

  /**
   * A spec the adapter accepts for one supported version line. The default asks for the line's default
   * version with nothing else set; override when the platform needs more (labels, secrets).
   *
   * @param version one of the descriptor's versions
   * @return a valid spec for it
   */
  protected EnvironmentSpec validSpec(PlatformVersion version) {
    return EnvironmentSpecs.of(adapter().descriptor().id(), version.defaultVersion());
  }

  /** @return the descriptor, checked to be present */
  protected final PlatformDescriptor descriptor() {
    PlatformDescriptor descriptor = adapter().descriptor();
    assertNotNull(descriptor, "descriptor()");
    return descriptor;
  }

  /** Skips the calling test unless the adapter declares {@code capability}. */
  protected final void assumeCapability(Capability capability) {
    Assumptions.assumeTrue(descriptor().capabilities().contains(capability),
        () -> "the adapter does not declare " + capability);
  }

  /** @return the first (newest) supported version, checked to exist */
  protected final PlatformVersion newestVersion() {
    assertFalse(descriptor().versions().isEmpty(), "the descriptor lists no versions");
    return descriptor().versions().get(0);
  }
}
