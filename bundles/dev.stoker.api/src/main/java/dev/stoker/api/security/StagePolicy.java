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
   * @param platform a platform id
   * @param stage a stage
   * @return the image repositories (without tag) the admin allows for the platform on the stage; empty when
   *     the admin set none, in which case the adapter's own repositories are the allow-list
   */
  Set<String> allowedImages(String platform, Stage stage);
}
