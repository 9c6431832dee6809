package dev.stoker.pipelines.internal;

import dev.stoker.api.common.Page;
import dev.stoker.api.common.PageRequest;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts runs on the {@code triggers.schedule} of the default branch's pipeline file (checked every minute,
 * UTC). Runs on a new revision of a branch listed under {@code triggers.branches} are started by the Camel route
 * {@code pipeline-triggers} of the integrations bundle, through {@link PipelineService#triggerOnRevision}.
 *
 * <p>A scheduled run acts for the author of the branch's head, never for Stoker itself: stage rules and
 * approvals hold as if that person had started it. Heads made by Stoker's own tasks ({@code system}) start
 * nothing.
 */
@Component(immediate = true)
public class Triggers {
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
