package dev.stoker.api.pipeline;

import dev.stoker.api.common.Nullable;

/**
 * One error of a pipeline file.
 *
 * @param field the field as a path, e.g. {@code stages[1].steps[0].type}
 * @param line 1-based line, 0 when unknown
 * @param column 1-based column, 0 when unknown
 * @param message what is wrong
 */
public record PipelineError(@Nullable String field, int line, int column, String message) {
}
