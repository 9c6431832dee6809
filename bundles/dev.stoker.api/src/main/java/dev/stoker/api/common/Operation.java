package dev.stoker.api.common;

import java.time.Instant;

/**
 * A long-running piece of work (provisioning, backup, import, pipeline step) that reports progress and
 * can be listed, awaited and cancelled. Progress updates are published as events and streamed to
 * clients as server-sent events.
 *
 * @param id operation id
 * @param kind what the operation does, e.g. {@code environment.create}
 * @param target id of the object it works on
 * @param status current status
 * @param step name of the current step
 * @param percent progress from 0 to 100
 * @param message human-readable detail (never a secret value)
 * @param startedBy user that started it
 * @param started when it was queued
 * @param finished when it ended, {@code null} while running
 */
public record Operation(String id, String kind, String target, OperationStatus status, @Nullable String step,
    int percent, @Nullable String message, String startedBy, Instant started, @Nullable Instant finished) {
}
