package dev.stoker.api.telemetry;

import java.time.Instant;

/**
 * An alert about a gateway or about Stoker itself.
 *
 * @param id alert id
 * @param severity severity
 * @param source environment id or component name
 * @param message what is wrong
 * @param raised when it was raised
 * @param cleared when it cleared, or {@code null} while active
 */
public record Alert(String id, Severity severity, String source, String message, Instant raised,
    Instant cleared) {
}
