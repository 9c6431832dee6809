package dev.stoker.environments.internal;

import dev.stoker.api.common.PageRequest;
import dev.stoker.api.environment.Environment;
import dev.stoker.api.environment.EnvironmentService;
import dev.stoker.api.environment.EnvironmentState;
import dev.stoker.api.environment.LifecycleAction;
import dev.stoker.api.event.EventTopics;
import dev.stoker.api.platform.PlatformAdapter;
import dev.stoker.api.platform.PlatformRegistry;
import dev.stoker.api.platform.SecretFile;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a new secret value reaches running environments. An environment labelled
 * {@value #LABEL}{@code =restart} is restarted when a secret it uses gets a new value (rotated, written or
 * rolled back) in a scope of its chain (workspace, its stage, itself); the restart takes a new lease, so the
 * gateway reads the new value from its {@code _FILE}. Without the label (policy {@code next-start}) the new
 * value is read at the next start.
 */
@Component(service = EventHandler.class, property = EventConstants.EVENT_TOPIC + "=" + EventTopics.SECRET)
public class SecretRotationPolicy implements EventHandler {
  static final String LABEL = "stoker.secret-rotation";
  static final String ACTOR = "system:secret-rotation";
  private static final Logger LOG = LoggerFactory.getLogger(SecretRotationPolicy.class);
  private static final Set<String> NEW_VALUE = Set.of("rotated", "written", "rolled-back");

  private final EnvironmentService environments;
  private final PlatformRegistry platforms;

  @Activate
  public SecretRotationPolicy(@Reference EnvironmentService environments, @Reference PlatformRegistry platforms) {
    this.environments = environments;
    this.platforms = platforms;
  }

  @Override
  public void handleEvent(Event event) {
    Object kind = event.getProperty("kind");
    Object path = event.getProperty("path");
    Object scope = event.getProperty("scope");
    if (!(kind instanceof String k) || !NEW_VALUE.contains(k) || !(path instanceof String p)
        || !(scope instanceof String s)) {
      return;
    }
    for (String id : affected(p, s)) {
      try {
        environments.change(id, LifecycleAction.RESTART, ACTOR);
        LOG.info("Restarting environment {}: secret {} got a new value ({})", id, s + ":" + p, k);
      } catch (RuntimeException e) {
        LOG.warn("Could not restart environment {} after secret {} changed: {}", id, p, e.getMessage());
      }
    }
  }

  /** @return ids of the running environments with the restart policy that use the secret */
  List<String> affected(String path, String scope) {
    List<String> ids = new java.util.ArrayList<>();
    int offset = 0;
    while (true) {
      var page = environments.list(new PageRequest(offset, PageRequest.MAX_LIMIT));
      for (Environment env : page.items()) {
        if (env.state() == EnvironmentState.RUNNING && "restart".equals(env.spec().labels().get(LABEL))
            && inChain(env, scope) && uses(env).contains(path)) {
          ids.add(env.id());
        }
      }
      if (!page.hasMore()) {
        return ids;
      }
      offset += page.items().size();
    }
  }

  private static boolean inChain(Environment env, String scope) {
    String stage = env.spec().stage() == null ? null : env.spec().stage().name().toLowerCase(Locale.ROOT);
    return scope.equals("workspace") || scope.equals("environment:" + env.id())
        || (stage != null && scope.equals("stage:" + stage));
  }

  /** The secret paths an environment reads: those it was given and those its platform asks for. */
  private Set<String> uses(Environment env) {
    Set<String> paths = new HashSet<>(env.spec().secrets().values());
    PlatformAdapter adapter = platforms.find(env.spec().platform()).orElse(null);
    if (adapter != null) {
      try {
        adapter.runtimeProfile(env.spec()).secretFiles().stream().map(SecretFile::secretPath).forEach(paths::add);
      } catch (RuntimeException e) {
        LOG.debug("No runtime profile for {}: {}", env.id(), e.getMessage());
      }
    }
    return paths;
  }
}
