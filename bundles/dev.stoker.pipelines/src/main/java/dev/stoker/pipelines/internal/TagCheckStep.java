package dev.stoker.pipelines.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stoker.api.common.InvalidInputException;
import dev.stoker.api.environment.Environment;
import dev.stoker.api.pipeline.PipelineStep;
import dev.stoker.api.pipeline.StepContext;
import dev.stoker.api.pipeline.StepDefinition;
import dev.stoker.api.pipeline.StepResult;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code tag-check}: reads a tag provider's export from the gateway and compares tag values: {@code tags} maps a
 * tag path ({@code Folder/Tag}) to the value expected (compared as text).
 */
final class TagCheckStep implements PipelineStep {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final StepServices services;

  TagCheckStep(StepServices services) {
    this.services = services;
  }

  @Override
  public String type() {
    return "tag-check";
  }

  @Override
  public void check(StepDefinition step) {
    Settings s = new Settings(step).only(Set.of("environment", "provider", "apiKeySecret", "tags"));
    if (s.map("tags").isEmpty()) {
      throw new InvalidInputException("with.tags", "required: tag path → expected value");
    }
    if (!s.text("provider", "default").matches("[A-Za-z0-9_ -]{1,100}")) {
      throw new InvalidInputException("with.provider", "not a tag provider name");
    }
  }

  @Override
  public StepResult run(StepContext context) throws Exception {
    Settings s = new Settings(context.step());
    Environment env = services.target(context, s);
    String provider = s.text("provider", "default");
    JsonNode root = services.gateways().with(env, s.text("apiKeySecret", null), context.actingUser(),
        (adapter, client, base) -> {
          try (InputStream in = client.exportTags(provider)) {
            return JSON.readTree(in.readNBytes(16 << 20));
          }
        });
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, Object> want : s.map("tags").entrySet()) {
      JsonNode tag = find(root, want.getKey().split("/"));
      String actual = tag == null || !tag.has("value") ? null : tag.get("value").isValueNode()
          ? tag.get("value").asText() : tag.get("value").toString();
      context.log(want.getKey() + " = " + actual);
      if (!String.valueOf(want.getValue()).equals(actual)) {
        problems.add(want.getKey() + " is " + actual + ", expected " + want.getValue());
      }
    }
    return problems.isEmpty() ? StepResult.succeeded(s.map("tags").size() + " tags as expected in " + provider)
        : StepResult.failed(String.join("; ", problems));
  }

  /** Walks {@code tags} arrays by name. */
  private static JsonNode find(JsonNode node, String[] path) {
    JsonNode at = node;
    for (String name : path) {
      JsonNode next = null;
      for (JsonNode child : at.path("tags")) {
        if (name.equals(child.path("name").asText())) {
          next = child;
          break;
        }
      }
      if (next == null) {
        return null;
      }
      at = next;
    }
    return at;
  }
}
