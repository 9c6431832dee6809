package dev.stoker.environments.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.stoker.api.environment.ArtifactRef;
import dev.stoker.api.environment.EnvironmentSpec;
import java.util.List;
import java.util.Map;

/** JSON form of specs and port maps as stored in the database. */
final class Specs {
  static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
  private static final TypeReference<Map<String, Integer>> PORTS = new TypeReference<>() {
  };
  private static final TypeReference<Map<String, String>> PARAMS = new TypeReference<>() {
  };

  private Specs() {
  }

  static String write(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static EnvironmentSpec spec(String json) {
    try {
      return JSON.readValue(json, EnvironmentSpec.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored spec unreadable: " + e.getOriginalMessage(), e);
    }
  }

  /** @return operation parameters; empty for {@code null} */
  static Map<String, String> params(String json) {
    if (json == null || json.isBlank()) {
      return Map.of();
    }
    try {
      return JSON.readValue(json, PARAMS);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored operation parameters unreadable", e);
    }
  }

  /** @return the spec with another version, image and backup to restore at start */
  static EnvironmentSpec with(EnvironmentSpec s, String version, String image, ArtifactRef restore) {
    return new EnvironmentSpec(s.name(), s.platform(), version, image, s.stage(), s.modules(), s.jdbcDrivers(),
        s.secrets(), restore, s.ports(), s.limits(), s.ttl(), s.idleTimeout(), s.labels(), s.host());
  }

  /** @return the spec with its overlays named as they will be laid */
  static EnvironmentSpec withOverlays(EnvironmentSpec s, List<ArtifactRef> modules, List<ArtifactRef> drivers,
      ArtifactRef restore) {
    return new EnvironmentSpec(s.name(), s.platform(), s.version(), s.image(), s.stage(), modules, drivers,
        s.secrets(), restore, s.ports(), s.limits(), s.ttl(), s.idleTimeout(), s.labels(), s.host());
  }

  static Map<String, Integer> ports(String json) {
    try {
      return JSON.readValue(json, PORTS);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored ports unreadable", e);
    }
  }
}
