package dev.stoker.adapter.ignition.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stoker.api.platform.GatewayClient;
import dev.stoker.api.platform.GatewayEndpoint;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Tag export and import on Ignition 8.1 through the tag CI/CD module, against the emulated gateway. */
class Ignition81TagsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TAGS = "{\"name\":\"\",\"tagType\":\"Provider\",\"tags\":[{\"name\":\"Line1\","
      + "\"tagType\":\"Folder\",\"tags\":[{\"name\":\"Speed\",\"tagType\":\"AtomicTag\",\"valueSource\":\"memory\","
      + "\"dataType\":\"Int4\",\"value\":42}]}]}";

  private final IgnitionAdapter adapter = new IgnitionAdapter(IgnitionAdapterTest.settings(Map.of()), "1");
  @RegisterExtension
  final EmulatedGateways gateways = new EmulatedGateways();

  @TempDir
  Path install;

  private GatewayClient start(Map<String, String> extra, String version) {
    // no API key, no version: the client finds 8.1 through /system/gwinfo, as for an environment it does not run
    return adapter.gatewayClient(new GatewayEndpoint(gateways.run(install, extra, version), null));
  }

  @Test
  void tagsRoundTripThroughTheModuleWithTheGatewaysCollisionPolicies() throws IOException {
    GatewayClient client = start(Map.of(), "8.1.44");
    client.importTags("default", utf8(TAGS), "Abort");
    assertEquals(42, speed(client));

    IOException abort = assertThrows(IOException.class,
        () -> client.importTags("default", utf8(TAGS.replace("42", "7")), "Abort"));
    assertTrue(abort.getMessage().contains("refused 1 of 1 tags ([default]Line1/Speed: Bad_Failure)"),
        abort.getMessage());
    assertEquals(42, speed(client), "the colliding tag was kept");

    client.importTags("default", utf8(TAGS.replace("42", "7")), "Overwrite");
    assertEquals(7, speed(client));
    client.importTags("default", utf8(TAGS.replace("42", "9")), "MergeOverwrite");
    assertEquals(9, speed(client));
  }

  @Test
  void withoutTheModuleTheCallsNameIt() {
    GatewayClient client = start(Map.of("EMULATOR_TAG_CICD_MODULE", "off"), "8.1.44");
    for (org.junit.jupiter.api.function.Executable call : java.util.List.<org.junit.jupiter.api.function.Executable>of(
        () -> client.exportTags("default"), () -> client.importTags("default", utf8(TAGS), "Overwrite"))) {
      IOException e = assertThrows(IOException.class, call);
      assertTrue(e.getMessage().contains("design-group/ignition-tag-cicd-module"), e.getMessage());
      assertTrue(e.getMessage().contains("404"), e.getMessage());
    }
  }

  @Test
  void aFailingImportReportsTheStatusNotTheGatewaysText() {
    GatewayClient client = start(Map.of(), "8.1.44");
    IOException e = assertThrows(IOException.class, () -> client.importTags("default", utf8("[1,2]"), "Overwrite"));
    assertTrue(e.getMessage().contains("HTTP 500"), e.getMessage());
  }

  private static int speed(GatewayClient client) throws IOException {
    try (InputStream in = client.exportTags("default")) {
      JsonNode doc = JSON.readTree(in);
      assertEquals("Provider", doc.get("tagType").asText());
      return doc.at("/tags/0/tags/0/value").asInt();
    }
  }

  private static InputStream utf8(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }
}
