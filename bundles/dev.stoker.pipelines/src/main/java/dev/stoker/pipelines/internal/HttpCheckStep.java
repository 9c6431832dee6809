package dev.stoker.pipelines.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stoker.api.common.InvalidInputException;
import dev.stoker.api.environment.Environment;
import dev.stoker.api.pipeline.PipelineStep;
import dev.stoker.api.pipeline.StepContext;
import dev.stoker.api.pipeline.StepDefinition;
import dev.stoker.api.pipeline.StepResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code http-check}: one request to a path of the environment's gateway; the status must be {@code status}
 * (default 200) and every JSON pointer in {@code json} must hold the given value (compared as text).
 */
final class HttpCheckStep implements PipelineStep {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final StepServices services;

  HttpCheckStep(StepServices services) {
    this.services = services;
  }

  @Override
  public String type() {
    return "http-check";
  }

  @Override
  public void check(StepDefinition step) {
    Settings s = new Settings(step).only(Set.of("environment", "method", "path", "status", "json"));
    if (s.text("path", null) == null) {
      throw new InvalidInputException("with.path", "required, e.g. /StatusPing");
    }
    Settings.gatewayPath("with.path", s.text("path", null));
    if (!List.of("GET", "HEAD").contains(s.text("method", "GET"))) {
      throw new InvalidInputException("with.method", "GET or HEAD (checks do not change the gateway)");
    }
    s.number("status", 200, 100, 599);
    for (String pointer : s.map("json").keySet()) {
      if (!pointer.startsWith("/")) {
        throw new InvalidInputException("with.json", "'" + pointer + "' is not a JSON pointer (starts with /)");
      }
    }
  }

  @Override
  public StepResult run(StepContext context) throws Exception {
    Settings s = new Settings(context.step());
    Environment env = services.target(context, s);
    String path = Settings.gatewayPath("with.path", s.text("path", null));
    String method = s.text("method", "GET");
    java.net.URI base = env.endpoints().get("http");
    if (base == null) {
      return StepResult.failed("environment " + env.spec().name() + " publishes no http endpoint");
    }
    GatewayHttp.Answer a = GatewayHttp.call(base, method, path);
    context.log(method + " " + path + " -> " + a.status());
    long expected = s.number("status", 200, 100, 599);
    List<String> problems = new ArrayList<>();
    if (a.status() != expected) {
      problems.add("status " + a.status() + ", expected " + expected);
    }
    Map<String, Object> json = s.map("json");
    if (!json.isEmpty()) {
      JsonNode doc;
      try {
        doc = JSON.readTree(a.body());
      } catch (java.io.IOException e) {
        return StepResult.failed(method + " " + path + ": the answer is not JSON");
      }
      for (Map.Entry<String, Object> check : json.entrySet()) {
        JsonNode at = doc.at(check.getKey());
        String actual = at.isMissingNode() ? null : at.isValueNode() ? at.asText() : at.toString();
        if (!String.valueOf(check.getValue()).equals(actual)) {
          problems.add(check.getKey() + " is " + actual + ", expected " + check.getValue());
        }
      }
    }
    return problems.isEmpty() ? StepResult.succeeded(method + " " + path + " answered " + a.status()
        + (json.isEmpty() ? "" : ", " + json.size() + " values as expected"))
        : StepResult.failed(method + " " + path + ": " + String.join("; ", problems));
  }
}
