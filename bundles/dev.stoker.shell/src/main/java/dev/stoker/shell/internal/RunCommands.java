package dev.stoker.shell.internal;

import dev.stoker.api.common.PageRequest;
import dev.stoker.api.pipeline.PipelineError;
import dev.stoker.api.pipeline.PipelineService;
import dev.stoker.api.pipeline.Run;
import dev.stoker.api.pipeline.StageRun;
import dev.stoker.api.pipeline.StepRun;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.table.ShellTable;

/**
 * Shell commands for pipelines and their runs. Approvals are not among them: an approval is a person's
 * decision (separation of duties), given in the console or through the API. Failures are thrown
 * ({@link StokerCommand}).
 */
public final class RunCommands {
  private RunCommands() {
  }

  /** {@code stoker:run-start}. */
  @Service
  @Command(scope = "stoker", name = "run-start", description = "Starts a run of a project's pipeline")
  public static class Start extends StokerCommand {
    @Reference
    PipelineService pipelines;
    @Reference
    Session session;
    @Argument(index = 0, name = "project", required = true, description = "Project name")
    String project;
    @Option(name = "--rev", description = "Branch, tag or commit (default: the default branch)")
    String rev;
    @Option(name = "--reason", description = "Why (shown and audited)")
    String reason;

    @Override
    protected Object run() {
      Run r = pipelines.start(project, rev, reason, actor(session));
      System.out.println("Started run " + r.id() + " of " + r.project() + " at " + r.commit().substring(0, 12));
      return null;
    }
  }

  /** {@code stoker:run-list}. */
  @Service
  @Command(scope = "stoker", name = "run-list", description = "Lists pipeline runs, newest first")
  public static class ListRuns extends StokerCommand {
    @Reference
    PipelineService pipelines;
    @Option(name = "--project", description = "Only this project's runs")
    String project;
    @Option(name = "--offset", description = "Skip this many")
    int offset;
    @Option(name = "--limit", description = "Show at most this many (default 20)")
    int limit = 20;

    @Override
    protected Object run() {
      ShellTable table = new ShellTable();
      for (String c : new String[] {"Id", "Project", "Status", "Commit", "Release", "Started by", "Created"}) {
        table.column(c);
      }
      var page = pipelines.runs(project, new PageRequest(offset, limit));
      for (Run r : page.items()) {
        table.addRow().addContent(r.id(), r.project(), r.status(), r.commit().substring(0, 12),
            r.release() == null ? "" : r.release(), r.startedBy(), r.createdAt());
      }
      table.print(System.out);
      System.out.println(page.items().size() + " of " + page.total());
      return null;
    }
  }

  /** {@code stoker:run-show}. */
  @Service
  @Command(scope = "stoker", name = "run-show", description = "Shows a run: its stages, steps and approvals")
  public static class Show extends StokerCommand {
    @Reference
    PipelineService pipelines;
    @Argument(index = 0, name = "run", required = true, description = "Run id")
    String id;

    @Override
    protected Object run() throws Exception {
      Run r = pipelines.run(id).orElseThrow(() -> failure("run '" + id + "' not found"));
      System.out.println("Run " + r.id() + " of " + r.project() + ": " + r.status());
      System.out.println("  revision " + r.revision() + " (" + r.commit() + ")"
          + (r.release() == null ? "" : ", release " + r.release() + " sha256 " + r.artifactDigest()));
      System.out.println("  started by " + r.startedBy() + (r.reason() == null ? "" : ": " + r.reason()));
      for (StageRun s : r.stages()) {
        System.out.println("  stage " + s.name() + (s.environment() == null ? "" : " -> " + s.environment()) + ": "
            + s.status());
        for (StepRun step : s.steps()) {
          System.out.println("    " + step.name() + " (" + step.type() + ") " + step.status()
              + (step.summary() == null ? "" : ": " + step.summary()));
        }
      }
      r.approvals().forEach(a -> System.out.println("  " + a.decision() + " of " + a.stage() + " by " + a.user()
          + " at " + a.at() + (a.comment() == null ? "" : ": " + a.comment())));
      return null;
    }
  }

  /** {@code stoker:run-log}. */
  @Service
  @Command(scope = "stoker", name = "run-log", description = "Prints a step's log")
  public static class Log extends StokerCommand {
    @Reference
    PipelineService pipelines;
    @Argument(index = 0, name = "run", required = true, description = "Run id")
    String id;
    @Argument(index = 1, name = "step", required = true, description = "Step name")
    String step;

    @Override
    protected Object run() {
      System.out.print(pipelines.log(id, step, 256 * 1024));
      return null;
    }
  }

  /** {@code stoker:run-cancel}. */
  @Service
  @Command(scope = "stoker", name = "run-cancel", description = "Cancels a run")
  public static class Cancel extends StokerCommand {
    @Reference
    PipelineService pipelines;
    @Reference
    Session session;
    @Argument(index = 0, name = "run", required = true, description = "Run id")
    String id;

    @Override
    protected Object run() {
      pipelines.cancel(id, actor(session));
      System.out.println("Cancelling run " + id);
      return null;
    }
  }

  /** {@code stoker:run-retry}. */
  @Service
  @Command(scope = "stoker", name = "run-retry", description = "Runs a failed or cancelled run again from its "
      + "first stage that did not succeed")
  public static class Retry extends StokerCommand {
    @Reference
    PipelineService pipelines;
    @Reference
    Session session;
    @Argument(index = 0, name = "run", required = true, description = "Run id")
    String id;

    @Override
    protected Object run() {
      Run r = pipelines.retry(id, actor(session));
      System.out.println("Retrying run " + r.id() + ": " + r.status());
      return null;
    }
  }

  /** {@code stoker:pipeline-validate}. */
  @Service
  @Command(scope = "stoker", name = "pipeline-validate", description = "Checks a pipeline file; prints every "
      + "error with its field and line")
  public static class Validate extends StokerCommand {
    @Reference
    PipelineService pipelines;
    @Argument(index = 0, name = "file", required = true, description = "A pipeline YAML file")
    String file;

    @Override
    protected Object run() throws Exception {
      List<PipelineError> errors = pipelines.problems(Files.readString(Path.of(file), StandardCharsets.UTF_8));
      if (errors.isEmpty()) {
        System.out.println(file + ": valid");
        return null;
      }
      throw failure(String.join("\n", errors.stream().map(e -> file + ":" + e.line() + ":" + e.column() + ": "
          + e.field() + ": " + e.message()).toList()));
    }
  }
}
