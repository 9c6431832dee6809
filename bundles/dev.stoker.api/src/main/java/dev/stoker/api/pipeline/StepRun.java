package dev.stoker.api.pipeline;

import dev.stoker.api.common.Nullable;
import java.time.Instant;

/**
 * One step of a run.
 *
 * @param name as declared
 * @param type step type
 * @param status where it stands
 * @param startedAt when it first started, or {@code null}
 * @param endedAt when it ended, or {@code null}
 * @param summary one line on its result, or {@code null}
 * @param attempts how many times it started (a retry or a resume adds one)
 */
public record StepRun(String name, String type, StepStatus status, @Nullable Instant startedAt,
    @Nullable Instant endedAt, @Nullable String summary, int attempts) {
}
