package dev.stoker.api.telemetry;

import java.time.Instant;

/**
 * A silence asked for; at least one of {@code rule} and {@code environment} is required.
 *
 * @param rule rule id, or {@code null} for any rule
 * @param environment target (environment or project id), or {@code null} for any
 * @param comment why (required)
 * @param startsAt start, default now
 * @param endsAt end (required), after the start and at most 90 days ahead
 */
public record SilenceSpec(String rule, String environment, String comment, Instant startsAt, Instant endsAt) {
}
