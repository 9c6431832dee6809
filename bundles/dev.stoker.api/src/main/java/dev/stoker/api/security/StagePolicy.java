package dev.stoker.api.security;

import dev.stoker.api.environment.Stage;
import java.util.List;
import java.util.Set;

/**
 * Least privilege per stage. Environments, deployments and the secrets they use belong to a stage; per
 * stage an admin sets which role may change environments, use secrets and lay uploaded modules or drivers,
 * and which images a platform may run there. Defaults: engineers work in dev, test and qa; staging and prod
 * need a lead (or an approved pipeline run, which acts with the approver's rights).
 *
 * <p>Every service that acts on a stage asks this policy with the user it acts for, so a lower role cannot
 * cross a stage boundary directly nor through something Stoker does on its behalf (a reveal, a container it
 * starts). Actors that are not users: {@code system} and {@code system:<task>} (Stoker's own work, e.g. a
 * restart after a secret rotation) and {@code shell:<user>} (the Karaf console, which is admin access
 * already) pass; anything else unknown is refused.
 *
 * <p>Threading: safe for concurrent use; the rules change with the configuration.
 */
@org.osgi.annotation.versioning.ProviderType
public interface StagePolicy {

  /** @return the stages in use, in promotion order (an admin may leave some of {@link Stage} out) */
  List<Stage> stages();

  /**
   * @param actor the user name the work is done for (as audited)
   * @param stage the stage acted on
   * @param action what is done
   * @throws dev.stoker.api.common.ForbiddenException naming the stage and the role it needs
   * @throws dev.stoker.api.common.InvalidInputException naming {@code stage} when the stage is not in use
   */
  void check(String actor, Stage stage, StageAction action);

  /** @return whether {@link #check} would pass */
  boolean allows(String actor, Stage stage, StageAction action);

  /**
   * {@link #check(String, Stage, StageAction)} for work on behalf of a project: the actor's role is the one
   * they have on the project's stage ({@link ProjectMemberService#roleOn}), so a binding such as "lead on
   * staging of project A" counts there and nowhere else, and a restricted project refuses non-members.
   *
   * @param project the project the work is for, or {@code null} for none (the global role counts)
   * @since 2.3
   */
  void check(String actor, String project, Stage stage, StageAction action);

  /**
   * @return the role the actor has on the project's stage (the global role when {@code project} is
   *     {@code null}), or empty for an unknown or disabled actor, or a restricted project they are not a member of
   * @since 2.3
   */
  java.util.Optional<Role> roleOn(String actor, String project, Stage stage);

  /**
   * @param platform a platform id
   * @param stage a stage
   * @return the image repositories (without tag) the admin allows for the platform on the stage; empty when
   *     the admin set none, in which case the adapter's own repositories are the allow-list
   */
  Set<String> allowedImages(String platform, Stage stage);
}
