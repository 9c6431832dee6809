package dev.stoker.api.pipeline;

import dev.stoker.api.repository.ResourceTree;
import java.util.List;

/**
 * A platform's checks of a whole project, run by the {@code validate} step before anything reaches a gateway
 * (e.g. Ignition: every Python script compiles under Jython 2.7, views have a root container). Adapter
 * bundles register one service per check; a check may leave at any time.
 *
 * <p>A check only reads: it never runs project code, never does network I/O and must stay bounded on large
 * projects (tens of thousands of files). Threading: called concurrently for different runs.
 */
@org.osgi.annotation.versioning.ConsumerType
public interface ProjectCheck {

  /** @return the platform id whose projects it checks */
  String platform();

  /** @return the rules it reports, with their default levels */
  List<Rule> rules();

  /**
   * @param tree the revision's project (blob pointers resolved)
   * @param settings levels and options per rule; rules switched off are not reported
   * @return what it found, in a stable order
   */
  List<Finding> check(ResourceTree tree, CheckSettings settings);

  /**
   * @param id rule id, unique across the platform's checks (lower case, hyphens)
   * @param level default level
   * @param description what it finds
   */
  record Rule(String id, Severity level, String description) {
  }
}
