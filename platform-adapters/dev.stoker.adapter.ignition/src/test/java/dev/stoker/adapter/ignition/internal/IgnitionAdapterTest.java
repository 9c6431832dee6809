package dev.stoker.adapter.ignition.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stoker.api.platform.Capability;
import dev.stoker.api.platform.GatewayEndpoint;
import dev.stoker.api.platform.PlatformDescriptor;
import dev.stoker.api.platform.PlatformVersion;
import dev.stoker.testing.OsgiConfigs;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IgnitionAdapterTest {

  private final IgnitionAdapter adapter = new IgnitionAdapter(settings(Map.of()), "1.2.3");

  @Test
  void describesIgnitionWithBothLinesNewestFirst() {
    PlatformDescriptor d = adapter.descriptor();
    assertEquals("ignition", d.id());
    assertEquals("Inductive Automation Ignition", d.displayName());
    assertEquals("Inductive Automation", d.vendor());
    assertEquals("1.2.3", d.adapterVersion());
    assertEquals(List.of(
        new PlatformVersion("8.3", "8.3.4", "inductiveautomation/ignition:8.3.4"),
        new PlatformVersion("8.1", "8.1.44", "inductiveautomation/ignition:8.1.44")), d.versions());
  }

  @Test
  void declaresOnlyWhatItImplements() {
    assertEquals(Set.of(Capability.RUNTIME, Capability.GATEWAY_CLIENT, Capability.PROJECT_CODEC,
        Capability.SEMANTIC_MERGE, Capability.TAGS, Capability.BACKUP, Capability.METRICS),
        adapter.descriptor().capabilities());
    assertInstanceOf(IgnitionProjectCodec.class, adapter.codec());
    assertInstanceOf(IgnitionResourceMerger.class, adapter.merger());
  }

  /** The adapter's settings: the defaults of {@link IgnitionConfig} with {@code overrides}. */
  static AdapterSettings settings(Map<String, ?> overrides) {
    return AdapterSettings.of(OsgiConfigs.of(IgnitionConfig.class, overrides));
  }

  @Test
  void configuredRepositoryAndDefaultsShowInTheDescriptor() {
    AdapterSettings emulator = settings(Map.of("imageRepository83", "stoker/ignition-emulator",
        "imageRepository81", "registry:5000/ign81", "defaultVersion83", "8.3.5", "defaultVersion81", "8.1.45"));
    PlatformDescriptor descriptor = new IgnitionAdapter(emulator, "1").descriptor();
    assertEquals("stoker/ignition-emulator:8.3.5", descriptor.versions().get(0).defaultImage());
    assertEquals("registry:5000/ign81:8.1.45", descriptor.versions().get(1).defaultImage());
  }

  @Test
  void refusesDefaultVersionsOfTheWrongLine() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> settings(Map.of("defaultVersion83", "8.1.44")));
    assertTrue(e.getMessage().startsWith("defaultVersion83:"), e.getMessage());
  }

  @Test
  void refusesAnUnknownConfiguredEditionOrTimeZone() {
    IllegalArgumentException edition = assertThrows(IllegalArgumentException.class,
        () -> settings(Map.of("edition", "gold")));
    assertTrue(edition.getMessage().startsWith("edition:"), edition.getMessage());
    IllegalArgumentException zone = assertThrows(IllegalArgumentException.class,
        () -> settings(Map.of("timeZone", "Nowhere/Town")));
    assertTrue(zone.getMessage().startsWith("timeZone:"), zone.getMessage());
  }

  @Test
  void builtInDefaultsAreTheAnnotationDefaults() {
    assertEquals(settings(Map.of()), AdapterSettings.defaults());
  }

  @Test
  void projectExportsAreBoundedAsConfigured() throws Exception {
    java.io.ByteArrayOutputStream zip = new java.io.ByteArrayOutputStream();
    try (java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(zip)) {
      out.putNextEntry(new java.util.zip.ZipEntry("project.json"));
      out.write("{\"title\":\"P\",\"enabled\":true}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
      out.closeEntry();
      for (int i = 0; i < 8; i++) {
        out.putNextEntry(new java.util.zip.ZipEntry("ignition/script-python/m" + i + "/code.py"));
        out.write(new byte[200_000]); // compresses to almost nothing, inflates to 200 KB each
        out.closeEntry();
      }
    }
    byte[] bytes = zip.toByteArray();
    IgnitionAdapter few = new IgnitionAdapter(settings(Map.of()), "1", 5, 256L << 20);
    assertEquals("export", assertThrows(dev.stoker.api.common.InvalidInputException.class,
        () -> few.codec().decode(new java.io.ByteArrayInputStream(bytes))).field(), "more entries than allowed");
    IgnitionAdapter small = new IgnitionAdapter(settings(Map.of()), "1", 20_000, 1L << 20);
    assertEquals("export", assertThrows(dev.stoker.api.common.InvalidInputException.class,
        () -> small.codec().decode(new java.io.ByteArrayInputStream(bytes))).field(), "inflates past 1 MiB");
  }

  @Test
  void shippedFileMatchesTheConfiguration() {
    OsgiConfigs.assertEtcFileMatches(IgnitionConfig.class, "dev.stoker.adapter.ignition.cfg");
  }

  @Test
  void gatewayClientNeedsAnHttpAddressButNoNetwork() {
    assertInstanceOf(IgnitionGatewayClient.class,
        adapter.gatewayClient(new GatewayEndpoint(URI.create("http://gw.invalid:8088"), "k:s")));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> adapter.gatewayClient(new GatewayEndpoint(URI.create("ftp://gw:21"), null)));
    assertTrue(e.getMessage().startsWith("httpBase:"), e.getMessage());
  }

  @Test
  void profileCarriesTheProbe() {
    assertInstanceOf(IgnitionHealthProbe.class, adapter.runtimeProfile(Specs.of("8.3.4")).probe());
  }
}
