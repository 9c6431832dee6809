package dev.stoker.environments.internal;

import dev.stoker.api.common.ForbiddenException;
import dev.stoker.api.common.InvalidInputException;
import dev.stoker.api.environment.Artifact;
import dev.stoker.api.environment.Stage;
import dev.stoker.api.platform.PlatformAdapter;
import dev.stoker.api.platform.PlatformVersion;
import dev.stoker.api.secrets.ScopeLevel;
import dev.stoker.api.secrets.SecretScope;
import dev.stoker.api.secrets.Scopes;
import dev.stoker.api.security.Role;
import dev.stoker.api.security.StageAction;
import dev.stoker.api.security.StagePolicy;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The stage rules as the environments apply them, before anything is recorded: who may change an environment
 * of a stage, use secrets there (also a secret Stoker reveals on their behalf), lay uploaded modules or drivers,
 * and which images may run there. Refusals are 403 naming the stage (or 400 naming {@code image}).
 */
final class StageGate {
  private final StagePolicy policy;
  private final EnvironmentStore store;

  StageGate(StagePolicy policy, EnvironmentStore store) {
    this.policy = policy;
    this.store = store;
  }

  void check(String actor, Stage stage, StageAction action) {
    policy.check(actor, stage, action);
  }

  /** Checks an action for an environment labelled with a project: the actor's role on that project's stage. */
  void check(String actor, java.util.Map<String, String> labels, Stage stage, StageAction action) {
    policy.check(actor, projectOf(labels), stage, action);
  }

  /** The label that ties an environment to a project, whose bindings then apply to it. */
  static final String PROJECT_LABEL = "project";

  /** Checks an action on an existing environment, by its stage. */
  void environment(String actor, String environmentId, StageAction action) {
    policy.check(actor, stageOf(store.load(environmentId)), action);
  }

  static Stage stageOf(EnvironmentEntity env) {
    return Stage.valueOf(env.stage.toUpperCase(Locale.ROOT));
  }

  /** @return the project an environment is labelled with, or {@code null} */
  static String projectOf(EnvironmentEntity env) {
    return projectOf(Specs.spec(env.specJson).labels());
  }

  private static String projectOf(java.util.Map<String, String> labels) {
    String project = labels.get(PROJECT_LABEL);
    return project == null || project.isBlank() ? null : project;
  }

  /**
   * The entry of uploaded content that the actor may use for work Stoker does on their behalf (an overlay, a
   * restore): the one for everyone, else one of a project where the actor is engineer or higher.
   *
   * @param entries the content's entries ({@link Artifacts#entries}), the one for everyone first
   * @param field the request field that names the content
   * @return the entry to use; empty when there is none the actor may see (answered as content not stored)
   * @throws ForbiddenException naming the project when the actor sees an entry but is below engineer there
   */
  java.util.Optional<Artifact> usable(String actor, java.util.List<Artifact> entries, String field) {
    Artifact seen = null;
    Role seenAs = null;
    for (Artifact a : entries) {
      if (a.project() == null) {
        return java.util.Optional.of(a);
      }
      java.util.Optional<Role> role = policy.roleOn(actor, a.project(), null);
      if (role.isPresent() && role.get().includes(Role.ENGINEER)) {
        return java.util.Optional.of(a);
      }
      if (role.isPresent() && seen == null) {
        seen = a;
        seenAs = role.get();
      }
    }
    if (seen != null) {
      throw new ForbiddenException(field + ": artifact " + seen.sha256().substring(0, 12) + " belongs to project '"
          + seen.project() + "', where using it needs the engineer role (you are " + seenAs.id() + ")");
    }
    return java.util.Optional.empty();
  }

  /**
   * A backup belongs to the environment it was taken of: restoring it into another environment needs the
   * rights on both, on the other's project too (the backup may carry the other environment's configuration and
   * credentials).
   *
   * @param backup a backup id or the sha256 of its content
   */
  void backupSource(String actor, String targetId, String backup) {
    if (backup == null || backup.isBlank()) {
      return;
    }
    String ref = backup.strip();
    java.util.List<String> owners = store.tx().read(em -> em.createQuery(
        "SELECT DISTINCT b.environmentId FROM BackupEntity b WHERE b.id = :r OR b.sha256 = :r", String.class)
        .setParameter("r", ref).getResultList());
    for (String owner : owners) {
      if (!owner.equals(targetId)) {
        store.find(owner).ifPresent(other -> policy.check(actor, projectOf(other), stageOf(other),
            StageAction.CHANGE_ENVIRONMENT));
      }
    }
  }

  /**
   * A secret named by reference ({@code scope:path}) for use on a stage: the actor may use secrets on the
   * stage, and on the stage the secret's own scope belongs to when that is another one.
   */
  void secretReference(String actor, Stage stage, String field, String reference) {
    check(actor, stage, StageAction.USE_SECRET);
    int colon = reference.lastIndexOf(':');
    if (colon <= 0) {
      return; // malformed references are refused by the secret check, naming the field
    }
    SecretScope scope;
    try {
      scope = Scopes.parse(reference.substring(0, colon));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(field, e.getMessage());
    }
    if (scope.level() == ScopeLevel.STAGE) {
      Stage owner;
      try {
        owner = Stage.valueOf(scope.id().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new InvalidInputException(field, "'" + scope.id() + "' is not a stage");
      }
      check(actor, owner, StageAction.USE_SECRET);
    } else if (scope.level() == ScopeLevel.ENVIRONMENT) {
      store.find(scope.id()).ifPresent(other -> check(actor, stageOf(other), StageAction.USE_SECRET));
    }
  }

  /**
   * An image for a platform on a stage: with an admin allow-list for the stage, its repository must be on
   * it; without one, an image the request names must come from the adapter's own repositories (the image
   * the adapter picks itself is always its own).
   */
  void image(PlatformAdapter adapter, Stage stage, String requested, String image, String field) {
    String platform = adapter.descriptor().id();
    Set<String> allowed = policy.allowedImages(platform, stage);
    boolean explicit = requested != null && !requested.isBlank();
    if (allowed.isEmpty()) {
      if (!explicit) {
        return;
      }
      allowed = new TreeSet<>();
      for (PlatformVersion v : adapter.descriptor().versions()) {
        allowed.add(repository(v.defaultImage()));
      }
    }
    if (!allowed.contains(repository(image))) {
      throw new InvalidInputException(field, "image '" + image + "' is not allowed for " + platform + " on "
          + stage.name().toLowerCase(Locale.ROOT) + " (allowed: " + String.join(", ", new TreeSet<>(allowed))
          + "; an admin sets them in etc/dev.stoker.stages.cfg)");
    }
  }

  /** @return the repository of an image reference: without tag or digest */
  static String repository(String image) {
    if (image == null) {
      return "";
    }
    String ref = image.strip();
    int at = ref.indexOf('@');
    if (at >= 0) {
      ref = ref.substring(0, at);
    }
    int slash = ref.lastIndexOf('/');
    int colon = ref.lastIndexOf(':');
    return colon > slash ? ref.substring(0, colon) : ref;
  }
}
