package dev.stoker.environments.internal;

import dev.stoker.api.environment.Environment;
import dev.stoker.api.environment.EnvironmentState;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Turns rows into API records. */
final class Records {
  private Records() {
  }

  static Environment environment(EnvironmentEntity e, String publishedAddress) {
    Map<String, URI> endpoints = new LinkedHashMap<>();
    Specs.ports(e.portsJson).forEach((name, port) -> {
      if (port != null && port > 0) {
        String scheme = name.equals("https") ? "https" : name.equals("http") ? "http" : "tcp";
        endpoints.put(name, URI.create(scheme + "://" + publishedAddress + ":" + port));
      }
    });
    return new Environment(e.id, Specs.spec(e.specJson), EnvironmentState.valueOf(e.state), e.stateReason,
        e.runtimeHost, endpoints, e.createdBy, Instant.ofEpochMilli(e.createdAt), Instant.ofEpochMilli(e.updatedAt));
  }
}
