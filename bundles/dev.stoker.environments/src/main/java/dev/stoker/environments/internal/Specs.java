package dev.stoker.environments.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.stoker.api.environment.EnvironmentSpec;
import java.util.Map;

/** JSON form of specs and port maps as stored in the database. */
final class Specs {
  private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
  private static final TypeReference<Map<String, Integer>> PORTS = new TypeReference<>() {
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

  static Map<String, Integer> ports(String json) {
    try {
      return JSON.readValue(json, PORTS);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored ports unreadable", e);
    }
  }
}
