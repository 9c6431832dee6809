package dev.stoker.api.pipeline;

import dev.stoker.api.common.Nullable;

/**
 * A project's pipeline file as stored, with what it parses to.
 *
 * @param project the project
 * @param commit the commit the file was read at
 * @param yaml the file's text (the default pipeline's when the project has none yet)
 * @param definition the parsed definition
 * @param stored whether the project holds the file (false: the default is shown)
 */
public record PipelineFile(String project, @Nullable String commit, String yaml,
    @Nullable PipelineDefinition definition, boolean stored) {
}
