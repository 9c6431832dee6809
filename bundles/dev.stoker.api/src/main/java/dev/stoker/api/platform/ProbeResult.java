package dev.stoker.api.platform;

/**
 * Outcome of one probe.
 *
 * @param readiness what the probe saw
 * @param detail what the gateway said, for logs and the console
 */
public record ProbeResult(Readiness readiness, String detail) {
}
