package dev.stoker.adapter.ignition.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stoker.api.platform.Capability;
import dev.stoker.api.platform.GatewayEndpoint;
import dev.stoker.api.platform.PlatformDescriptor;
import dev.stoker.api.platform.PlatformVersion;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IgnitionAdapterTest {

  private final IgnitionAdapter adapter = new IgnitionAdapter(AdapterSettings.defaults(), "1.2.3");

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

  @Test
  void configuredRepositoryAndDefaultsShowInTheDescriptor() {
    AdapterSettings d = AdapterSettings.defaults();
    AdapterSettings emulator = new AdapterSettings("stoker/ignition-emulator", "registry:5000/ign81", "8.3.5",
        "8.1.45", d.adminUsername(), d.adminPasswordSecret(), d.edition(), d.timeZone(), d.heapPercent(),
        d.connectTimeout(), d.requestTimeout(), d.transferTimeout(), d.probeTimeout());
    PlatformDescriptor descriptor = new IgnitionAdapter(emulator, "1").descriptor();
    assertEquals("stoker/ignition-emulator:8.3.5", descriptor.versions().get(0).defaultImage());
    assertEquals("registry:5000/ign81:8.1.45", descriptor.versions().get(1).defaultImage());
  }

  @Test
  void refusesDefaultVersionsOfTheWrongLine() {
    AdapterSettings d = AdapterSettings.defaults();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new AdapterSettings(
        d.imageRepository83(), d.imageRepository81(), "8.1.44", d.defaultVersion81(), d.adminUsername(),
        d.adminPasswordSecret(), d.edition(), d.timeZone(), d.heapPercent(), d.connectTimeout(),
        d.requestTimeout(), d.transferTimeout(), Duration.ofSeconds(1)));
    assertTrue(e.getMessage().startsWith("defaultVersion83:"), e.getMessage());
  }

  @Test
  void refusesAnUnknownConfiguredEditionOrTimeZone() {
    AdapterSettings d = AdapterSettings.defaults();
    IllegalArgumentException edition = assertThrows(IllegalArgumentException.class, () -> new AdapterSettings(
        d.imageRepository83(), d.imageRepository81(), d.defaultVersion83(), d.defaultVersion81(), d.adminUsername(),
        d.adminPasswordSecret(), "gold", d.timeZone(), d.heapPercent(), d.connectTimeout(), d.requestTimeout(),
        d.transferTimeout(), d.probeTimeout()));
    assertTrue(edition.getMessage().startsWith("edition:"), edition.getMessage());
    IllegalArgumentException zone = assertThrows(IllegalArgumentException.class, () -> new AdapterSettings(
        d.imageRepository83(), d.imageRepository81(), d.defaultVersion83(), d.defaultVersion81(), d.adminUsername(),
        d.adminPasswordSecret(), d.edition(), "Nowhere/Town", d.heapPercent(), d.connectTimeout(),
        d.requestTimeout(), d.transferTimeout(), d.probeTimeout()));
    assertTrue(zone.getMessage().startsWith("timeZone:"), zone.getMessage());
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
