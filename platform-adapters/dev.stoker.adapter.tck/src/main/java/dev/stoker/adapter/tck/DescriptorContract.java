package dev.stoker.adapter.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stoker.api.platform.Capability;
import dev.stoker.api.platform.GatewayEndpoint;
import dev.stoker.api.platform.PlatformAdapter;
import dev.stoker.api.platform.PlatformDescriptor;
import dev.stoker.api.platform.PlatformVersion;
import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The descriptor contract: a stable, URL-safe platform id; a descriptor that does not change while the
 * service lives; well-formed release lines; and capabilities backed by the objects they promise.
 *
 * <p>Fixtures: only {@link #adapter()}.
 */
public abstract class DescriptorContract extends AdapterContract {

  /**
   * Platform ids appear in URLs ({@code /api/v1/platforms/{id}}), requests and secret paths
   * ({@code <id>/api-token}): lower-case letters, digits and inner hyphens, starting with a letter, at most
   * 63 characters (a DNS label).
   */
  public static final Pattern PLATFORM_ID = Pattern.compile("[a-z]([a-z0-9-]{0,61}[a-z0-9])?");

  @Test
  void idIsAPlatformId() {
    String id = descriptor().id();
    assertNotNull(id, "id");
    assertTrue(PLATFORM_ID.matcher(id).matches(), () -> "id '" + id + "' does not match " + PLATFORM_ID);
  }

  @Test
  void namesAreGiven() {
    PlatformDescriptor d = descriptor();
    assertText("displayName", d.displayName());
    assertText("vendor", d.vendor());
    assertText("adapterVersion", d.adapterVersion());
  }

  @Test
  void descriptorIsConstantAcrossCallsAndThreads() throws Exception {
    PlatformAdapter adapter = adapter();
    PlatformDescriptor first = adapter.descriptor();
    assertEquals(first, adapter.descriptor(), "a second call gave another descriptor");
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Callable<PlatformDescriptor>> calls = java.util.Collections.nCopies(16, adapter::descriptor);
      for (Future<PlatformDescriptor> f : pool.invokeAll(calls)) {
        assertEquals(first, f.get(), "a concurrent call gave another descriptor");
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void versionsAreWellFormed() {
    PlatformDescriptor d = descriptor();
    if (d.capabilities().contains(Capability.RUNTIME)) {
      assertFalse(d.versions().isEmpty(), "RUNTIME is declared but no version is listed");
    }
    Set<String> lines = new HashSet<>();
    for (PlatformVersion v : d.versions()) {
      assertNotNull(v, "versions holds null");
      assertText("versions.line", v.line());
      assertTrue(lines.add(v.line()), () -> "line " + v.line() + " is listed twice");
      assertText("versions[" + v.line() + "].defaultVersion", v.defaultVersion());
      assertText("versions[" + v.line() + "].defaultImage", v.defaultImage());
      assertTrue(v.defaultImage().chars().noneMatch(Character::isWhitespace),
          () -> "defaultImage '" + v.defaultImage() + "' is no image reference");
    }
  }

  @Test
  void capabilitiesAreBackedByTheirObjects() {
    PlatformAdapter adapter = adapter();
    Set<Capability> caps = descriptor().capabilities();
    if (caps.contains(Capability.PROJECT_CODEC) || caps.contains(Capability.TAGS)) {
      assertNotNull(adapter.codec(), "PROJECT_CODEC or TAGS is declared but codec() is null");
    }
    if (caps.contains(Capability.SEMANTIC_MERGE)) {
      assertNotNull(adapter.merger(), "SEMANTIC_MERGE is declared but merger() is null");
    }
    if (caps.contains(Capability.GATEWAY_CLIENT)) {
      // Creating a client must not touch the network: the address is never contacted here.
      assertNotNull(adapter.gatewayClient(new GatewayEndpoint(URI.create("http://127.0.0.1:9"), null)),
          "GATEWAY_CLIENT is declared but gatewayClient() is null");
    }
    for (Capability live : List.of(Capability.TAGS, Capability.BACKUP, Capability.METRICS)) {
      if (caps.contains(live)) {
        assertTrue(caps.contains(Capability.GATEWAY_CLIENT), live + " works through the gateway client: "
            + "declare GATEWAY_CLIENT too");
      }
    }
  }

  private static void assertText(String field, String value) {
    assertNotNull(value, field);
    assertFalse(value.isBlank(), field + " is blank");
  }
}
