package dev.stoker.telemetry.internal;

import java.util.Locale;
import java.util.Map;

/**
 * Maps the platform adapters' metric names ({@code memory.used.bytes}) to Stoker's series names
 * ({@code stoker_gateway_memory_used_bytes}), with units in the Prometheus way (bytes, seconds, ratios).
 */
final class GatewayMetricNames {
  static final String UP = "stoker_gateway_up";
  private static final String PREFIX = "stoker_gateway_";
  private static final Map<String, String> KNOWN = Map.of(
      "cpu.usage", "stoker_gateway_cpu_ratio",
      "cpu.system.usage", "stoker_gateway_system_cpu_ratio",
      "cpu.processors", "stoker_gateway_cpu_processors",
      "threads", "stoker_gateway_threads",
      "container.cpu.usage", "stoker_gateway_container_cpu_ratio",
      "volume.usage", "stoker_gateway_volume_used_ratio");

  private GatewayMetricNames() {
  }

  /** @return the series name of an adapter metric; unknown names are kept, made safe */
  static String of(String adapterName) {
    String known = KNOWN.get(adapterName);
    if (known != null) {
      return known;
    }
    String safe = adapterName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    return PREFIX + (safe.length() > 150 ? safe.substring(0, 150) : safe);
  }

  /** @return a help text for a series */
  static String help(String series) {
    return switch (series) {
      case UP -> "1 when the gateway answered its last poll and reported itself ready, else 0";
      case "stoker_gateway_memory_used_bytes" -> "Heap memory the gateway's JVM uses";
      case "stoker_gateway_memory_max_bytes" -> "Largest heap the gateway's JVM may use";
      case "stoker_gateway_cpu_ratio" -> "CPU load of the gateway's process, 0 to 1";
      case "stoker_gateway_container_memory_used_bytes" -> "Memory the gateway's container uses (page cache "
          + "left out), as its runtime host reports it";
      case "stoker_gateway_container_memory_limit_bytes" -> "Memory limit of the gateway's container";
      case "stoker_gateway_container_cpu_ratio" -> "Share of the runtime host's CPU time the gateway's container "
          + "used, 0 to 1";
      case "stoker_gateway_volume_used_ratio" -> "How full the file system of the gateway's data volume is, 0 to 1";
      case "stoker_gateway_db_connection_up" -> "1 when the gateway's database connection is valid, else 0";
      case "stoker_gateway_db_connections_active" -> "Connections of a database connection's pool in use";
      case "stoker_gateway_db_connections_max" -> "Largest pool of a database connection";
      case "stoker_gateway_tag_provider_up" -> "1 when the gateway's tag provider is running, else 0";
      case "stoker_gateway_tag_provider_tags" -> "Tags of a tag provider";
      case "stoker_gateway_perspective_sessions" -> "Open Perspective sessions of the gateway";
      case "stoker_gateway_alarms" -> "The gateway's alarms by state";
      default -> "Gateway metric " + series.substring(PREFIX.length()) + " as its platform adapter reports it";
    };
  }
}
