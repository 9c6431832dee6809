package dev.stoker.environments.internal;

import dev.stoker.api.platform.SecretFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Materialises the secrets an environment needs as files on the runtime host, for read-only bind mounts.
 * Values never pass through the environment service's own state.
 */
interface SecretFiles {

  /**
   * @param environmentId the environment the files are for (lease owner, innermost scope)
   * @param stage the environment's stage (the next scope out)
   * @param secrets variable → secret path pairs from the runtime profile
   * @param ownerUid uid of the gateway process, which must be able to read the files
   * @param actor the person the secrets are read for (audited under that name)
   * @return variable → host file holding the value
   * @throws IOException when a secret is missing or cannot be written
   */
  Map<String, Path> materialise(String environmentId, String stage, List<SecretFile> secrets, int ownerUid,
      String actor)
      throws IOException;

  /**
   * @param stage the environment's stage
   * @param secrets variable → secret path pairs from the runtime profile
   * @return those no scope of a new environment in {@code stage} can see (stage, then workspace)
   */
  List<SecretFile> missing(String stage, List<SecretFile> secrets);

  /** Removes the files of an environment (on stop or destroy). */
  void release(String environmentId);
}
