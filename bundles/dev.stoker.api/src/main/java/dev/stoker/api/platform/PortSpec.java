package dev.stoker.api.platform;

/**
 * A port a gateway container listens on.
 *
 * @param name role of the port, e.g. {@code http}, {@code https}, {@code opcua}
 * @param containerPort port inside the container
 * @param protocol {@code tcp} or {@code udp}
 */
public record PortSpec(String name, int containerPort, String protocol) {
}
