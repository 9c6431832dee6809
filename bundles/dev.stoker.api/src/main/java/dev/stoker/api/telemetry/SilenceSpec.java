package dev.stoker.api.telemetry;

import dev.stoker.api.common.Nullable;
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
public record SilenceSpec(@Nullable String rule, @Nullable String environment, String comment,
    @Nullable Instant startsAt, Instant endsAt) {
}
