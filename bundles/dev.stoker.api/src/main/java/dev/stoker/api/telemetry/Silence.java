package dev.stoker.api.telemetry;

import dev.stoker.api.common.Nullable;
import java.time.Instant;

/**
 * Mutes the notifications of the alerts it matches between {@code startsAt} and {@code endsAt}; the alerts
 * still change state and are listed (marked silenced).
 *
 * @param id id
 * @param rule the rule id it matches, or {@code null} for any rule
 * @param environment the target (environment or project id) it matches, or {@code null} for any
 * @param comment why, for people
 * @param createdBy who created it
 * @param startsAt start, inclusive
 * @param endsAt end, exclusive
 */
public record Silence(String id, @Nullable String rule, @Nullable String environment, String comment,
    String createdBy, Instant startsAt, Instant endsAt) {
}
