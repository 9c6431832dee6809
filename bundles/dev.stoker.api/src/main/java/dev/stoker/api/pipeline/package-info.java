/**
 * Pipelines and promotion: the pipeline definition kept with each project ({@code stoker/pipeline.yaml}), the
 * {@link dev.stoker.api.pipeline.PipelineService} that runs it, the records of runs, approvals and
 * deployments, and two SPIs for bundles that contribute work: {@link dev.stoker.api.pipeline.PipelineStep}
 * (a step type) and {@link dev.stoker.api.pipeline.ProjectCheck} (a platform's checks of a project, run by the
 * {@code validate} step).
 */
@Version("1.1.0")
@Export
package dev.stoker.api.pipeline;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
