package dev.stoker.api.environment;

/**
 * Container limits; 0 means no limit.
 *
 * @param memoryBytes memory limit
 * @param cpus CPU limit in cores
 */
public record ResourceLimits(long memoryBytes, double cpus) {
  /** No limits. */
  public static final ResourceLimits NONE = new ResourceLimits(0, 0);
}
