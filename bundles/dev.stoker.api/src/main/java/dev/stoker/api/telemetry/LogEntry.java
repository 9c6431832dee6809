package dev.stoker.api.telemetry;

import java.time.Instant;

/**
 * One collected gateway log line.
 *
 * @param id stable id
 * @param environment environment id
 * @param stage the environment's stage (lower case), or empty
 * @param time when the gateway wrote it
 * @param level {@code trace}, {@code debug}, {@code info}, {@code warn} or {@code error}
 * @param logger the logger name as the gateway printed it, or empty
 * @param message the message (at most 4000 characters)
 * @since 1.1
 */
public record LogEntry(String id, String environment, String stage, Instant time, String level, String logger,
    String message) {
}
