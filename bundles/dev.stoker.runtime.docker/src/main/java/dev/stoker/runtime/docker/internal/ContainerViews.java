package dev.stoker.runtime.docker.internal;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerPort;
import com.github.dockerjava.api.model.Ports;
import dev.stoker.api.runtime.ContainerInfo;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads docker-java's container models into Stoker's records. Where a port is published on both IPv4 and IPv6,
 * the IPv4 binding wins: that is the one Stoker publishes and reaches.
 */
final class ContainerViews {
  private ContainerViews() {
  }

  /** @return a listed container as {@link ContainerInfo} */
  static ContainerInfo info(Container c) {
    return new ContainerInfo(c.getId(), name(c.getNames()), c.getImage(), "running".equals(c.getState()),
        ports(c.getPorts()), c.getLabels() == null ? Map.of() : c.getLabels());
  }

  /** @return an inspected container as {@link ContainerStatus} */
  static ContainerStatus status(InspectContainerResponse r) {
    InspectContainerResponse.ContainerState s = r.getState();
    boolean running = s != null && Boolean.TRUE.equals(s.getRunning());
    String status = s == null || s.getStatus() == null ? "unknown" : s.getStatus();
    Integer exit = s == null || s.getExitCodeLong() == null || running || "created".equals(status) ? null
        : s.getExitCodeLong().intValue();
    Map<Integer, Integer> ports = new HashMap<>();
    if (r.getNetworkSettings() != null && r.getNetworkSettings().getPorts() != null) {
      r.getNetworkSettings().getPorts().getBindings().forEach((port, bound) -> {
        if (bound != null) {
          for (Ports.Binding b : bound) {
            Integer hostPort = parsePort(b.getHostPortSpec());
            if (hostPort != null && (!ports.containsKey(port.getPort()) || isIpv4(b.getHostIp()))) {
              ports.put(port.getPort(), hostPort);
            }
          }
        }
      });
    }
    Map<String, String> labels = r.getConfig() == null || r.getConfig().getLabels() == null ? Map.of()
        : r.getConfig().getLabels();
    return new ContainerStatus(r.getId(), strip(r.getName()), r.getConfig() == null ? null
        : r.getConfig().getImage(), running, status, exit, s != null && Boolean.TRUE.equals(s.getOOMKilled()),
        s == null || s.getError() == null ? "" : s.getError(), instant(s == null ? null : s.getStartedAt()),
        instant(s == null ? null : s.getFinishedAt()), ports, labels);
  }

  private static Map<Integer, Integer> ports(ContainerPort[] ports) {
    Map<Integer, Integer> out = new HashMap<>();
    if (ports == null) {
      return out;
    }
    for (ContainerPort p : ports) {
      if (p.getPrivatePort() != null && p.getPublicPort() != null
          && (!out.containsKey(p.getPrivatePort()) || isIpv4(p.getIp()))) {
        out.put(p.getPrivatePort(), p.getPublicPort());
      }
    }
    return out;
  }

  private static boolean isIpv4(String ip) {
    return ip != null && !ip.contains(":");
  }

  private static Integer parsePort(String spec) {
    if (spec == null || spec.isBlank()) {
      return null;
    }
    try {
      return Integer.parseInt(spec.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String name(String[] names) {
    return names == null || names.length == 0 ? "" : strip(names[0]);
  }

  private static String strip(String name) {
    return name != null && name.startsWith("/") ? name.substring(1) : name;
  }

  private static Instant instant(String s) {
    if (s == null || s.isBlank() || s.startsWith("0001-01-01")) {
      return null;
    }
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
