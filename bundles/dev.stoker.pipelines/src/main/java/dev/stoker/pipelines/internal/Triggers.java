package dev.stoker.pipelines.internal;

import dev.stoker.api.common.Page;
import dev.stoker.api.common.PageRequest;
import dev.stoker.api.event.EventProperties;
import dev.stoker.api.event.EventTopics;
import dev.stoker.api.pipeline.PipelineDefinition;
import dev.stoker.api.pipeline.PipelineFile;
import dev.stoker.api.pipeline.PipelineService;
import dev.stoker.api.repository.ProjectInfo;
import dev.stoker.api.repository.RepositoryService;
import dev.stoker.api.repository.Revision;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts runs without a person asking: a new revision on a branch the pipeline file lists under
 * {@code triggers.branches} (an import, a merge, a pull from the mirror, a pipeline edit), and the
 * {@code triggers.schedule} of the default branch's pipeline file (checked every minute, UTC).
 *
 * <p>A triggered run acts for the person who made the change (a scheduled one for the author of the branch's
 * head), never for Stoker itself: stage rules and approvals hold as if that person had started it. Changes made
 * by Stoker's own tasks ({@code system}) start nothing.
 */
@Component(immediate = true, property = "event.topics=" + EventTopics.REPOSITORY)
public class Triggers implements EventHandler {
  private static final Logger LOG = LoggerFactory.getLogger(Triggers.class);
  private final PipelineService pipelines;
  private final RepositoryService repository;
  private final Map<String, Instant> lastScheduled = new ConcurrentHashMap<>();
  private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "stoker-pipeline-schedule");
    t.setDaemon(true);
    return t;
  });

  @Activate
  public Triggers(@Reference PipelineService pipelines, @Reference RepositoryService repository) {
    this.pipelines = pipelines;
    this.repository = repository;
    long toNextMinute = 60_000 - System.currentTimeMillis() % 60_000;
    clock.scheduleAtFixedRate(this::schedules, toNextMinute + 1000, 60_000, TimeUnit.MILLISECONDS);
  }

  @Deactivate
  void close() {
    clock.shutdownNow();
  }

  @Override
  public void handleEvent(Event event) {
    if (!"revision".equals(event.getProperty(EventProperties.CHANGE))) {
      return;
    }
    String project = (String) event.getProperty(EventProperties.TARGET);
    String branch = (String) event.getProperty("branch");
    String revision = (String) event.getProperty("revision");
    String actor = (String) event.getProperty(EventProperties.ACTOR);
    if (project == null || branch == null || revision == null || !isPerson(actor)) {
      return;
    }
    try {
      PipelineFile file = pipelines.pipeline(project, revision);
      PipelineDefinition d = file.definition();
      if (file.stored() && d != null && d.triggers().branches().contains(branch)) {
        pipelines.start(project, revision, "new revision on " + branch, actor);
        LOG.info("Started a pipeline run of {} for {} on {}", project, actor, branch);
      }
    } catch (RuntimeException e) {
      LOG.warn("Could not trigger a pipeline run of {} on {}: {}", project, branch, e.getMessage());
    }
  }

  private void schedules() {
    ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES);
    try {
      int offset = 0;
      Page<ProjectInfo> page;
      do {
        page = repository.list(new PageRequest(offset, PageRequest.MAX_LIMIT));
        page.items().forEach(p -> schedule(p, now));
        offset += page.items().size();
      } while (page.hasMore());
    } catch (RuntimeException e) {
      LOG.warn("Scheduled pipeline runs not checked: {}", e.getMessage());
    }
  }

  private void schedule(ProjectInfo project, ZonedDateTime now) {
    try {
      if (project.head() == null) {
        return;
      }
      PipelineFile file = pipelines.pipeline(project.name(), null);
      String cron = file.definition() == null ? null : file.definition().triggers().schedule();
      if (!file.stored() || cron == null || !Windows.matches(cron, now)
          || now.toInstant().equals(lastScheduled.put(project.name(), now.toInstant()))) {
        return;
      }
      String author = repository.log(project.name(), null, new PageRequest(0, 1)).items().stream().findFirst()
          .map(Revision::author).orElse(null);
      if (!isPerson(author)) {
        return;
      }
      pipelines.start(project.name(), null, "schedule " + cron, author);
    } catch (RuntimeException e) {
      LOG.warn("Scheduled run of {} not started: {}", project.name(), e.getMessage());
    }
  }

  static boolean isPerson(String actor) {
    return actor != null && !actor.isBlank() && !actor.equals("system") && !actor.startsWith("system:");
  }
}
